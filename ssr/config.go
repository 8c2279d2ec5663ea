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

	// Strict turns server-render failures into errors (the template fails,
	// and the page shows it) instead of client-only fallbacks. Use it in
	// development and CI.
	Strict bool
	// Dev builds unminified client bundles.
	Dev bool
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
	if c.RenderTimeout < 0 || c.AcquireTimeout < 0 || c.MaxOutputBytes < 0 || c.CacheMaxBytes < 0 {
		return errors.New("ssr: timeouts and sizes must not be negative")
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}
