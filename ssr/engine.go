// Package ssr renders React and Vue components to HTML inside Go, for Go
// templates and HTTP handlers, without a Node process at serve time.
//
// New bundles the components directory with esbuild, compiles the server
// bundle once and warms a pool of goja runtimes. Engine.Render returns a
// component's HTML; Engine.FuncMap gives templates {{ component }}, {{ props }},
// {{ ssrHead }} and {{ ssrScripts }}; Engine.Assets serves the browser bundles
// that hydrate the islands.
package ssr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/encode"
	"github.com/ssrgate/ssrgate/internal/island"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// Engine renders components. It is safe for concurrent use; renders run in
// parallel up to Config.PoolSize.
type Engine struct {
	cfg   Config
	log   *slog.Logger
	gen   atomic.Pointer[generation] // the current build; see generation
	cache *renderCache
	dev   *devServer // nil outside dev mode
	// contain holds the circuit breakers and per-component runtime bounds.
	contain *containment

	reports tokenBucket     // rate of browser hydration reports (report.go)
	pages   templatePools   // pooled template clones of the fast page path (page.go)
	wiring  wiring          // detection of wiring mistakes (misconfig.go)
	enc     *encode.Encoder // compressed responses (respond.go)
}

// New builds the components and starts the runtime pool. It fails on build
// errors (with file, line and column) and when the server bundle cannot be
// loaded.
func New(cfg Config) (*Engine, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	start := time.Now()
	builder := bundle.NewBuilder(bundleOptions(cfg))
	res, err := builder.Build()
	var brokenAtStart error
	var g *generation
	switch {
	case err == nil:
		g, err = newGeneration(cfg, res)
	case cfg.Dev && isBuildError(err):
		// Dev mode starts anyway, as a dev server does: the pages show the
		// error until a save fixes it.
		brokenAtStart, err = err, nil
		res = &bundle.Result{BuildID: "none", Manifest: bundle.Manifest{Components: map[string]bundle.Entry{}}}
		g = emptyGeneration(res)
	}
	if err != nil {
		builder.Close()
		return nil, err
	}
	e := &Engine{cfg: cfg, log: cfg.Logger, contain: newContainment(cfg)}
	e.gen.Store(g)
	e.cache = newRenderCache(cfg)
	e.enc = encode.New(encode.Config{MaxBytes: cfg.CompressCacheMaxBytes})
	if e.cache.l2, err = newSharedLevel(cfg); err != nil {
		g.retire()
		builder.Close()
		return nil, err
	}
	if cfg.Dev {
		if e.dev, err = startDev(e, builder); err != nil {
			g.retire()
			e.cache.close()
			return nil, err
		}
		if brokenAtStart != nil {
			e.dev.brokenAtStart(brokenAtStart)
		}
	} else {
		builder.Close()
	}
	if res.ReactFastOff != "" && cfg.ReactRenderer != ReactRendererReact {
		e.log.Warn("ssrgate: React fast path off for this build; React islands render with React's renderToString", "reason", res.ReactFastOff)
	}
	if res.TemplatesOff != "" {
		e.log.Warn("ssrgate: the server build with React templates failed and the build without them succeeded; React islands render from jsx() elements (slower, the same HTML). Please report this with the component", "error", res.TemplatesOff)
	}
	e.log.Info("ssr engine ready", "components", len(g.names), "build", res.BuildID,
		"runtimes", cfg.PoolSize, "took", time.Since(start).Round(time.Millisecond))
	return e, nil
}

// bundleOptions maps Config to the bundler's options.
func bundleOptions(cfg Config) bundle.Options {
	return bundle.Options{
		ComponentsDir: cfg.ComponentsDir,
		Root:          cfg.Root,
		PublicPath:    cfg.PublicPath,
		Dev:           cfg.Dev,
		Plugins:       frameworkPlugins(cfg),
		NoReactFast:   cfg.ReactRenderer == ReactRendererReact,
	}
}

// Close stops the runtime pool (once renders in flight are done) and, in dev
// mode, the file watcher. Renders after Close fail.
func (e *Engine) Close() error {
	if e.dev != nil {
		e.dev.close()
	}
	e.gen.Load().retire()
	e.cache.close()
	return nil
}

// PoolSize is the number of runtimes rendering in parallel: Config.PoolSize
// after defaults, the useful bound on concurrent renders for callers that
// fan out (the Hypernova batch endpoint).
func (e *Engine) PoolSize() int { return e.cfg.PoolSize }

