package ssr

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/ssrgate/ssrgate/internal/island"
)

// counter reads a labelled counter's value.
func counter(t *testing.T, v *prometheus.CounterVec, labels ...string) float64 {
	t.Helper()
	var m dto.Metric
	if err := v.WithLabelValues(labels...).Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

// TestRenderedSizeHoldsMemo: what an entry counts against CacheMaxBytes is
// at least what it holds once its markup memo is full.
// Break it: count one memoized markup in size, or raise maxMarkups without
// changing size.
func TestRenderedSizeHoldsMemo(t *testing.T) {
	props := []byte(`{"items":"` + strings.Repeat("p", 400) + `"}`)
	r := &rendered{html: strings.Repeat("<li>x</li>", 200), propsLen: len(props)}
	held := len(r.html)
	for _, o := range []island.Options{{Strategy: island.Load}, {Strategy: island.Idle}, {Strategy: island.Visible},
		{Strategy: island.Media, Media: "(min-width: 40em)"}, {Strategy: island.Static}} {
		r.markupFor(island.Island{Component: "List", Props: props, HTML: r.html, Options: o, Src: "/_ssr/islands/List-abc.js"})
	}
	r.mu.Lock()
	for _, m := range r.markup {
		held += len(m)
	}
	n := len(r.markup)
	r.mu.Unlock()
	if n == 0 {
		t.Fatal("nothing memoized")
	}
	if held > int(r.size()) {
		t.Fatalf("entry holds %d bytes (%d memoized markups) but counts %d against CacheMaxBytes", held, n, r.size())
	}
}

// pageWith returns a template with one island of name.
func pageWith(t *testing.T, e *Engine, name string, opts ...string) *template.Template {
	t.Helper()
	src := `{{ component "` + name + `" nil`
	for _, o := range opts {
		src += ` "` + o + `"`
	}
	src += ` }}`
	return template.Must(template.New("p").Funcs(e.FuncMap()).Parse(src))
}

// TestFallbacksCountedPerVisitor: ssrgate_fallbacks_total counts each
// island a visitor received as a fallback, including every visitor of one
// shared failed render, and nothing for strict pages or Render calls.
// Break it: count in renderJS again (the shared render counts once, the
// Render calls count too).
func TestFallbacksCountedPerVisitor(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	before := counter(t, metrics.fallbacks, "Loop", ReasonTimeout)
	// Five pages at once wait for one render of Loop, which times out.
	const pages = 5
	hook, all := barrier(pages)
	e.cache.c.OnWait(hook)
	tmpl := pageWith(t, e, "Loop")
	var wg sync.WaitGroup
	for range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := e.Execute(&buf, tmpl, "p", nil); err != nil {
				t.Error(err)
			}
			if !strings.Contains(buf.String(), `data-fallback="timeout"`) {
				t.Errorf("page without the fallback island: %s", buf.String())
			}
		}()
	}
	<-all
	wg.Wait()
	if got := counter(t, metrics.fallbacks, "Loop", ReasonTimeout) - before; got != pages {
		t.Errorf("%d visitors got Loop as a fallback; ssrgate_fallbacks_total grew by %v", pages, got)
	}

	// Render (the API) and strict pages return errors: not fallbacks.
	before = counter(t, metrics.fallbacks, "Boom", ReasonError)
	if _, err := e.Render(context.Background(), "Boom", nil); err == nil {
		t.Fatal("Boom rendered")
	}
	strict, _ := newTestEngine(t, func(c *Config) { c.Strict = true })
	var buf bytes.Buffer
	if err := strict.Execute(&buf, pageWith(t, strict, "Boom"), "p", nil); err == nil {
		t.Fatal("strict page with a throwing island did not fail")
	}
	if got := counter(t, metrics.fallbacks, "Boom", ReasonError) - before; got != 0 {
		t.Errorf("Render and strict errors counted %v fallbacks", got)
	}
}

// barrier returns a hook and a channel closed once the hook ran n times.
func barrier(n int) (func(string), <-chan struct{}) {
	var mu sync.Mutex
	ch := make(chan struct{})
	seen := 0
	return func(string) {
		mu.Lock()
		defer mu.Unlock()
		if seen++; seen == n {
			close(ch)
		}
	}, ch
}

