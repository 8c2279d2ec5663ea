package ssr

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"testing"
)

// TestVueHeapFlat renders a component that uses every WeakMap of
// @vue/reactivity (testdata/vueheap/Reactive.vue) 10,000 times without the
// render cache and with runtime retirement off, in one runtime, and checks
// that the Go heap after GC does not grow between render 1,000 and render
// 10,000. goja's WeakMap keeps its values strongly, so before the
// "@vue/reactivity ephemeron maps" bundle patch every reactive object a
// render created stayed: this component grew the heap by 41 KB per render,
// 367 MB over the 9,000 renders measured (with the patch: -6 KB).
//
// Break it: make that patch's file pattern match nothing in
// internal/bundle/patches.go (done: the heap grew 367 MB and this failed).
func TestVueHeapFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 renders")
	}
	e, err := New(Config{ComponentsDir: "testdata/vueheap", Root: "..", PoolSize: 1, CacheTTL: -1,
		RuntimeMaxRenders: -1, RuntimeMaxHTMLBytes: -1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	rows := make([]map[string]any, 4)
	for i := range rows {
		rows[i] = map[string]any{"name": fmt.Sprintf("row %d", i), "score": i,
			"tags": []string{"a", "b", "c"}, "note": strings.Repeat("n", 1000)}
	}
	props := map[string]any{"rows": rows}
	render := func() string {
		html, err := e.RenderWith(context.Background(), "Reactive", props, RenderOptions{NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		return html
	}
	// The render must be what Vue makes of it (the reactive paths ran).
	if got := render(); !strings.Contains(got, `data-total="6"`) || !strings.Contains(got, "row 3:3:3") {
		t.Fatalf("unexpected render: %.300s", got)
	}
	var at1k uint64
	for i := 2; i <= 10_000; i++ {
		render()
		if i == 1_000 {
			at1k = liveHeap()
		}
	}
	at10k := liveHeap()
	growth := int64(at10k) - int64(at1k)
	t.Logf("heap after GC: %d KB at render 1,000, %d KB at render 10,000 (%+d KB)", at1k>>10, at10k>>10, growth>>10)
	// Flat, with room for the allocator and the runtime's own caches.
	if growth > 4<<20 {
		t.Errorf("heap grew by %d KB over 9,000 renders with retirement off (%d bytes per render): reactive objects are kept after their render",
			growth>>10, growth/9000)
	}
	g := e.current()
	st := g.pool.Stats()
	g.release()
	if st.Retirements != 0 || st.Replacements != 0 {
		t.Errorf("pool retired %d and replaced %d runtimes; the test needs one runtime for all renders", st.Retirements, st.Replacements)
	}
}

// TestDemoHeapFlat is the evidence behind jsvm.DefaultMaxUses: the demo's
// components (React through ssrgate's renderer and through React's own,
// the Vue list, the Intl-heavy ProductList, the Counter with a hook, the
// reactive Vue Comments) rendered 2,000 times each
// without the render cache and with retirement off, in one runtime, leave
// the heap after GC where it was after a warm-up of 1,000 renders. A
// runtime is retired as a safety net for code that leaks, not because the
// frameworks do.
//
// Break it: make the "@vue/reactivity ephemeron maps" patch match no file
// (done: Comments grew 14 MB, 7 KB a render, and this failed).
func TestDemoHeapFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("27,000 renders")
	}
	for _, renderer := range []string{"fast", "react"} {
		e, err := New(Config{ComponentsDir: "../components", Root: "..", PoolSize: 1, CacheTTL: -1, ReactRenderer: renderer,
			RuntimeMaxRenders: -1, RuntimeMaxHTMLBytes: -1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		waitAssets(e) // the background compression of the client assets keeps what it made
		for _, c := range []struct {
			name  string
			props map[string]any
		}{{"PlainList", plainItems(20)}, {"PlainListVue", plainItems(20)}, {"ProductList", catalog(10)},
			{"Counter", map[string]any{"start": 3}}, {"Comments", map[string]any{"title": "Talk", "comments": []map[string]any{
				{"id": 1, "author": "ann", "text": "first", "likes": 2}, {"id": 2, "author": "bo", "text": "second", "likes": 0}}}}} {
			if renderer == "react" && strings.HasSuffix(c.name, "Vue") || renderer == "react" && c.name == "Comments" {
				continue // the React renderer setting does not touch Vue
			}
			render := func() {
				if _, err := e.RenderWith(context.Background(), c.name, c.props, RenderOptions{NoCache: true}); err != nil {
					t.Fatal(err)
				}
			}
			for range 1000 {
				render()
			}
			before := liveHeap()
			for range 2000 {
				render()
			}
			growth := int64(liveHeap()) - int64(before)
			t.Logf("%s (renderer %s): %+d KB over 2,000 renders", c.name, renderer, growth>>10)
			// The old Vue reactivity leak was 41 KB a render (80 MB here).
			if growth > 1<<20 {
				t.Errorf("%s (renderer %s): heap grew by %d KB over 2,000 renders with retirement off (%d bytes per render)",
					c.name, renderer, growth>>10, growth/2000)
			}
		}
		g := e.current()
		st := g.pool.Stats()
		g.release()
		e.Close()
		if st.Retirements != 0 || st.Replacements != 0 {
			t.Errorf("pool retired %d and replaced %d runtimes; the test needs one runtime for all renders", st.Retirements, st.Replacements)
		}
	}
}

// liveHeap is the Go heap in use after two collections.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
