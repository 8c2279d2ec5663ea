package reactfast_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrgate/ssrgate/ssr"
)

// writeComponents makes a components directory for the adapter tests.
func writeComponents(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"Plain.jsx":  `export default function Plain({ n }) { return <p className="x">n={n}</p>; }`,
		"Throws.jsx": `export default function Throws() { throw new Error("boom from the component"); }`,
		"Hoists.jsx": `export default function Hoists() { return <div><link rel="stylesheet" href="/a.css" precedence="default" />x</div>; }`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newEngine(t *testing.T, dir, renderer string, sink *logSink) *ssr.Engine {
	t.Helper()
	if _, err := os.Stat("../../node_modules/react-dom"); err != nil {
		t.Skip("node_modules not installed")
	}
	eng, err := ssr.New(ssr.Config{ComponentsDir: dir, Root: "../..", CacheTTL: -1, PoolSize: 1, Strict: true,
		ReactRenderer: renderer, Logger: slog.New(sink)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// TestAdapterPaths checks the adapter's choice per island: the fast path for
// a plain component, React's renderer (with the reason logged) for a tree
// the fast path does not support, React's renderer for everything when
// Config.ReactRenderer is "react", and a component's own error unchanged.
func TestAdapterPaths(t *testing.T) {
	dir := writeComponents(t)
	for _, renderer := range []string{"", "react"} {
		sink := &logSink{reasons: map[string][]string{}}
		eng := newEngine(t, dir, renderer, sink)
		before := scrape(t, eng)
		for _, name := range []string{"Plain", "Hoists"} {
			html, err := eng.Render(context.Background(), name, map[string]any{"n": 3})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want := map[string]string{"Plain": `<p class="x">n=<!-- -->3</p>`, "Hoists": `<link rel="stylesheet" href="/a.css" data-precedence="default"/><div>x</div>`}[name]
			if html != want {
				t.Errorf("renderer %q, %s: got %q, want %q (React's renderToString)", renderer, name, html, want)
			}
		}
		_, err := eng.Render(context.Background(), "Throws", nil)
		if err == nil || !strings.Contains(err.Error(), "boom from the component") {
			t.Errorf("renderer %q, Throws: error %v, want the component's own", renderer, err)
		}
		after := scrape(t, eng)
		delta := func(comp, path string) int { k := comp + "\x00" + path; return after[k] - before[k] }
		wantPlain := "fast"
		if renderer == "react" {
			wantPlain = "react"
			if r := sink.reasons["Plain"]; len(r) != 1 || !strings.Contains(r[0], `set to "react"`) {
				t.Errorf("renderer react: Plain's logged reasons %q", r)
			}
		}
		if delta("Plain", wantPlain) != 1 {
			t.Errorf("renderer %q: Plain not counted as %s: %v", renderer, wantPlain, after)
		}
		if delta("Hoists", "react") != 1 {
			t.Errorf("renderer %q: Hoists not counted as react", renderer)
		}
		if renderer == "" {
			if r := sink.reasons["Hoists"]; len(r) != 1 || !strings.Contains(r[0], "<link rel=stylesheet precedence>") {
				t.Errorf("Hoists' logged reasons %q, want the stylesheet feature", r)
			}
		}
	}
	if _, err := ssr.New(ssr.Config{ComponentsDir: dir, Root: "../..", ReactRenderer: "quick"}); err == nil || !strings.Contains(err.Error(), `"fast" or "react"`) {
		t.Errorf("ReactRenderer quick: %v", err)
	}
}

// TestFailedFallbackKeepsNoContext: when React's renderer throws inside a
// provider (here after the fast path declined <html>), React leaves the
// provider's value on the context object; the adapter must make React put
// it back, or the next fast render on that runtime, another visitor's
// island, reads "dark" where the default "light" belongs.
// Break it: drop the renderToString(null) in internal/bundle/js/react-server.js
// and the third render reads "dark".
func TestFailedFallbackKeepsNoContext(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"_lib/theme.js": `import { createContext } from "react"; export const Theme = createContext("light");`,
		"ThemeReader.jsx": `import { useContext } from "react"; import { Theme } from "./_lib/theme.js";
export default function ThemeReader() { return <p>{useContext(Theme)}</p>; }`,
		"ThemedFail.jsx": `import { Theme } from "./_lib/theme.js";
function Boom() { throw new Error("boom inside the provider"); }
export default function ThemedFail() { return <Theme value="dark"><html><body><Boom /></body></html></Theme>; }`,
	}
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eng := newEngine(t, dir, "", &logSink{reasons: map[string][]string{}})
	read := func(when string) {
		t.Helper()
		html, err := eng.Render(context.Background(), "ThemeReader", nil)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if html != "<p>light</p>" {
			t.Errorf("%s: ThemeReader rendered %q, want the context's default, <p>light</p>", when, html)
		}
	}
	read("before the failed render")
	if _, err := eng.Render(context.Background(), "ThemedFail", nil); err == nil || !strings.Contains(err.Error(), "boom inside the provider") {
		t.Fatalf("ThemedFail: error %v, want the component's own", err)
	}
	read("after the failed render")
}