// Components lists the component names, sorted.
func (e *Engine) Components() []string { return append([]string(nil), e.gen.Load().names...) }

// BuildID identifies the current bundle; it is part of every cache key.
func (e *Engine) BuildID() string { return e.gen.Load().build.BuildID }

// Manifest describes the browser assets of every component.
func (e *Engine) Manifest() bundle.Manifest { return e.gen.Load().build.Manifest }

// RenderOptions tune one render.
type RenderOptions struct {
	// CacheTTL overrides Config.CacheTTL for this call. Zero: the default.
	CacheTTL time.Duration
	// NoCache renders without reading or writing the render cache.
	NoCache bool
	// IDPrefix prefixes the component's useId values (React's
	// identifierPrefix, Vue's app.config.idPrefix), so that components
	// rendered side by side in one document get distinct ids. The browser
	// must hydrate with the same prefix. Optional. Default none. Islands of
	// pages executed with ExecutePage get one each (see pageState).
	IDPrefix string
}

// Render returns the server HTML of component name with props (any
// JSON-serializable value, json.RawMessage, or nil), exactly as the
// framework's renderToString produces it, without an island wrapper.
// Errors wrap ErrUnknownComponent or are *RenderError.
func (e *Engine) Render(ctx context.Context, name string, props any) (string, error) {
	return e.RenderWith(ctx, name, props, RenderOptions{})
}

// RenderWith is Render with per-call options.
func (e *Engine) RenderWith(ctx context.Context, name string, props any, opts RenderOptions) (string, error) {
	g := e.current()
	if g == nil {
		return "", &RenderError{Component: name, Reason: ReasonError, Err: errClosed}
	}
	defer g.release()
	if _, ok := g.known[name]; !ok {
		return "", unknownComponent(name, g.names)
	}
	propsJSON, err := island.EncodeProps(props)
	if err != nil {
		return "", &RenderError{Component: name, Reason: ReasonError, Err: err}
	}
	r, err := e.render(ctx, g, name, propsJSON, opts)
	if err != nil {
		return "", err
	}
	return r.html, nil
}

// render renders through the cache, or directly when caching is off, on
// generation g (which the caller holds).
func (e *Engine) render(ctx context.Context, g *generation, name string, propsJSON []byte, opts RenderOptions) (*rendered, error) {
	if opts.NoCache || e.cfg.CacheTTL < 0 {
		html, err := e.renderJS(ctx, g, name, propsJSON, opts.IDPrefix)
		if err != nil {
			return nil, err
		}
		return &rendered{html: html}, nil
	}
	return e.cache.get(ctx, g.build.BuildID, name, propsJSON, opts.IDPrefix, opts.CacheTTL, func(ctx context.Context, name string, propsJSON []byte, idPrefix string) (string, error) {
		return e.renderJS(ctx, g, name, propsJSON, idPrefix)
	})
}

