package ssr

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// catalog returns n products shaped like the demo's.
func catalog(n int) map[string]any {
	items := make([]map[string]any, n)
	for i := range items {
		items[i] = map[string]any{
			"id": fmt.Sprint(i + 1), "name": fmt.Sprintf("Product %d", i+1),
			"price": 10 + float64(i)*1.25, "description": "A well-made thing.",
		}
	}
	return map[string]any{"products": items, "currency": "USD"}
}

func benchEngine(b *testing.B, ttl int) *Engine {
	b.Helper()
	cfg := Config{ComponentsDir: "../components", Root: "..", PoolSize: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if ttl < 0 {
		cfg.CacheTTL = -1
	}
	e, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	// The background brotli pass over the client assets starts a second
	// after New and takes a core for a second or two: timing renders over
	// it measures the pass.
	waitAssets(e)
	return e
}

// BenchmarkRenderUncached is one full server render of the demo catalog.
func BenchmarkRenderUncached(b *testing.B) { benchRender(b, benchEngine(b, -1)) }

// BenchmarkRenderCached is a render-cache hit, props encoding and key hash included.
func BenchmarkRenderCached(b *testing.B) { benchRender(b, benchEngine(b, 0)) }

// plainItems returns the props of the plain benchmark islands (PlainList,
// PlainListVue) with n rows, as internal/bench builds them.
func plainItems(n int) map[string]any {
	items := make([]map[string]any, n)
	for i := range items {
		items[i] = map[string]any{"id": i + 1, "name": fmt.Sprintf("Item %d & more", i+1),
			"price": 3 + float64(i)*0.75, "featured": i%5 == 0}
	}
	return map[string]any{"items": items, "title": "Items"}
}

// BenchmarkRenderPlainUncached is one uncached render of the plain (Intl-
// free) list, in React and in Vue: the renderer's own cost. make bench
// times the same components beside Node's.
func BenchmarkRenderPlainUncached(b *testing.B) {
	e := benchEngine(b, -1)
	for _, comp := range []string{"PlainList", "PlainListVue"} {
		for _, n := range []int{10, 100, 1000} {
			props := plainItems(n)
			b.Run(fmt.Sprintf("%s/rows=%d", comp, n), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := e.Render(context.Background(), comp, props); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func benchRender(b *testing.B, e *Engine) {
	for _, n := range []int{10, 100, 1000} {
		props := catalog(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := e.Render(context.Background(), "ProductList", props); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIsland is the template function's work on a cache hit: props
// encoding, cache lookup and markup.
func BenchmarkIsland(b *testing.B) {
	e := benchEngine(b, 0)
	props := catalog(100)
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := e.Island(context.Background(), &buf, "ProductList", props); err != nil {
			b.Fatal(err)
		}
	}
}

type benchProduct struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Price       float64 `json:"price"`
	Description string  `json:"description"`
}

type benchCatalog struct {
	Products []benchProduct `json:"products"`
	Currency string         `json:"currency"`
}

// BenchmarkPageCacheHit is a whole page with one island on a render-cache
// hit: what a warm ssrgate page costs beyond plain html/template.
func BenchmarkPageCacheHit(b *testing.B) {
	e := benchEngine(b, 0)
	tmpl := template.Must(template.New("page").Funcs(e.FuncMap()).Parse(
		`<html><head>{{ ssrHead }}</head><body><h1>{{ .Title }}</h1>{{ component "ProductList" .Props }}{{ ssrScripts }}</body></html>`))
	for _, n := range []int{10, 100, 1000} {
		cat := benchCatalog{Currency: "USD"}
		for i := 0; i < n; i++ {
			cat.Products = append(cat.Products, benchProduct{fmt.Sprint(i + 1), fmt.Sprintf("Product %d", i+1), 10 + float64(i)*1.25, "A well-made thing."})
		}
		data := map[string]any{"Title": "Catalog", "Props": cat}
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := e.Execute(io.Discard, tmpl, "page", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPagePlain is BenchmarkPageCacheHit's page with the island and
// head already rendered into the data: the html/template ceiling that a
// cache hit is compared with (B/A in the side-by-side benchmark).
func BenchmarkPagePlain(b *testing.B) {
	e := benchEngine(b, 0)
	ssrPage := template.Must(template.New("page").Funcs(e.FuncMap()).Parse(
		`<html><head>{{ ssrHead }}</head><body><h1>{{ .Title }}</h1>{{ component "ProductList" .Props }}{{ ssrScripts }}</body></html>`))
	plain := template.Must(template.New("page").Parse(
		`<html><head>{{ .Head }}</head><body><h1>{{ .Title }}</h1>{{ .Island }}{{ .Scripts }}</body></html>`))
	for _, n := range []int{10, 100, 1000} {
		cat := benchCatalog{Currency: "USD"}
		for i := 0; i < n; i++ {
			cat.Products = append(cat.Products, benchProduct{fmt.Sprint(i + 1), fmt.Sprintf("Product %d", i+1), 10 + float64(i)*1.25, "A well-made thing."})
		}
		// Render the real page once and cut it into the plain page's parts.
		var full bytes.Buffer
		if err := e.Execute(&full, ssrPage, "page", map[string]any{"Title": "Catalog", "Props": cat}); err != nil {
			b.Fatal(err)
		}
		page := full.String()
		headEnd := strings.Index(page, "</head>")
		islandStart := strings.Index(page, "<ssr-island")
		scriptsStart := strings.LastIndex(page, `<script type="module"`)
		data := map[string]any{
			"Title":   "Catalog",
			"Head":    template.HTML(page[len("<html><head>"):headEnd]),
			"Island":  template.HTML(page[islandStart:scriptsStart]),
			"Scripts": template.HTML(page[scriptsStart:strings.LastIndex(page, "</body>")]),
		}
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := plain.Execute(io.Discard, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
