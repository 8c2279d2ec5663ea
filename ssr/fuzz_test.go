package ssr

import (
	"bytes"
	"context"
	"html/template"
	"log/slog"
	"strings"
	"testing"
)

// FuzzFinishHostileHTML renders pages whose island writes hostile HTML
// (ssrgate's own markers, island wrappers and script tags) through
// dangerouslySetInnerHTML, an attribute and text, and finishes them both
// ways: ExecutePage (islands recorded while the template runs) and Finish
// (the page scanned afterwards). The island's server HTML must reach the
// page byte for byte, the head and scripts must be filled in where the
// template put them and nowhere else, and ExecutePage must preload only the
// islands the page has.
//
// Seeds: testdata/fuzz/FuzzFinishHostileHTML. Break it: splice the head
// tags at the last head marker (bytes.LastIndex), or scan the page for
// islands in ExecutePage.
func FuzzFinishHostileHTML(f *testing.F) {
	for _, s := range []string{
		headMarker, scriptsMarker, "<!--ssrgate:island:0-->", "<!--ssrgate:island:7-->",
		`<ssr-island style="display:contents" data-component="Hello" data-strategy="load" data-src="/x.js"></ssr-island>`,
		`<script type="module" src="/_ssr/runtime.js"></script>`, "<!-- " + headMarker + " -->", "</head><head>", "<!--", "-->",
	} {
		f.Add(s, s, s)
	}
	e, err := New(Config{ComponentsDir: "testdata/components", Root: "..", PoolSize: 1, CacheTTL: -1,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { e.Close() })
	const layout = `<html><head>{{ ssrHead }}</head><body>{{ component "Raw" (props "html" .H "attr" .A "text" .T) }}<p>after</p>{{ ssrScripts }}</body></html>`
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(layout))
	runtimeTag := `<script type="module" src="` + e.cfg.PublicPath + e.gen.Load().build.Manifest.Runtime + `"></script>`
	rawJS := e.cfg.PublicPath + e.gen.Load().build.Manifest.Components["Raw"].JS

	f.Fuzz(func(t *testing.T, html, attr, text string) {
		ctx := context.Background()
		props := map[string]any{"html": html, "attr": attr, "text": text}
		server, err := e.Render(ctx, "Raw", props)
		if err != nil {
			return // not renderable (React rejects it): nothing to finish
		}
		data := map[string]string{"H": html, "A": attr, "T": text}

		p, err := e.ExecutePage(ctx, tmpl, "p", data)
		if err != nil {
			t.Fatalf("ExecutePage: %v", err)
		}
		var fast bytes.Buffer
		p.WriteTo(&fast)
		p.Release()

		var plain bytes.Buffer
		slow := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(layout))
		if err := slow.Execute(&plain, data); err != nil {
			t.Fatalf("plain Execute: %v", err)
		}
		finished := e.Finish(plain.Bytes())

		for name, page := range map[string]string{"ExecutePage": fast.String(), "Finish": string(finished)} {
			head, rest, ok := strings.Cut(page, "</head>")
			if !ok || !strings.HasPrefix(head, "<html><head><link ") {
				t.Fatalf("%s: head not filled in where {{ ssrHead }} was:\n%s", name, page)
			}
			if !strings.Contains(rest, server) {
				t.Fatalf("%s: the island's server HTML was altered\nserver HTML: %q\npage: %q", name, server, page)
			}
			// After the island: the rest of the template, the runtime, the end.
			i := strings.Index(rest, server) + len(server)
			tail := rest[i:]
			if want := "<p>after</p>" + runtimeTag + "</body></html>"; !strings.HasSuffix(tail, want) {
				t.Fatalf("%s: scripts not filled in where {{ ssrScripts }} was:\n%q", name, tail)
			}
		}
		// The recorded islands: preloads of Raw only, whatever its HTML holds.
		head, _, _ := strings.Cut(fast.String(), "</head>")
		if !strings.Contains(head, `<link rel="modulepreload" href="`+rawJS+`">`) {
			t.Fatalf("ExecutePage: head lacks Raw's preload: %s", head)
		}
		for _, l := range strings.Split(head, "<link ")[1:] {
			if strings.Contains(l, "modulepreload") && !strings.Contains(l, e.gen.Load().build.Manifest.Runtime) && !strings.Contains(l, rawJS) &&
				!isImportOf(e, "Raw", l) {
				t.Fatalf("ExecutePage preloads what the page has no island of: <link %s", l)
			}
		}
	})
}

// isImportOf reports whether link tag l preloads a chunk component imports.
func isImportOf(e *Engine, component, l string) bool {
	for _, imp := range e.gen.Load().build.Manifest.Components[component].Imports {
		if strings.Contains(l, imp) {
			return true
		}
	}
	return false
}
