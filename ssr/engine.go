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
	"sort"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/island"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// Engine renders components. It is safe for concurrent use; renders run in
// parallel up to Config.PoolSize.
type Engine struct {
	cfg   Config
	log   *slog.Logger
	build *bundle.Result
	pool  *jsvm.Pool
	names []string
	known map[string]bundle.Component
	src   map[string]string // component name -> URL of its client entry
	cache *renderCache

	assetsOnce sync.Once
	assets     map[string]*asset

	pages templatePools // pooled template clones of the fast page path (page.go)
}

// New builds the components and starts the runtime pool. It fails on build
// errors (with file, line and column) and when the server bundle cannot be
// loaded.
func New(cfg Config) (*Engine, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	start := time.Now()
	res, err := bundle.Build(bundle.Options{
		ComponentsDir: cfg.ComponentsDir,
		Root:          cfg.Root,
		PublicPath:    cfg.PublicPath,
		Dev:           cfg.Dev,
		Plugins:       frameworkPlugins(cfg),
	})
	if err != nil {
		return nil, err
	}
	prog, err := jsvm.Compile("ssrgate-server.js", res.Server)
	if err != nil {
		return nil, fmt.Errorf("compile server bundle: %w", err)
	}
	pool, err := jsvm.NewPool(jsvm.Config{Size: cfg.PoolSize, Programs: []*goja.Program{prog}, Logger: cfg.Logger, MaxUses: cfg.RuntimeMaxRenders, MaxCharge: cfg.RuntimeMaxHTMLBytes})
	if err != nil {
		return nil, fmt.Errorf("start runtimes: %w", err)
	}
	e := &Engine{cfg: cfg, log: cfg.Logger, build: res, pool: pool, known: map[string]bundle.Component{}, src: map[string]string{}}
	for _, c := range res.Components {
		e.names = append(e.names, c.Name)
		e.known[c.Name] = c
		e.src[c.Name] = cfg.PublicPath + res.Manifest.Components[c.Name].JS
	}
	sort.Strings(e.names)
	e.cache = newRenderCache(cfg)
	e.log.Info("ssr engine ready", "components", len(e.names), "build", res.BuildID,
		"runtimes", cfg.PoolSize, "took", time.Since(start).Round(time.Millisecond))
	return e, nil
}

// Close stops the runtime pool. Renders after Close fail.
func (e *Engine) Close() error {
	e.pool.Close()
	e.cache.close()
	return nil
}

// PoolSize is the number of runtimes rendering in parallel: Config.PoolSize
// after defaults, the useful bound on concurrent renders for callers that
// fan out (the Hypernova batch endpoint).
func (e *Engine) PoolSize() int { return e.cfg.PoolSize }

// Components lists the component names, sorted.
func (e *Engine) Components() []string { return append([]string(nil), e.names...) }

// BuildID identifies the current bundle; it is part of every cache key.
func (e *Engine) BuildID() string { return e.build.BuildID }

// Manifest describes the browser assets of every component.
func (e *Engine) Manifest() bundle.Manifest { return e.build.Manifest }

// RenderOptions tune one render.
type RenderOptions struct {
	// CacheTTL overrides Config.CacheTTL for this call. Zero: the default.
	CacheTTL time.Duration
	// NoCache renders without reading or writing the render cache.
	NoCache bool
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
	if _, ok := e.known[name]; !ok {
		return "", unknownComponent(name, e.names)
	}
	propsJSON, err := island.EncodeProps(props)
	if err != nil {
		return "", &RenderError{Component: name, Reason: ReasonError, Err: err}
	}
	r, err := e.render(ctx, name, propsJSON, opts)
	if err != nil {
		return "", err
	}
	return r.html, nil
}

// render renders through the cache, or directly when caching is off.
func (e *Engine) render(ctx context.Context, name string, propsJSON []byte, opts RenderOptions) (*rendered, error) {
	if opts.NoCache || e.cfg.CacheTTL < 0 {
		html, err := e.renderJS(ctx, name, propsJSON)
		if err != nil {
			return nil, err
		}
		return &rendered{html: html}, nil
	}
	return e.cache.get(ctx, e.build.BuildID, name, propsJSON, opts.CacheTTL, e.renderJS)
}

// renderJS runs one render in a pooled runtime. It classifies failures
// (see the Reason constants) but does not count them: whether a failure
// became a visitor's fallback is known only where the island is written.
func (e *Engine) renderJS(ctx context.Context, name string, propsJSON []byte) (string, error) {
	start := time.Now()
	actx, cancel := context.WithTimeout(ctx, e.cfg.AcquireTimeout)
	vm, err := e.pool.Acquire(actx)
	cancel()
	if err != nil {
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
	defer e.pool.Release(vm)

	rctx, cancel := context.WithTimeout(ctx, e.cfg.RenderTimeout)
	defer cancel()
	v, err := vm.Invoke(rctx, name, "__ssr.render", name, string(propsJSON))
	if err != nil {
		re := &RenderError{Component: name, Reason: ReasonError, Err: err}
		var jerr *jsvm.JSError
		if errors.As(err, &jerr) {
			re.Stack = jerr.Stack
		}
		if errors.Is(err, jsvm.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
			if ctx.Err() != nil { // the caller's context, not RenderTimeout
				gone := callerGone(ctx, name, err)
				gone.Stack = re.Stack
				return "", gone
			}
			re.Reason = ReasonTimeout
			re.Err = fmt.Errorf("render did not finish within %s; look for an endless loop or a slow await in the component: %w", e.cfg.RenderTimeout, err)
		}
		return "", re
	}
	html := v.String()
	vm.Charge(int64(len(html)))
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
// pipeline runs to publish assets to a CDN.
func Build(cfg Config, outDir string) (BuildInfo, error) {
	if err := cfg.fill(); err != nil {
		return BuildInfo{}, err
	}
	res, err := bundle.Build(bundle.Options{
		ComponentsDir: cfg.ComponentsDir, Root: cfg.Root, PublicPath: cfg.PublicPath,
		Dev: cfg.Dev, Plugins: frameworkPlugins(cfg),
	})
	if err != nil {
		return BuildInfo{}, err
	}
	if err := res.WriteTo(outDir); err != nil {
		return BuildInfo{}, err
	}
	return BuildInfo{BuildID: res.BuildID, Components: len(res.Components)}, nil
}
