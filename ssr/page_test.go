package ssr

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
)

// finishByScan executes a fresh parse of src directly and finishes it the
// old way, by scanning the output: the reference the fast path must equal.
func finishByScan(t *testing.T, e *Engine, src string, data any) string {
	t.Helper()
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(src))
	var raw bytes.Buffer
	if err := tmpl.Execute(&raw, data); err != nil {
		t.Fatal(err)
	}
	return string(e.Finish(raw.Bytes()))
}

func executePage(t *testing.T, e *Engine, ctx context.Context, tmpl *template.Template, data any) (string, int) {
	t.Helper()
	p, err := e.ExecutePage(ctx, tmpl, "", data)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release()
	var b bytes.Buffer
	n, err := p.WriteTo(&b)
	if err != nil || int(n) != p.Len() || b.Len() != p.Len() {
		t.Fatalf("WriteTo: %d bytes, err %v; Len %d", n, err, p.Len())
	}
	return b.String(), p.Status()
}

var idPrefixAttr = regexp.MustCompile(` data-id-prefix="i[0-9]+"`)

func TestExecutePageEqualsScan(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	pages := map[string]string{
		"islands": `<!doctype html><html><head><title>{{ .Title }}</title>{{ ssrHead }}</head><body>` +
			`{{ component "Hello" (props "name" .Name) }}{{ component "ui/Badge" (props "label" "new") "static" }}` +
			`{{ component "Hello" (props "name" "idle") "client:idle" }}{{ ssrScripts }}</body></html>`,
		"static only": `<head>{{ ssrHead }}</head>{{ component "ui/Badge" (props "label" "x") "static" }}{{ ssrScripts }}`,
		"no islands":  `<head>{{ ssrHead }}</head><p>{{ .Title }}</p>{{ ssrScripts }}`,
		"no markers":  `<p>{{ component "Hello" (props "name" .Name) }}</p>`,
		"client only": `<head>{{ ssrHead }}</head>{{ component "Hello" nil "client:only" }}{{ ssrScripts }}`,
		"variable":    `<head>{{ ssrHead }}</head>{{ $c := component "Hello" (props "name" .Name) }}<div>{{ $c }}</div>{{ ssrScripts }}`,
	}
	data := map[string]any{"Title": "T", "Name": "</script><!-- \u2028"}
	for name, src := range pages {
		t.Run(name, func(t *testing.T) {
			tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(src))
			want := finishByScan(t, e, src, data)
			for i := 0; i < 3; i++ { // fresh clone, then pooled ones
				got, status := executePage(t, e, context.Background(), tmpl, data)
				// Only the fast path knows an island's place in the page, so
				// only it gives islands id prefixes (none of these
				// components calls useId, so their HTML is the same).
				got = idPrefixAttr.ReplaceAllString(got, "")
				if got != want {
					t.Fatalf("run %d: fast path differs from the scanned page\nfast: %s\nscan: %s", i, got, want)
				}
				if status != 0 {
					t.Errorf("status %d without {{ status }}", status)
				}
			}
			if strings.Contains(want, "ssrgate:") {
				t.Errorf("a placeholder is left in the page: %s", want)
			}
		})
	}
}

// TestExecutePageRecordsIslands: the fast path takes the islands from what
// the template called, not from the output, so markup that only looks like
// an island (here a trusted template.HTML value) adds no assets.
func TestExecutePageRecordsIslands(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	forged := template.HTML(`<ssr-island style="display:contents" data-component="ui/Badge" data-strategy="load" data-src="x.js"></ssr-island>`)
	src := `<head>{{ ssrHead }}</head>{{ .Forged }}{{ ssrScripts }}`
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(src))
	got, _ := executePage(t, e, context.Background(), tmpl, map[string]any{"Forged": forged})
	if strings.Contains(got, "stylesheet") || strings.Contains(got, "<script") {
		t.Errorf("fast path added assets for markup it did not write: %s", got)
	}
	if scanned := finishByScan(t, e, src, map[string]any{"Forged": forged}); !strings.Contains(scanned, "stylesheet") {
		t.Fatalf("the scan path should have seen the forged island (the test's premise): %s", scanned)
	}
}

// TestExecutePageContext: renders get the request's context; a cancelled
// request's uncached island falls back to client rendering.
func TestExecutePageContext(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`{{ component "Hello" (props "name" "ctx") "cache=off" }}`))
	live, _ := executePage(t, e, context.Background(), tmpl, nil)
	if strings.Contains(live, "data-fallback") || !strings.Contains(live, "Hello, <!-- -->ctx") {
		t.Fatalf("live context: %s", live)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dead, _ := executePage(t, e, ctx, tmpl, nil)
	if !strings.Contains(dead, `data-fallback=`) || strings.Contains(dead, "Hello, <!-- -->ctx") {
		t.Fatalf("cancelled context still rendered on the server: %s", dead)
	}
}

