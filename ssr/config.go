package ssr

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// Config configures an Engine. The zero value works for a project laid out
// like the demo: components in ./components and node_modules in ./.
// Defaults are filled in one place, by New; Defaults returns them.
type Config struct {
	// ComponentsDir holds the components. Optional. Default "components".
	ComponentsDir string
	// Root is the directory whose node_modules provides react, react-dom,
	// vue and the components' packages. Optional. Default ".".
	Root string
	// PublicPath is the URL prefix the client assets are served under; mount
	// Engine.Assets there. A path ("/_ssr/") or an absolute http(s) URL
	// of a CDN ("https://cdn.example.com/assets/"): pages then load the
	// assets from the CDN, and Engine.Assets and Mount serve them under the
	// URL's path ("/assets/") for a CDN that pulls from this server.
	// Optional. Default "/_ssr/".
	PublicPath string

	// PoolSize is the number of JS runtimes rendering in parallel.
	// Optional. Default runtime.NumCPU().
	PoolSize int
	// RenderTimeout bounds one render, including settling async components.
	// A render past it is interrupted and its island falls back to
	// client-only rendering. Optional. Default 2s.
	RenderTimeout time.Duration
	// AcquireTimeout bounds the wait for a free runtime. Past it the island
	// falls back to client-only rendering rather than queueing without
	// limit. Optional. Default 250ms.
	AcquireTimeout time.Duration
	// RuntimeMaxRenders retires a JS runtime after it has rendered this
	// many times: a fresh one is built in the background while the old one
	// serves on, and takes its place once ready, so no render waits for it. goja's WeakMap
	// keeps values strongly, so code that maps objects to values leading
	// back to them grows a runtime's heap with every render; recycling
	// bounds that. (Vue's reactivity did; the server bundle patches its
	// maps into ephemerons, see internal/bundle/patches.go.) A new runtime
	// with the demo's bundle costs 10-15 ms of one core, built beside
	// the serving runtimes (BenchmarkNewVMDemoBundle in internal/jsvm).
	// Optional. Default 1000 (jsvm.DefaultMaxUses). Negative: never retire.
	RuntimeMaxRenders int
	// RuntimeMaxHTMLBytes retires a runtime once its renders have produced
	// this much HTML in total: such a leak grows with the size of renders
	// (it was about 9 bytes of heap per byte of HTML for a reactive Vue
	// list before the reactivity patch), so big renders need earlier
	// recycling than the render count gives. Optional. Default 8 MiB.
	// Negative: no bound.
	RuntimeMaxHTMLBytes int64
	// ReactRenderer picks the renderer for React islands: "fast" tries
	// ssrgate's renderer (package reactfast, byte-identical to React's
	// renderToString for the trees it supports) and falls back to React's
	// own per island; "react" always uses React's renderToString.
	// Optional. Default "fast".
	ReactRenderer string
	// MaxOutputBytes bounds the HTML of one render; larger output is an
	// error (and a client-only fallback). Optional. Default 4 MiB.
	MaxOutputBytes int

	// CacheTTL is how long a rendered island stays fresh in the render cache.
	// Optional. Default 1m. A negative value turns the cache off.
	CacheTTL time.Duration
	// CacheStale is how long past its TTL an entry may still be served while
	// one background render refreshes it (stale-while-revalidate).
	// Optional. Default equal to CacheTTL. Negative: never serve stale.
	CacheStale time.Duration
	// CacheMaxBytes bounds the render cache's size. Optional. Default 64 MiB.
	CacheMaxBytes int64

	// CompressCacheMaxBytes bounds the cache of compressed page bodies
	// that WritePage, Compress and GinCompress send from: each distinct
	// body is compressed once per coding (brotli, zstd, gzip), from its
	// second request on. Optional. Default 32 MiB. Negative: no cache.
	CompressCacheMaxBytes int64

	// Containment: what bounds one misbehaving component (see README "When
	// components misbehave").

	// RenderMaxAllocBytes bounds the heap one render may allocate, measured
	// by a watchdog on runtime/metrics; past it the render is interrupted
	// and its island falls back ("memory"). Concurrent renders share each
	// interval's allocations evenly. Optional. Default 512 MiB. Negative:
	// no bound.
	RenderMaxAllocBytes int64
	// MaxHeapBytes bounds the process heap: while it is over, the running
	// render that allocated most is interrupted ("memory"). Optional.
	// Default: no bound. Set it below the container's memory limit.
	MaxHeapBytes int64
	// MaxStuckRuntimes bounds the runtimes abandoned at the deadline while
	// stuck inside a built-in; past it they are not replaced until one
	// returns, and Ready reports the lost capacity. Optional. Default
	// PoolSize.
	MaxStuckRuntimes int
	// ComponentMaxRuntimes bounds the runtimes one component may hold at
	// once, so a component that loops cannot take every runtime from the
	// others. Optional. Default PoolSize-1 (at least 1).
	ComponentMaxRuntimes int
	// BreakerFailures opens a component's circuit breaker after this many
	// timeouts, errors, memory kills or crashes within BreakerWindow: the
	// component then renders in the browser only ("breaker") for
	// BreakerCooldown, after which one render tries it again. Optional.
	// Default 5. Negative: no breaker.
	BreakerFailures int
	// BreakerWindow is the window BreakerFailures are counted in.
	// Optional. Default 30s.
	BreakerWindow time.Duration
	// BreakerCooldown is how long an open breaker keeps a component
	// client-only. Optional. Default 30s.
	BreakerCooldown time.Duration
	// FreshRuntimePerRender gives every render a runtime no other render
	// has used (pre-warmed in the background), so module-level state of a
	// component (a variable holding the last props, a memo cache) cannot
	// carry one visitor's data into another's page. It costs a runtime
	// build per render (see README). Optional. Default off.
	FreshRuntimePerRender bool

	// Shared render cache: a second level on Redis behind the in-process
	// cache, shared by every replica (README, "Deployment"). Redis is never
	// on the critical path: when it is slow, full or down, renders go on
	// locally.

	// CacheRedis is the URL of a Redis or Valkey server,
	// redis://[:PASSWORD@]HOST:PORT/DB (rediss:// for TLS). Successful
	// renders are stored there too, and a cold key is rendered once per
	// cluster. Optional. Default "": no shared cache.
	CacheRedis string
	// CacheRedisNamespace prefixes every key, so clusters or sites can
	// share one Redis. Optional. Default "ssrgate".
	CacheRedisNamespace string
	// CacheRedisTimeout bounds each Redis command; past it the render goes
	// on locally. Optional. Default 100ms.
	CacheRedisTimeout time.Duration
	// CacheRedisLockWait bounds how long a miss waits for another replica
	// that is rendering the same key before rendering it here.
	// Optional. Default equal to RenderTimeout.
	CacheRedisLockWait time.Duration
	// CacheRedisCooldown is how long a replica stops asking Redis after
	// five failed commands in a row (a circuit breaker); then one request
	// probes it. Optional. Default 10s.
	CacheRedisCooldown time.Duration

	// Strict turns server-render failures into errors (the template fails,
	// and the page shows it) instead of client-only fallbacks. Use it in
	// development and CI.
	Strict bool
	// Dev is development mode, for a developer's machine only: unminified
	// client bundles; server-render errors as with Strict; ComponentsDir,
	// DevWatch and Root's package.json and package-lock.json watched, and
	// every change rebuilt and swapped in without a restart; pages (through
	// Finish, Execute or HTMLRender) get a small client that reloads them
	// after each rebuild (swapping stylesheets in place when only CSS
	// changed) and shows build, template and render errors in an overlay
	// with file, line and code frame. Mount Engine.Assets (or Engine.Mount)
	// for the client's script and event stream.
	Dev bool
	// DevWatch lists more files or directories (for example the templates)
	// whose changes reload the open pages in dev mode. Optional.
	DevWatch []string
	// Logger receives render failures and component console output.
	// Optional. Default slog.Default().
	Logger *slog.Logger

	// CSPNonce gives every page executed through ExecutePage (and so
	// Execute, the Gin HTMLRender and ssrgate serve) a fresh nonce, puts it
	// on every script ssrgate writes and in {{ cspNonce }}, and sends
	// Content-Security-Policy: CSPPolicy(nonce) with the response, unless a
	// nonce came from the caller (see csp.go). Optional. Default off.
	CSPNonce bool
}

