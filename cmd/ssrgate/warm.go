package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/ssrgate/ssrgate/internal/server"
	"github.com/ssrgate/ssrgate/internal/warm"
	"github.com/ssrgate/ssrgate/ssr"
)

// redisFlags configure the shared render cache on Redis.
type redisFlags struct {
	url, namespace              string
	timeout, lockWait, cooldown time.Duration
}

func (f *redisFlags) register(fs *flag.FlagSet, d ssr.Config) {
	fs.StringVar(&f.url, "cache-redis", "", "shared render cache on Redis: redis://HOST:PORT/DB; empty: in-process cache only")
	fs.StringVar(&f.namespace, "cache-redis-namespace", "", "prefix of every Redis key"+dflt(d.CacheRedisNamespace))
	fs.DurationVar(&f.timeout, "cache-redis-timeout", 0, "deadline of one Redis command; past it the render goes on locally"+dflt(d.CacheRedisTimeout))
	fs.DurationVar(&f.lockWait, "cache-redis-lock-wait", 0, "how long a miss waits for another replica rendering the same key; unset: --render-timeout"+dflt(d.CacheRedisLockWait))
	fs.DurationVar(&f.cooldown, "cache-redis-cooldown", 0, "how long a replica stops asking Redis after 5 failed commands in a row"+dflt(d.CacheRedisCooldown))
}

// warmFlags are serve's warming flags.
type warmFlags struct {
	src         string
	concurrency int
	timeout     time.Duration
}

func (f *warmFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.src, "warm", "", "before /readyz reports ready, render these pages: a file of URLs or paths, or a sitemap.xml (file, http(s) URL, or /path on this site); empty: no warm-up")
	fs.IntVar(&f.concurrency, "warm-concurrency", 4, "pages warmed at once")
	fs.DurationVar(&f.timeout, "warm-timeout", 5*time.Minute, "longest warm-up; then the replica reports ready anyway")
}

// warmThenReady warms srv in process, then marks it ready. Failures are
// logged, not fatal: a replica that never becomes ready over one broken
// page would be worse than one that serves it cold.
func (f *warmFlags) warmThenReady(ctx context.Context, srv *server.Server, log *slog.Logger, stderr io.Writer) {
	defer func() {
		if ctx.Err() == nil {
			srv.SetReady(true)
			log.Info("ready")
		}
	}()
	wctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	target := warm.Handler{Handler: srv.Handler()}
	paths, err := warm.Load(wctx, f.src, target)
	if err != nil {
		log.Error("warm-up skipped", "err", err)
		return
	}
	log.Info("warming", "pages", len(paths), "from", f.src)
	s := warm.Run(wctx, paths, target, warm.Options{Concurrency: f.concurrency})
	lvl := slog.LevelInfo
	if len(s.Failed) > 0 || wctx.Err() != nil {
		lvl = slog.LevelWarn
	}
	log.Log(ctx, lvl, "warmed", "pages", s.Pages, "of", len(paths), "renders", s.Renders, "shared_cache_hits", s.RedisHits,
		"fallbacks", s.Fallbacks, "failed", len(s.Failed), "took", s.Took.Round(time.Millisecond))
	for i, fl := range s.Failed {
		if i == 10 {
			break
		}
		log.Warn("warm failed", "path", fl.Path, "err", fl.Err)
	}
}

// warmCmd is `ssrgate warm`: render a list of pages through a running
// replica, so its caches (and the shared Redis cache) hold them before the
// load balancer sends it traffic.
func warmCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("warm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	urls := fs.String("urls", "", "file of URLs or paths to warm, one a line (# comments)")
	sm := fs.String("sitemap", "", "sitemap.xml to warm: a file, an http(s) URL, or a /path on --base")
	base := fs.String("base", "http://127.0.0.1:8080", "the replica to warm")
	conc := fs.Int("concurrency", 4, "pages fetched at once (the replica's --pool-size is a good value)")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline of one page")
	maxFail := fs.Int("max-failures", 0, "exit 0 despite up to this many failed pages")
	progress := fs.String("progress", "auto", "auto (a bar on a terminal, lines otherwise), bar, lines or none")
	setUsage(fs, stderr, "ssrgate warm --urls FILE|--sitemap SRC [--base http://replica:8080] [flags]",
		"Renders a list of pages through a running replica, so its caches (and the shared\n"+
			"Redis cache) hold them before the load balancer sends it traffic.")
	if err := parse(fs, args); err != nil {
		return err
	}
	src := *urls
	if (*urls == "") == (*sm == "") {
		fs.Usage()
		return errors.New("want exactly one of --urls FILE and --sitemap SRC")
	}
	if src == "" {
		src = *sm
	} else if fi, err := os.Stat(src); err != nil || fi.IsDir() {
		return fmt.Errorf("--urls %s: not a readable file (for a sitemap URL or path use --sitemap)", src)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	target := warm.HTTP{Base: *base, Client: &http.Client{Timeout: *timeout}}
	ctx, stop := signalContext()
	defer stop()
	paths, err := warm.Load(ctx, src, target)
	if err != nil {
		return err
	}
	opts := warm.Options{Concurrency: *conc, Progress: stderr}
	switch *progress {
	case "auto":
		if f, ok := stderr.(*os.File); ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
			opts.TTY = true
		}
	case "bar":
		opts.TTY = true
	case "lines":
	case "none":
		opts.Progress = nil
	default:
		return fmt.Errorf("--progress must be auto, bar, lines or none, not %q", *progress)
	}
	fmt.Fprintf(stderr, "warming %d pages on %s\n", len(paths), *base)
	s := warm.Run(ctx, paths, target, opts)
	fmt.Fprintln(stdout, s.String())
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted after %d of %d pages", s.Pages, len(paths))
	}
	if len(s.Failed) > *maxFail {
		return fmt.Errorf("%d of %d pages failed (--max-failures %d)", len(s.Failed), len(paths), *maxFail)
	}
	return nil
}

// signalContext is cancelled by SIGINT or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
}
