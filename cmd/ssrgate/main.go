// Command ssrgate serves Go-template sites with server-rendered React and Vue
// islands, renders single components, and builds client assets.
//
//	ssrgate serve  [flags]                  the standalone site
//	ssrgate render [flags] NAME [PROPS_JSON] print one component's server HTML
//	ssrgate build  [flags]                  write client assets and manifest.json
//	ssrgate warm   [flags]                  render a list of pages into a replica's caches
//
// Every flag can also be set by an environment variable: --cache-ttl is
// SSRGATE_CACHE_TTL. Flags win over the environment.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/internal/hypernova"
	"github.com/ssrgate/ssrgate/internal/server"
	"github.com/ssrgate/ssrgate/ssr"
)

const usage = `ssrgate: server-side rendering of React and Vue islands in Go templates

usage:
  ssrgate serve  [flags]                    serve the site in --templates
  ssrgate render [flags] NAME [PROPS_JSON]  print a component's server HTML
  ssrgate build  [flags]                    write client assets and manifest.json to --out
  ssrgate warm   --urls FILE|--sitemap SRC --base URL   render pages into a replica's caches

Run "ssrgate COMMAND -h" for the flags of a command, "ssrgate --version"
for the version.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(args[1:], stderr)
	case "render":
		err = render(args[1:], stdout, stderr)
	case "build":
		err = build(args[1:], stdout, stderr)
	case "warm":
		err = warmCmd(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		if len(args) == 2 && args[0] == "help" { // help COMMAND
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return 0
	case "-v", "--version", "version":
		fmt.Fprintln(stdout, versionLine())
		return 0
	default:
		fmt.Fprintf(stderr, "ssrgate: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "ssrgate %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// engineFlags are the flags every command that builds an engine shares.
// Flags the library has a default for start at their zero value, which
// leaves the field to ssr.Config's defaults (ssr.Defaults, printed in the
// help text), so no default is written twice. Register new flags in the
// block of their concern.
type engineFlags struct {
	components, root, publicPath string
	poolSize, maxRenders         int
	renderTimeout, acquireTime   time.Duration
	cacheTTL, cacheStale         time.Duration
	cacheMB, maxHTMLMB           int64
	maxOutput                    int
	strict, dev                  bool
	logLevel, logFormat          string
	reactRenderer                string
	cspNonce                     bool
	redis                        redisFlags

	// containment (README "When components misbehave")
	renderMaxAllocMB, maxHeapMB        int64
	breakerFailures, componentRuntimes int
	breakerWindow, breakerCooldown     time.Duration
	freshRuntime                       bool
}

func (f *engineFlags) register(fs *flag.FlagSet) {
	d := ssr.Defaults()

	// Sources.
	fs.StringVar(&f.components, "components", "", "directory of React and Vue components"+dflt(d.ComponentsDir))
	fs.StringVar(&f.root, "root", "", "directory whose node_modules provides react, react-dom and vue"+dflt(d.Root))
	fs.StringVar(&f.publicPath, "public-path", "", "URL prefix of client assets: a path or a CDN URL (https://cdn.example.com/assets/)"+dflt(d.PublicPath))

	// Runtimes.
	fs.IntVar(&f.poolSize, "pool-size", 0, "JS runtimes rendering in parallel (default: number of CPUs, "+fmt.Sprint(d.PoolSize)+" here)")
	fs.IntVar(&f.maxRenders, "runtime-max-renders", 0, "retire a JS runtime after this many renders (bounds heap growth); negative: never"+dflt(d.RuntimeMaxRenders))
	fs.Int64Var(&f.maxHTMLMB, "runtime-max-html-mb", 0, "retire a JS runtime after it rendered this many MiB of HTML; negative: no bound"+dflt(d.RuntimeMaxHTMLBytes>>20))
	fs.DurationVar(&f.renderTimeout, "render-timeout", 0, "deadline of one render; past it the island renders in the browser"+dflt(d.RenderTimeout))
	fs.DurationVar(&f.acquireTime, "acquire-timeout", 0, "longest wait for a free JS runtime before falling back to browser rendering"+dflt(d.AcquireTimeout))
	fs.IntVar(&f.maxOutput, "max-output", 0, "largest HTML one render may produce, in bytes"+dflt(d.MaxOutputBytes))
	fs.Var(choice{&f.reactRenderer, []string{ssr.ReactRendererFast, ssr.ReactRendererReact}}, "react-renderer", "React islands: fast (ssrgate's renderer, React's own for trees it does not support) or react (always React's renderToString)"+dflt(d.ReactRenderer))

	// Render cache.
	fs.DurationVar(&f.cacheTTL, "cache-ttl", 0, "render cache TTL; negative turns the cache off"+dflt(d.CacheTTL))
	fs.DurationVar(&f.cacheStale, "cache-stale", 0, "serve expired cache entries this long while refreshing; negative: never (default: equal to --cache-ttl)")
	fs.Int64Var(&f.cacheMB, "cache-mb", 0, "render cache size bound in MiB"+dflt(d.CacheMaxBytes>>20))

	// Errors and logs.
	fs.BoolVar(&f.strict, "strict", false, "show server-render errors instead of falling back to browser rendering")
	fs.BoolVar(&f.dev, "dev", false, "development: watch, rebuild and reload open pages on save; errors in an overlay; unminified bundles")
	fs.StringVar(&f.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&f.logFormat, "log-format", "text", "text or json")

	// Content-Security-Policy.
	fs.BoolVar(&f.cspNonce, "csp-nonce", false, "send a strict Content-Security-Policy with a fresh nonce per page, and put the nonce on every script ssrgate writes")

	// Shared render cache (Redis).
	f.redis.register(fs, d)

	// Containment.
	fs.Int64Var(&f.renderMaxAllocMB, "render-max-alloc-mb", 0, "interrupt a render that allocated more than this many MiB (island falls back: memory); negative: no bound"+dflt(d.RenderMaxAllocBytes>>20))
	fs.Int64Var(&f.maxHeapMB, "max-heap-mb", 0, "while the Go heap is over this many MiB, interrupt the largest render (default: no bound)")
	fs.IntVar(&f.breakerFailures, "breaker-failures", 0, "failures within --breaker-window that make a component render in the browser only; negative: no breaker"+dflt(d.BreakerFailures))
	fs.DurationVar(&f.breakerWindow, "breaker-window", 0, "window in which --breaker-failures are counted"+dflt(d.BreakerWindow))
	fs.DurationVar(&f.breakerCooldown, "breaker-cooldown", 0, "how long an open breaker keeps a component browser-only"+dflt(d.BreakerCooldown))
	fs.IntVar(&f.componentRuntimes, "component-max-runtimes", 0, "JS runtimes one component may hold at once (default: pool size - 1, at least 1)")
	fs.BoolVar(&f.freshRuntime, "fresh-runtime", false, "give every render a fresh JS runtime (no module state shared between renders; costs a runtime build per render)")
}

// dflt is the help text's note of a library default, for flags whose own
// default is the zero value that leaves the setting to the library.
func dflt(v any) string {
	if d, ok := v.(time.Duration); ok {
		return " (default " + d.String() + ")"
	}
	return fmt.Sprintf(" (default %v)", v)
}

// choice is a string flag that accepts only one of its values, so a typo
// is reported against the flag (or its SSRGATE_ variable) at parse time.
type choice struct {
	p      *string
	values []string
}

func (c choice) String() string {
	if c.p == nil {
		return ""
	}
	return *c.p
}

func (c choice) Set(v string) error {
	for _, ok := range c.values {
		if v == ok {
			*c.p = v
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", v, strings.Join(c.values, ", "))
}

func (f *engineFlags) logger(w io.Writer) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(f.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch f.logFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json, not %q", f.logFormat)
}

func (f *engineFlags) config(log *slog.Logger) ssr.Config {
	return ssr.Config{
		ComponentsDir: f.components, Root: f.root, PublicPath: f.publicPath, PoolSize: f.poolSize, RuntimeMaxRenders: f.maxRenders, RuntimeMaxHTMLBytes: f.maxHTMLMB << 20,
		RenderTimeout: f.renderTimeout, AcquireTimeout: f.acquireTime, MaxOutputBytes: f.maxOutput, ReactRenderer: f.reactRenderer,
		CacheTTL: f.cacheTTL, CacheStale: f.cacheStale, CacheMaxBytes: f.cacheMB << 20,
		Strict: f.strict || f.dev, Dev: f.dev, Logger: log,
		CSPNonce:            f.cspNonce,
		RenderMaxAllocBytes: f.renderMaxAllocMB << 20, MaxHeapBytes: f.maxHeapMB << 20,
		BreakerFailures: f.breakerFailures, BreakerWindow: f.breakerWindow, BreakerCooldown: f.breakerCooldown,
		ComponentMaxRuntimes: f.componentRuntimes, FreshRuntimePerRender: f.freshRuntime,
		CacheRedis: f.redis.url, CacheRedisNamespace: f.redis.namespace, CacheRedisTimeout: f.redis.timeout,
		CacheRedisLockWait: f.redis.lockWait, CacheRedisCooldown: f.redis.cooldown,
	}
}

// parse parses args after applying SSRGATE_* environment variables.
func parse(fs *flag.FlagSet, args []string) error {
	var envErr error
	fs.VisitAll(func(fl *flag.Flag) {
		name := envName(fl.Name)
		if v, ok := os.LookupEnv(name); ok && envErr == nil {
			if err := fs.Set(fl.Name, v); err != nil {
				envErr = fmt.Errorf("%s=%q: %w", name, v, err)
			}
		}
	})
	if envErr != nil {
		return envErr
	}
	return fs.Parse(args)
}

// serveFlags are the flags of serve beyond the engine's.
type serveFlags struct {
	addr, templates, cacheControl string
	drain, jobTimeout             time.Duration
	accessLog                     bool
	warm                          warmFlags

	// containment (README "When components misbehave")
	drainDelay, readTimeout, writeTimeout time.Duration
	renderToken, trustedProxies           string
	renderStacks                          bool
	maxBatchJobs                          int
}

func (f *serveFlags) register(fs *flag.FlagSet) {
	// Site.
	fs.StringVar(&f.addr, "addr", ":8080", "listen address")
	fs.StringVar(&f.templates, "templates", "", "directory of pages/, layouts/, partials/ and data/"+dflt(server.DefaultTemplatesDir))
	fs.StringVar(&f.cacheControl, "cache-control", "", "Cache-Control of pages that do not set their own"+dflt(server.DefaultCacheControl))
	fs.DurationVar(&f.drain, "shutdown-timeout", 15*time.Second, "how long shutdown waits for in-flight requests")
	fs.BoolVar(&f.accessLog, "access-log", true, "log every request")
	fs.DurationVar(&f.drainDelay, "drain-delay", 5*time.Second, "on SIGTERM, answer /readyz with 503 this long before closing the listener, so load balancers stop sending traffic")
	fs.DurationVar(&f.readTimeout, "read-timeout", 10*time.Second, "longest time to read one request, body included (a slow-sent body is cut off)")
	fs.DurationVar(&f.writeTimeout, "write-timeout", 30*time.Second, "longest time to handle one request and write its response")
	fs.StringVar(&f.trustedProxies, "trusted-proxies", "", "comma-separated addresses or CIDRs whose X-Forwarded-For is believed (default: none)")
	fs.StringVar(&f.renderToken, "render-token", "", "require Authorization: Bearer TOKEN on /batch and /render (default: none)")
	fs.BoolVar(&f.renderStacks, "render-stacks", false, "include JS stack frames in /batch and /render error answers")
	fs.IntVar(&f.maxBatchJobs, "max-batch-jobs", 0, "most jobs one /batch request may hold; more is a 413"+dflt(hypernova.DefaultMaxJobs))

	// Render API (Hypernova).
	fs.DurationVar(&f.jobTimeout, "job-timeout", 0, "deadline of one /batch or /render job, from the request's arrival"+dflt(hypernova.DefaultJobTimeout))

	// Warm-up before /readyz.
	f.warm.register(fs)
}

func serve(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ef engineFlags
	ef.register(fs)
	var sf serveFlags
	sf.register(fs)
	setUsage(fs, stderr, "ssrgate serve [flags]",
		"Serves the site in --templates: file-based pages with server-rendered islands, the\n"+
			"render API (/batch, /render) and /healthz, /readyz, /metrics. With --dev it watches\n"+
			"the sources, rebuilds on save and reloads the open pages.")
	if err := parse(fs, args); err != nil {
		return err
	}
	log, err := ef.logger(stderr)
	if err != nil {
		return err
	}
	eng, err := ssr.New(ef.config(log))
	if err != nil {
		return err
	}
	defer eng.Close()
	srv, err := server.New(server.Config{
		Engine: eng, TemplatesDir: sf.templates, CacheControl: sf.cacheControl,
		Strict: ef.strict || ef.dev, Logger: log, AccessLog: sf.accessLog, Routes: apiRoutes(eng, log, sf),
		TrustedProxies: splitList(sf.trustedProxies),
	})
	if err != nil {
		return err
	}
	if sf.warm.src != "" {
		srv.SetReady(false) // until warmed
	}
	writeTimeout := sf.writeTimeout
	if ef.dev {
		writeTimeout = 0 // dev mode's reload event streams stay open
	}
	hs := &http.Server{Addr: sf.addr, Handler: srv.Handler(), ReadHeaderTimeout: min(sf.readTimeout, 10*time.Second),
		ReadTimeout: sf.readTimeout, WriteTimeout: writeTimeout, IdleTimeout: 2 * time.Minute}
	hs.RegisterOnShutdown(eng.StopDev) // dev mode's event streams would hold Shutdown up
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// Listen before logging "serving", so the port is open when the line
	// appears and a busy port is an error here.
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "routes", srv.Routes())
	if sf.warm.src != "" {
		go sf.warm.warmThenReady(ctx, srv, log, stderr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	srv.SetReady(false)
	if sf.drainDelay > 0 {
		log.Info("draining: /readyz answers 503 before the listener closes", "delay", sf.drainDelay)
		time.Sleep(sf.drainDelay)
	}
	log.Info("shutting down: finishing in-flight requests", "timeout", sf.drain)
	sctx, cancel := context.WithTimeout(context.Background(), sf.drain)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

func render(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ef engineFlags
	ef.registerOnly(fs, "components", "root", "render-timeout", "max-output", "react-renderer")
	setUsage(fs, stderr, "ssrgate render [flags] NAME [PROPS_JSON]",
		"Prints the server HTML of component NAME with PROPS_JSON (default {}), exactly as\n"+
			"renderToString gives it, without an island wrapper. A render error exits 1 with\n"+
			"the stack mapped to the component's source.")
	if err := parse(fs, args); err != nil {
		return err
	}
	for _, a := range fs.Args()[min(1, fs.NArg()):] {
		if strings.HasPrefix(a, "-") {
			fs.Usage()
			return fmt.Errorf("%s after NAME: flags go before NAME (ssrgate render [flags] NAME [PROPS_JSON])", a)
		}
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return errors.New("want a component NAME and optional PROPS_JSON")
	}
	name, props := fs.Arg(0), "{}"
	if fs.NArg() == 2 {
		props = fs.Arg(1)
	}
	if !json.Valid([]byte(props)) {
		return fmt.Errorf("PROPS_JSON is not valid JSON: %s", props)
	}
	ef.logLevel = "warn"
	log, err := ef.logger(stderr)
	if err != nil {
		return err
	}
	cfg := ef.config(log)
	cfg.PoolSize = 1
	cfg.CacheTTL = -1
	eng, err := ssr.New(cfg)
	if err != nil {
		return err
	}
	defer eng.Close()
	html, err := eng.Render(context.Background(), name, json.RawMessage(props))
	if err != nil {
		var re *ssr.RenderError
		if errors.As(err, &re) && re.Stack != "" {
			return fmt.Errorf("%w\n%s", err, re.Stack)
		}
		return err
	}
	_, err = io.WriteString(stdout, html)
	return err
}

func build(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ef engineFlags
	ef.registerOnly(fs, "components", "root", "public-path", "dev", "react-renderer")
	fs.Lookup("dev").Usage = "unminified client bundles, for readable browser stacks"
	out := fs.String("out", "dist", "output directory")
	setUsage(fs, stderr, "ssrgate build [flags]",
		"Bundles the components and writes the browser assets and manifest.json to --out,\n"+
			"for a CDN; no JS runtime is started.")
	if err := parse(fs, args); err != nil {
		return err
	}
	info, err := ssr.Build(ef.config(nil), *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d components (build %s) into %s\n", info.Components, info.BuildID, *out)
	return nil
}

// apiRoutes adds the render service for non-Go backends: Hypernova's
// POST /batch, POST /render, and the browser client under /hypernova/.
func apiRoutes(eng *ssr.Engine, log *slog.Logger, sf serveFlags) func(r *gin.Engine) {
	return func(r *gin.Engine) {
		hypernova.Register(r, eng, hypernova.Config{Logger: log, JobTimeout: sf.jobTimeout,
			Token: sf.renderToken, Stacks: sf.renderStacks, MaxJobs: sf.maxBatchJobs})
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, it := range strings.Split(s, ",") {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}