// Defaults returns the Config New uses when every optional field is zero:
// the defaults documented on Config's fields, from the one place that fills
// them. The ssrgate command prints them in its help text, so tools that wrap
// the library need not restate a number.
func Defaults() Config {
	var c Config
	if err := c.fill(); err != nil {
		panic("ssr: the zero Config does not fill: " + err.Error()) // a bug in fill, caught by TestConfigDefaults
	}
	return c
}

func (c *Config) fill() error {
	if c.ComponentsDir == "" {
		c.ComponentsDir = "components"
	}
	if c.Root == "" {
		c.Root = "."
	}
	if c.PublicPath == "" {
		c.PublicPath = "/_ssr/"
	}
	if err := checkPublicPath(c.PublicPath); err != nil {
		return err
	}
	if c.PublicPath[len(c.PublicPath)-1] != '/' {
		c.PublicPath += "/"
	}
	if c.PoolSize == 0 {
		c.PoolSize = jsvm.DefaultSize()
	}
	if c.PoolSize < 0 {
		return errors.New("ssr: PoolSize must not be negative")
	}
	if c.RenderTimeout == 0 {
		c.RenderTimeout = 2 * time.Second
	}
	if c.AcquireTimeout == 0 {
		c.AcquireTimeout = 250 * time.Millisecond
	}
	if c.RuntimeMaxRenders == 0 {
		c.RuntimeMaxRenders = jsvm.DefaultMaxUses
	}
	if c.RuntimeMaxHTMLBytes == 0 {
		c.RuntimeMaxHTMLBytes = 8 << 20
	}
	if c.MaxOutputBytes == 0 {
		c.MaxOutputBytes = 4 << 20
	}
	switch c.ReactRenderer {
	case "":
		c.ReactRenderer = ReactRendererFast
	case ReactRendererFast, ReactRendererReact:
	default:
		return fmt.Errorf("ssr: ReactRenderer %q is not a renderer; use %q or %q", c.ReactRenderer, ReactRendererFast, ReactRendererReact)
	}
	if c.CacheTTL == 0 {
		c.CacheTTL = time.Minute
	}
	if c.CacheStale == 0 {
		c.CacheStale = c.CacheTTL
	}
	if c.CacheMaxBytes == 0 {
		c.CacheMaxBytes = 64 << 20
	}
	if c.CompressCacheMaxBytes == 0 {
		c.CompressCacheMaxBytes = 32 << 20
	}
	if c.RenderMaxAllocBytes == 0 {
		c.RenderMaxAllocBytes = 512 << 20
	}
	if c.MaxStuckRuntimes == 0 {
		c.MaxStuckRuntimes = c.PoolSize
	}
	if c.ComponentMaxRuntimes == 0 {
		c.ComponentMaxRuntimes = max(1, c.PoolSize-1)
	}
	if c.BreakerFailures == 0 {
		c.BreakerFailures = 5
	}
	if c.BreakerWindow == 0 {
		c.BreakerWindow = 30 * time.Second
	}
	if c.BreakerCooldown == 0 {
		c.BreakerCooldown = 30 * time.Second
	}
	if c.ComponentMaxRuntimes < 0 || c.MaxStuckRuntimes < 0 || c.BreakerWindow < 0 || c.BreakerCooldown < 0 || c.MaxHeapBytes < 0 {
		return errors.New("ssr: containment bounds must not be negative (only RenderMaxAllocBytes and BreakerFailures may be, to turn them off)")
	}
	if c.CacheRedisNamespace == "" {
		c.CacheRedisNamespace = "ssrgate"
	}
	if c.CacheRedisTimeout == 0 {
		c.CacheRedisTimeout = 100 * time.Millisecond
	}
	if c.CacheRedisLockWait == 0 {
		c.CacheRedisLockWait = c.RenderTimeout
	}
	if c.CacheRedisCooldown == 0 {
		c.CacheRedisCooldown = 10 * time.Second
	}
	if c.CacheRedisTimeout < 0 || c.CacheRedisLockWait < 0 || c.CacheRedisCooldown < 0 {
		return errors.New("ssr: CacheRedisTimeout, CacheRedisLockWait and CacheRedisCooldown must not be negative")
	}
	if c.RenderTimeout < 0 || c.AcquireTimeout < 0 || c.MaxOutputBytes < 0 || c.CacheMaxBytes < 0 {
		return errors.New("ssr: timeouts and sizes must not be negative")
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}

// The values of Config.ReactRenderer.
const (
	ReactRendererFast  = "fast"
	ReactRendererReact = "react"
)
