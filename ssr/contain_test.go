package ssr

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
)

func containEngine(t *testing.T, dir string, tune func(*Config)) *Engine {
	t.Helper()
	cfg := Config{ComponentsDir: dir, Root: "..", PoolSize: 1, CacheTTL: -1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if tune != nil {
		tune(&cfg)
	}
	eng, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// TestThrowKeepsCleanRuntime: a thrown error does not rebuild the runtime, and the render after the throw,
// on that same runtime, equals a fresh runtime's render of the same component.
func TestThrowKeepsCleanRuntime(t *testing.T) {
	const dir = "../internal/server/testdata/faults/components"
	eng := containEngine(t, dir, func(c *Config) { c.BreakerFailures = -1 })
	props := json.RawMessage(`{"n": 42}`)
	for range 10 {
		if _, err := eng.Render(context.Background(), "Throws", nil); err == nil {
			t.Fatal("Throws rendered")
		}
	}
	after, err := eng.Render(context.Background(), "Ok", props)
	if err != nil {
		t.Fatal(err)
	}
	if st := eng.gen.Load().pool.Stats(); st.Replacements != 0 || st.Tainted != 0 {
		t.Errorf("stats after 10 throws: %+v, want no replacement", st)
	}
	fresh, err := containEngine(t, dir, nil).Render(context.Background(), "Ok", props)
	if err != nil {
		t.Fatal(err)
	}
	if after != fresh {
		t.Errorf("render after throws %q != fresh runtime's %q", after, fresh)
	}
}

// TestRealComponentsKeepBuiltinsIntact: React and Vue renders of the demo components, repeated, never trip
// the integrity check (which would discard a runtime per render).
func TestRealComponentsKeepBuiltinsIntact(t *testing.T) {
	eng := containEngine(t, "../components", nil)
	for range 3 {
		for _, name := range eng.Components() {
			if _, err := eng.Render(context.Background(), name, json.RawMessage(`{}`)); err != nil {
				t.Logf("%s: %v", name, err)
			}
		}
	}
	if st := eng.gen.Load().pool.Stats(); st.Tainted != 0 || st.Replacements != 0 {
		t.Errorf("stats %+v: a real component's render changed the built-ins", st)
	}
}

// TestBreakerOpensAndRecovers: after BreakerFailures failures the component falls back "breaker" without
// using a runtime; a success after the cool-down closes it.
func TestBreakerOpensAndRecovers(t *testing.T) {
	eng := containEngine(t, "../internal/server/testdata/faults/components", func(c *Config) { c.BreakerFailures = 2; c.BreakerCooldown = 1 })
	var reasons []string
	for range 4 {
		_, err := eng.Render(context.Background(), "Throws", nil)
		reasons = append(reasons, err.(*RenderError).Reason)
	}
	// Cool-down of 1ns: every call after the opening is a half-open trial that fails and reopens, or is
	// refused while another trial is under way; either way "error" twice first.
	if reasons[0] != ReasonError || reasons[1] != ReasonError {
		t.Fatalf("reasons %v, want two errors first", reasons)
	}
	eng2 := containEngine(t, "../internal/server/testdata/faults/components", func(c *Config) { c.BreakerFailures = 2; c.BreakerCooldown = 1 << 62 })
	var last string
	for range 4 {
		_, err := eng2.Render(context.Background(), "Throws", nil)
		last = err.(*RenderError).Reason
	}
	if last != ReasonBreaker {
		t.Errorf("after 4 failures with a long cool-down: %q, want %q", last, ReasonBreaker)
	}
	if _, err := eng2.Render(context.Background(), "Ok", nil); err != nil {
		t.Errorf("another component is not affected: %v", err)
	}
}

// TestBreakerOpensOnce: renders let through before the breaker opened and
// finishing after it (concurrent requests) neither open it again nor close
// it. internal/server TestProbeMixedPage saw ssrgate_breaker_open_total
// count 2 for one opening under -race, where more renders overlap.
//
// Break it: drop the early return for an open breaker in record.
func TestBreakerOpensOnce(t *testing.T) {
	cfg := Config{BreakerFailures: 3, BreakerWindow: time.Minute, BreakerCooldown: time.Hour, ComponentMaxRuntimes: 1,
		Logger: slog.New(slog.DiscardHandler)}
	c := newContainment(cfg)
	name := "BreakerOpensOnce"
	opened := func() float64 {
		var m dto.Metric
		if err := metrics.breakerOpen.WithLabelValues(name).Write(&m); err != nil {
			t.Fatal(err)
		}
		return m.GetCounter().GetValue()
	}
	before := opened()
	for range 3 {
		c.record(name, ReasonError)
	}
	if c.allow(name) {
		t.Fatal("the breaker is not open after 3 failures")
	}
	c.record(name, ReasonTimeout) // in flight when it opened
	c.record(name, ReasonError)
	if got := opened() - before; got != 1 {
		t.Errorf("ssrgate_breaker_open_total rose by %v for one opening", got)
	}
	c.record(name, "") // a late success does not close it either
	if c.allow(name) {
		t.Error("a render admitted before the opening closed the breaker")
	}
}

// BenchmarkFreshRuntime is BenchmarkRenderUncached with FreshRuntimePerRender: the cost of a runtime no other
// render used (one pooled runtime, so every render waits for the background build of the next).
func BenchmarkFreshRuntime(b *testing.B) {
	for _, fresh := range []bool{false, true} {
		cfg := Config{ComponentsDir: "../components", Root: "..", PoolSize: 1, CacheTTL: -1, AcquireTimeout: 5 * time.Second,
			FreshRuntimePerRender: fresh, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		e, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		props := catalog(10)
		b.Run(map[bool]string{false: "shared", true: "fresh"}[fresh], func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := e.Render(context.Background(), "ProductList", props); err != nil {
					b.Fatal(err)
				}
			}
		})
		e.Close()
	}
}

// BenchmarkThrowingIsland: a component that always throws, breaker off. A throw keeps the runtime (the
// built-ins are checked instead), so it costs about a render, not a runtime rebuild.
func BenchmarkThrowingIsland(b *testing.B) {
	e, err := New(Config{ComponentsDir: "../internal/server/testdata/faults/components", Root: "..", PoolSize: 1, CacheTTL: -1,
		BreakerFailures: -1, AcquireTimeout: 5 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	for _, name := range []string{"Ok", "Throws"} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				e.Render(context.Background(), name, nil)
			}
		})
	}
}