// TestRefreshFailureIsNotAFallback: a stale entry whose background refresh
// fails keeps serving the stale HTML; the failure is logged and counted on
// its own counter, not as a fallback, and is not retried on every hit.
// Break it: drop the cache.IsRefresh branch in renderCache.get (no log, no
// count), or count fallbacks in the render.
func TestRefreshFailureIsNotAFallback(t *testing.T) {
	e, logs := newTestEngine(t, func(c *Config) { c.PoolSize = 1; c.RuntimeMaxRenders = -1; c.CacheStale = time.Hour })
	ctx := context.Background()
	opts := RenderOptions{CacheTTL: time.Millisecond}
	first, err := e.RenderWith(ctx, "FailsFrom", nil, opts) // the runtime's first render of it: fine
	if err != nil {
		t.Fatal(err)
	}
	fallbacks := counter(t, metrics.fallbacks, "FailsFrom", ReasonError)
	refreshFails := counter(t, metrics.refreshFailures, "FailsFrom", ReasonError)
	time.Sleep(5 * time.Millisecond) // past the TTL: stale from now on
	for range 50 {
		html, err := e.RenderWith(ctx, "FailsFrom", nil, opts)
		if err != nil || html != first {
			t.Fatalf("stale hit: %q %v, want the stale %q", html, err, first)
		}
	}
	// The refresh runs in the background; wait for it to be counted.
	for end := time.Now().Add(10 * time.Second); counter(t, metrics.refreshFailures, "FailsFrom", ReasonError) == refreshFails; {
		if time.Now().After(end) {
			t.Fatal("the failed background refresh was never counted on ssrgate_render_cache_refresh_failures_total")
		}
		time.Sleep(5 * time.Millisecond)
	}
	for range 50 {
		if html, _ := e.RenderWith(ctx, "FailsFrom", nil, opts); html != first {
			t.Fatalf("stale hit after the failed refresh: %q", html)
		}
	}
	if got := counter(t, metrics.refreshFailures, "FailsFrom", ReasonError) - refreshFails; got != 1 {
		t.Errorf("refresh failures grew by %v over 100 stale hits, want 1 (back off after a failure)", got)
	}
	if got := counter(t, metrics.fallbacks, "FailsFrom", ReasonError) - fallbacks; got != 0 {
		t.Errorf("a background refresh failure counted %v fallbacks; visitors got the stale HTML", got)
	}
	if !strings.Contains(logs.String(), "background refresh") || !strings.Contains(logs.String(), "FailsFrom: render 2") {
		t.Errorf("the failed refresh was not logged with its error:\n%s", logs.String())
	}
}

// TestCanceledCaller: a caller that goes away gets reason canceled (not
// timeout or busy); while another caller still waits for the same render,
// the render finishes for it and costs no runtime replacement.
// Break it: run cached renders with the first caller's context, or
// classify an Invoke cancelled by the caller as ReasonTimeout.
func TestCanceledCaller(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.PoolSize = 1; c.RenderTimeout = 5 * time.Second })
	hook, both := barrier(2)
	e.cache.c.OnWait(hook)
	props := map[string]any{"ms": 300}
	actx, cancelA := context.WithCancel(context.Background())
	aErr, bRes := make(chan error, 1), make(chan string, 1)
	go func() { _, err := e.Render(actx, "SlowAsync", props); aErr <- err }()
	go func() {
		html, err := e.Render(context.Background(), "SlowAsync", props)
		if err != nil {
			html = "error: " + err.Error()
		}
		bRes <- html
	}()
	<-both
	replacements := e.gen.Load().pool.Stats().Replacements
	cancelA()
	var re *RenderError
	if err := <-aErr; !errors.As(err, &re) || re.Reason != ReasonCanceled {
		t.Errorf("caller that left: %v, want reason %q", err, ReasonCanceled)
	}
	if html := <-bRes; !strings.Contains(html, "ready after 300ms") {
		t.Errorf("the caller still waiting got %q", html)
	}
	if got := e.gen.Load().pool.Stats().Replacements - replacements; got != 0 {
		t.Errorf("one caller leaving cost %d runtime replacements though the render finished for another", got)
	}

	// Uncached, the lone caller's render is interrupted: still canceled.
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := e.RenderWith(ctx, "Loop", nil, RenderOptions{NoCache: true})
	if !errors.As(err, &re) || re.Reason != ReasonCanceled {
		t.Errorf("uncached render of a caller that left: %v, want reason %q", err, ReasonCanceled)
	}
}

// TestClosedIsNotBusy: renders after Close say the engine is closed.
// Break it: drop the ErrClosed case in renderJS.
func TestClosedIsNotBusy(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	e.Close()
	_, err := e.RenderWith(context.Background(), "Hello", nil, RenderOptions{NoCache: true})
	var re *RenderError
	if !errors.Is(err, ErrClosed) || !errors.As(err, &re) || re.Reason == ReasonBusy {
		t.Errorf("render after Close: %v, want ErrClosed, not busy", err)
	}
}

// TestFailedRendersNotCached: each render of a throwing component runs
// a runtime (counted by the pool); a cached error would not.
// Break it: store failed loads in internal/cache (setLocked on error too).
func TestFailedRendersNotCached(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	before := e.gen.Load().pool.Stats().Runs
	for range 3 {
		if _, err := e.Render(context.Background(), "Boom", map[string]any{"why": "nocache"}); err == nil {
			t.Fatal("Boom rendered")
		}
	}
	if got := e.gen.Load().pool.Stats().Runs - before; got != 3 {
		t.Errorf("3 renders of a throwing component ran %d times; failed renders must not be cached", got)
	}
}

// TestRunawayRecursion: a component that recurses without end fails with
// an error naming the stack overflow, its stack mapped to the component's
// source, classified as crashed: goja makes the overflow uncatchable, so
// the runtime is replaced (see containment).
// Break it: drop the StackOverflowError case in jsvm's convertError.
func TestRunawayRecursion(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	_, err := e.Render(context.Background(), "Recurse", nil)
	var re *RenderError
	if !errors.As(err, &re) || re.Reason != ReasonCrashed {
		t.Fatalf("runaway recursion: want a RenderError with reason crashed, got %v", err)
	}
	if !strings.Contains(err.Error(), "Maximum call stack size exceeded") {
		t.Errorf("error does not name the stack overflow: %q", err)
	}
	if !strings.Contains(re.Stack, "components/Recurse.jsx:4") {
		t.Errorf("stack is not mapped to the component's source:\n%s", re.Stack)
	}
}
