package ssr

import (
	"errors"
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
	// Engine.Assets there. Optional. Default "/_ssr/".
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
	// many times and starts a fresh one in the background. goja's WeakMap
	// keeps values strongly, so frameworks that map objects to proxies of
	// themselves (Vue's reactive()) grow a runtime's heap with every
	// render; recycling bounds that. A new runtime costs about 3 ms.
	// Optional. Default 200 (jsvm.DefaultMaxUses). Negative: never retire.
	RuntimeMaxRenders int
	// RuntimeMaxHTMLBytes retires a runtime once its renders have produced
	// this much HTML in total: the leak grows with the size of renders
	// (about 9 bytes of heap per byte of HTML for a Vue list in the
	// benchmark), so big renders need earlier recycling than the render
	// count gives. Optional. Default 8 MiB. Negative: no bound.
	RuntimeMaxHTMLBytes int64
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
	if c.PublicPath[0] != '/' {
		return errors.New("ssr: PublicPath must start with /")
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
	if c.CacheTTL == 0 {
		c.CacheTTL = time.Minute
	}
	if c.CacheStale == 0 {
		c.CacheStale = c.CacheTTL
	}
	if c.CacheMaxBytes == 0 {
		c.CacheMaxBytes = 64 << 20
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
