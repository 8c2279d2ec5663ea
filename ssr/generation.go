package ssr

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// generation is everything that depends on one build: the bundle, the
// runtimes that run it, the component table and the browser assets. The
// Engine holds the current one behind an atomic pointer; a rebuild (dev
// mode) makes a new generation and swaps it in, so a render that started on
// the old build finishes on it and the next one uses the new build. The old
// generation's runtimes are closed once its last render is done.
//
// Everything but the reference count is immutable after newGeneration.
type generation struct {
	build  *bundle.Result
	pool   *jsvm.Pool
	names  []string
	known  map[string]bundle.Component
	src    map[string]string // component name -> URL of its client entry
	assets map[string]*asset
	// prevAssets are the previous generation's assets, still served in
	// dev mode so a page rendered just before a swap can load its chunks.
	prevAssets map[string]*asset
	// assetsStop stops the background pass that makes the assets'
	// smallest forms; assetsDone is closed when it has ended. Both nil
	// when there is none (dev builds).
	assetsStop chan struct{}
	assetsDone chan struct{}

	mu      sync.Mutex
	refs    int
	retired bool
	closed  bool
}

// newGeneration compiles res's server bundle and starts its runtimes.
func newGeneration(cfg Config, res *bundle.Result) (*generation, error) {
	// The assets' fast forms (a tenth of a second) are made while goja
	// compiles the server bundle on one CPU.
	assets := make(chan map[string]*asset, 1)
	go func() { assets <- precompress(res.Client, false) }()
	prog, err := jsvm.Compile("ssrgate-server.js", res.Server)
	if err != nil {
		<-assets
		return nil, explainLoadError(res, "compile", err)
	}
	pool, err := jsvm.NewPool(poolConfig(cfg, prog))
	if err != nil {
		<-assets
		var je *jsvm.JSError
		if errors.As(err, &je) { // the bundle threw while its modules were initialised
			return nil, explainLoadError(res, "load", err)
		}
		return nil, fmt.Errorf("start runtimes: %w", err)
	}
	g := &generation{build: res, pool: pool, known: map[string]bundle.Component{}, src: map[string]string{}}
	for _, c := range res.Components {
		g.names = append(g.names, c.Name)
		g.known[c.Name] = c
		g.src[c.Name] = cfg.PublicPath + res.Manifest.Components[c.Name].JS
	}
	sort.Strings(g.names)
	// The smallest forms (most of a second of brotli 11) are made in the
	// background, off the start-up path. Dev builds keep the fast forms.
	g.assets = <-assets
	if !cfg.Dev {
		g.assetsStop, g.assetsDone = make(chan struct{}), make(chan struct{})
		go finishAssets(g.assets, g.assetsStop, g.assetsDone)
	}
	return g, nil
}

// emptyGeneration stands in for a build that failed at start-up in dev
// mode: no components, no runtimes.
func emptyGeneration(res *bundle.Result) *generation {
	return &generation{build: res, known: map[string]bundle.Component{}, src: map[string]string{}, assets: map[string]*asset{}}
}

// closePool closes g's runtimes, if it has any.
func (g *generation) closePool() {
	if g.assetsStop != nil {
		close(g.assetsStop)
		<-g.assetsDone
	}
	if g.pool != nil {
		g.pool.Close()
	}
}

// acquire takes a reference, so the runtimes stay open until release. It
// fails only once the generation is closed, which happens after it was
// retired (replaced) and its last reference was released.
func (g *generation) acquire() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.refs++
	return true
}

// release drops a reference taken by acquire.
func (g *generation) release() {
	g.mu.Lock()
	g.refs--
	last := g.retired && g.refs == 0 && !g.closed
	if last {
		g.closed = true
	}
	g.mu.Unlock()
	if last {
		go g.closePool()
	}
}

// retire marks g replaced: its runtimes close when its last render is done.
func (g *generation) retire() {
	g.mu.Lock()
	g.retired = true
	now := g.refs == 0 && !g.closed
	if now {
		g.closed = true
	}
	g.mu.Unlock()
	if now {
		g.closePool()
	}
}

// current returns the current generation with a reference taken; the
// caller must release it. It returns nil after Close. The loop ends: a
// generation is closed only after a newer one was stored, or by Close.
func (e *Engine) current() *generation {
	for {
		g := e.gen.Load()
		if g.acquire() {
			return g
		}
		if e.gen.Load() == g {
			return nil
		}
	}
}

// swap installs g as the current generation and retires the previous one.
func (e *Engine) swap(g *generation) {
	old := e.gen.Swap(g)
	if old != nil {
		old.retire()
	}
}