func TestExecutePageStatus(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(
		`{{ if .Missing }}{{ status 404 }}<h1>No such thing</h1>{{ else }}<h1>Found</h1>{{ end }}`))
	for i := 0; i < 3; i++ { // the pooled clone must not remember the last status
		if _, st := executePage(t, e, context.Background(), tmpl, map[string]any{"Missing": true}); st != 404 {
			t.Fatalf("status %d, want 404", st)
		}
		if _, st := executePage(t, e, context.Background(), tmpl, map[string]any{"Missing": false}); st != 0 {
			t.Fatalf("status %d after a 404 page, want 0 (unset)", st)
		}
	}
	rec := httptest.NewRecorder()
	if err := e.ExecuteContext(context.Background(), rec, tmpl, "", map[string]any{"Missing": true}); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "No such thing") {
		t.Errorf("ExecuteContext on a ResponseWriter: %d %q", rec.Code, rec.Body.String())
	}
	bad := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`{{ status 42 }}`))
	if _, err := e.ExecutePage(context.Background(), bad, "", nil); err == nil || !strings.Contains(err.Error(), "status 42") {
		t.Errorf("status 42: want an error naming it, got %v", err)
	}
}

// TestExecutePageAlreadyExecuted: a set that ran before ssr saw it cannot
// be cloned; it is still served correctly, by the scan path.
func TestExecutePageAlreadyExecuted(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	src := `<head>{{ ssrHead }}</head>{{ component "Hello" (props "name" "old") }}{{ ssrScripts }}`
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(src))
	if err := tmpl.Execute(io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := executePage(t, e, context.Background(), tmpl, nil)
	if want := finishByScan(t, e, src, nil); got != want {
		t.Errorf("executed set:\n got %s\nwant %s", got, want)
	}
}

func TestExecutePageConcurrent(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(
		`<head>{{ ssrHead }}</head>{{ component "Hello" (props "name" .) }}{{ if eq . "n3" }}{{ status 404 }}{{ end }}{{ ssrScripts }}`))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				name := fmt.Sprintf("n%d", (g+i)%5)
				p, err := e.ExecutePage(context.Background(), tmpl, "", name)
				if err != nil {
					errs <- err
					return
				}
				var b bytes.Buffer
				p.WriteTo(&b)
				st := p.Status()
				p.Release()
				if !strings.Contains(b.String(), "Hello, <!-- -->"+name+"<!-- -->!") || strings.Count(b.String(), "<ssr-island") != 1 {
					errs <- fmt.Errorf("page for %s: %s", name, b.String())
					return
				}
				if (st == 404) != (name == "n3") {
					errs <- fmt.Errorf("page for %s: status %d", name, st)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestGinStatusAndLength(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.SetFuncMap(e.FuncMap())
	r.LoadHTMLGlob("testdata/templates/*")
	r.HTMLRender = e.HTMLRender(r.HTMLRender)
	r.GET("/gone", func(c *gin.Context) { c.HTML(http.StatusOK, "status.html", gin.H{"Missing": true}) })
	srv := httptest.NewServer(r)
	defer srv.Close()
	body, resp := get(t, srv.URL+"/gone")
	if resp.StatusCode != 404 || !strings.Contains(body, "Hello, <!-- -->gone") {
		t.Fatalf("gin page with {{ status 404 }}: %d\n%s", resp.StatusCode, body)
	}
	if resp.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length %d, body %d bytes", resp.ContentLength, len(body))
	}
}

// BenchmarkPageCacheHitSize is a cache-hit page whose island grows from 1
// KiB to 512 KiB while its props stay tiny: the bytes allocated per page
// must stay flat (the island's memoized markup is spliced into the output,
// never copied).
func BenchmarkPageCacheHitSize(b *testing.B) {
	cfg := Config{ComponentsDir: "testdata/components", Root: "..", PoolSize: 1,
		Logger: discardLogger()}
	e, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	tmpl := template.Must(template.New("page").Funcs(e.FuncMap()).Parse(
		`<html><head><title>{{ .Title }}</title>{{ ssrHead }}</head><body><h1>{{ .Title }}</h1>{{ component "Big" .Props }}{{ ssrScripts }}</body></html>`))
	for _, kb := range []int{1, 32, 512} {
		data := map[string]any{"Title": "Big", "Props": map[string]any{"kb": kb}}
		b.Run(fmt.Sprintf("island=%dKiB", kb), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p, err := e.ExecutePage(context.Background(), tmpl, "page", data)
				if err != nil {
					b.Fatal(err)
				}
				p.WriteTo(io.Discard)
				p.Release()
			}
		})
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