// renderJS runs one render in a runtime of generation g. It takes its own
// reference: a background cache refresh may run after the caller's
// reference is gone, and fails then if g has been replaced. The breaker and
// the component's runtime bound come first (see containment); the render
// runs through Pool.Run, so the island falls back at the deadline even if
// the runtime is stuck inside a built-in. It classifies failures (see the
// Reason constants) but does not count them: whether a failure became a
// visitor's fallback is known only where the island is written.
func (e *Engine) renderJS(ctx context.Context, g *generation, name string, propsJSON []byte, idPrefix string) (string, error) {
	if !g.acquire() {
		return "", &RenderError{Component: name, Reason: ReasonError, Err: errReplaced}
	}
	defer g.release()
	start := time.Now()
	if !e.contain.allow(name) {
		return "", &RenderError{Component: name, Reason: ReasonBreaker,
			Err: fmt.Errorf("circuit breaker open after %d failures within %s; the component renders in the browser for %s", e.cfg.BreakerFailures, e.cfg.BreakerWindow, e.cfg.BreakerCooldown)}
	}
	actx, cancel := context.WithTimeout(ctx, e.cfg.AcquireTimeout)
	releaseSlot, err := e.contain.acquireSlot(actx, name)
	if err != nil {
		cancel()
		return "", &RenderError{Component: name, Reason: ReasonBusy,
			Err: fmt.Errorf("component already holds %d runtimes (ComponentMaxRuntimes) and none came free within %s: %w", e.cfg.ComponentMaxRuntimes, e.cfg.AcquireTimeout, err)}
	}
	vm, err := g.pool.Acquire(actx)
	cancel()
	if err != nil {
		releaseSlot()
		switch {
		case errors.Is(err, jsvm.ErrClosed):
			return "", &RenderError{Component: name, Reason: ReasonError, Err: fmt.Errorf("%w: %w", ErrClosed, err)}
		case ctx.Err() != nil:
			return "", callerGone(ctx, name, err)
		}
		return "", &RenderError{Component: name, Reason: ReasonBusy,
			Err: fmt.Errorf("no JS runtime free within %s (pool size %d): %w", e.cfg.AcquireTimeout, e.cfg.PoolSize, err)}
	}
	metrics.poolWait.Observe(time.Since(start).Seconds())

	rctx, cancel := context.WithTimeout(ctx, e.cfg.RenderTimeout)
	defer cancel()
	var html string
	err = g.pool.Run(rctx, vm, func(vm *jsvm.VM) error {
		defer releaseSlot() // held while the runtime is, even when abandoned
		v, err := vm.Invoke(rctx, name, "__ssr.render", name, vm.JSONArg(propsJSON), idPrefix)
		if err != nil {
			return err
		}
		html = v.String()
		vm.Charge(int64(len(html)))
		e.recordReactPath(vm, name)
		return nil
	})
	if err != nil {
		re := &RenderError{Component: name, Reason: reasonOf(err), Err: err}
		var jerr *jsvm.JSError
		if errors.As(err, &jerr) {
			re.Stack = jerr.Stack
		}
		if (errors.Is(err, jsvm.ErrTimeout) || errors.Is(err, context.DeadlineExceeded)) && ctx.Err() != nil {
			// the caller's context ended, not RenderTimeout
			gone := callerGone(ctx, name, err)
			gone.Stack = re.Stack
			return "", gone
		}
		re.Err = e.explain(re.Reason, err)
		e.contain.record(name, re.Reason)
		return "", re
	}
	e.contain.record(name, "")
	if len(html) > e.cfg.MaxOutputBytes {
		return "", &RenderError{Component: name, Reason: ReasonTooBig,
			Err: fmt.Errorf("output is %d bytes, over the %d-byte limit (MaxOutputBytes)", len(html), e.cfg.MaxOutputBytes)}
	}
	metrics.renderSeconds.WithLabelValues(name).Observe(time.Since(start).Seconds())
	return html, nil
}

// BuildInfo summarizes a Build.
type BuildInfo struct {
	BuildID    string
	Components int
}

// Build bundles the components of cfg and writes the client assets and
// manifest.json to outDir, without starting any runtime: the step a deploy
// pipeline runs to publish assets to a CDN. Next to each text asset it
// writes NAME.br and NAME.gz (brotli and gzip at their highest levels) for
// servers and CDNs that serve precompressed files.
func Build(cfg Config, outDir string) (BuildInfo, error) {
	if err := cfg.fill(); err != nil {
		return BuildInfo{}, err
	}
	res, err := bundle.Build(bundleOptions(cfg))
	if err != nil {
		return BuildInfo{}, err
	}
	if err := res.WriteTo(outDir); err != nil {
		return BuildInfo{}, err
	}
	if err := writePrecompressed(outDir, res.Client); err != nil {
		return BuildInfo{}, err
	}
	return BuildInfo{BuildID: res.BuildID, Components: len(res.Components)}, nil
}

// recordReactPath counts which renderer the React adapter used for this
// render (it leaves [path, reason] in globalThis.__ssrgateReact) and logs
// the reason at debug level when React's own renderer had to run.
func (e *Engine) recordReactPath(vm *jsvm.VM, name string) {
	rt := vm.Runtime()
	g := rt.GlobalObject()
	v := g.Get("__ssrgateReact")
	if v == nil || goja.IsUndefined(v) {
		return
	}
	_ = g.Delete("__ssrgateReact")
	pair, ok := v.(*goja.Object)
	if !ok {
		return
	}
	path := pair.Get("0").String()
	metrics.reactRenders.WithLabelValues(name, path).Inc()
	if path != "fast" {
		e.log.Debug("ssrgate: React island rendered by React's renderer", "component", name, "reason", pair.Get("1").String())
	}
}
