// Package hypernova is ssrgate's render service for non-Go backends. It
// speaks the batch protocol of Airbnb's Hypernova, so existing hypernova
// clients (hypernova-client for Node, hypernova-ruby, pyramid_hypernova,
// hypernova-php…) can point at ssrgate instead of a Node hypernova server,
// and it adds a one-component endpoint for backends without a client.
//
//	POST /batch   {"TOKEN": {"name": "Widget.js", "data": {...}, "metadata": {...}}, ...}
//	           →  {"success": true, "error": null, "results": {"TOKEN": {"name", "html", "meta",
//	              "duration", "statusCode", "success", "error"}}}
//	POST /render  {"component": "Widget", "props": {...}}
//	           →  {"html": "...", "error": null}
//	GET  /hypernova/client.js      the browser script that hydrates the markup
//	GET  /hypernova/manifest.json  component key → browser entry, for client fallbacks
//
// Every html is hypernova's markup (see writeMarkup): the server HTML in a
// div keyed by component, followed by its props in a JSON script. Renders
// run on the ssr.Engine (its runtime pool and render cache); the jobs of one
// batch render in parallel, and the batch answers by Config.JobTimeout even
// if a job hangs. A failed job never fails its batch: its html is null and
// the client renders that component in the browser.
//
// Usage, in the command's route setup:
//
//	hypernova.Register(router, engine, hypernova.Config{Logger: log})
package hypernova

import (
	"log/slog"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/ssr"
)

// Config configures Register. The zero value works.
type Config struct {
	// BatchPath is the route of the hypernova batch endpoint, the URL that
	// hypernova clients are configured with. Optional. Default "/batch".
	BatchPath string
	// RenderPath is the route of the one-component endpoint.
	// Optional. Default "/render".
	RenderPath string
	// ClientPath is the URL prefix of the browser client: ClientPath +
	// "client.js" and ClientPath + "manifest.json". It cannot live below
	// the engine's PublicPath, whose catch-all route Engine.Mount owns.
	// Optional. Default "/hypernova/".
	ClientPath string
	// MaxBodyBytes bounds a request body; larger requests get 413.
	// Optional. Default 1 MiB (hypernova's is 1,024,000 bytes).
	MaxBodyBytes int64
	// JobTimeout bounds every job of a batch (and a /render call), counted
	// from the request's arrival, so it is also the longest a batch takes to
	// answer however many jobs it holds. A job past it fails with a
	// TimeoutError and its runtime is interrupted; the engine's
	// RenderTimeout still bounds each render too, whichever ends first.
	// Optional. Default 900ms: just under hypernova-client's default 1s
	// request timeout, after which the client has already fallen back to
	// browser rendering for the whole batch. Raise both together.
	JobTimeout time.Duration
	// Concurrency bounds how many jobs of one batch render at once; more
	// than the engine's PoolSize only queues for runtimes.
	// Optional. Default the engine's PoolSize.
	Concurrency int
	// Logger receives failed jobs and malformed requests.
	// Optional. Default slog.Default().
	Logger *slog.Logger

	// Access and limits (see access.go).

	// MaxJobs bounds the jobs of one batch; a larger batch is answered 413.
	// Optional. Default 100 (DefaultMaxJobs).
	MaxJobs int
	// Token, when set, is required of every /batch and /render request as
	// "Authorization: Bearer TOKEN"; others get 401. Optional. Default
	// none: keep the endpoints on an internal network.
	Token string
	// Stacks puts the JS stack frames into error answers. Off, an error's
	// stack is its first line ("Name: message") only: frames name source
	// files and lines, which is information for logs (where they always
	// are), not for callers. Optional. Default off.
	Stacks bool
}

// DefaultMaxJobs is Config.MaxJobs when it is zero.
const DefaultMaxJobs = 100

// DefaultJobTimeout is Config.JobTimeout when it is zero, exported so the
// ssrgate command's help text does not restate it.
const DefaultJobTimeout = 900 * time.Millisecond

func (c *Config) fill(eng *ssr.Engine) {
	if c.BatchPath == "" {
		c.BatchPath = "/batch"
	}
	if c.RenderPath == "" {
		c.RenderPath = "/render"
	}
	if c.ClientPath == "" {
		c.ClientPath = "/hypernova/"
	}
	if !strings.HasSuffix(c.ClientPath, "/") {
		c.ClientPath += "/"
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = DefaultJobTimeout
	}
	if c.Concurrency <= 0 {
		c.Concurrency = eng.PoolSize()
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxJobs <= 0 {
		c.MaxJobs = DefaultMaxJobs
	}
}

// Register adds the render service's routes to r: POST BatchPath, POST
// RenderPath (both answer other methods with 405) and GET/HEAD of the
// browser client below ClientPath. It panics, as gin does, if a route
// conflicts with one already registered.
func Register(r gin.IRoutes, eng *ssr.Engine, cfg Config) {
	cfg.fill(eng)
	s := newService(eng, cfg)
	r.Any(cfg.BatchPath, s.batch)
	r.Any(cfg.RenderPath, s.render)
	client := s.clientHandler()
	r.GET(cfg.ClientPath+"client.js", client)
	r.HEAD(cfg.ClientPath+"client.js", client)
	manifest := s.manifestHandler()
	r.GET(cfg.ClientPath+"manifest.json", manifest)
	r.HEAD(cfg.ClientPath+"manifest.json", manifest)
}
