package ssr

import (
	"bytes"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestGinWrongOrder: HTMLRender set before LoadHTMLGlob is replaced by
// Gin's own renderer. ssrgate says so when it is called with no renderer,
// says it again (once) when the first page is rendered by Gin's renderer,
// and in strict mode the page itself shows it.
func TestGinWrongOrder(t *testing.T) {
	for _, mode := range []string{gin.DebugMode, gin.ReleaseMode} {
		t.Run(mode, func(t *testing.T) {
			e, logs := newTestEngine(t, func(c *Config) { c.Strict = true })
			gin.SetMode(mode)
			defer gin.SetMode(gin.TestMode)
			r := gin.New()
			r.SetFuncMap(e.FuncMap())
			r.HTMLRender = e.HTMLRender(r.HTMLRender) // wrong: before LoadHTMLGlob
			if s := logs.String(); !strings.Contains(s, "engine.HTMLRender was given no renderer: call it after r.LoadHTMLGlob") {
				t.Errorf("HTMLRender(nil) not reported:\n%s", s)
			}
			r.LoadHTMLGlob("testdata/templates/*")
			e.Mount(r)
			r.GET("/", func(c *gin.Context) { c.HTML(http.StatusOK, "page.html", gin.H{"Title": "Gin", "Name": "gin"}) })
			srv := httptest.NewServer(r)
			defer srv.Close()
			for i := 0; i < 3; i++ {
				body, _ := get(t, srv.URL+"/")
				if !strings.Contains(body, headMarker) {
					t.Fatalf("the misconfigured page was finished after all?\n%s", body)
				}
				if !strings.Contains(body, "ssrgate: this page was not finished") {
					t.Errorf("strict mode: the unfinished page does not say so:\n%s", body)
				}
			}
			const msg = "Gin renders pages with its own HTMLRender, not the engine's"
			if n := strings.Count(logs.String(), msg); n != 1 {
				t.Errorf("%q logged %d times over 3 pages, want once:\n%s", msg, n, logs.String())
			}
		})
	}
}

// TestGinRightOrderQuiet: the documented order logs no wiring problem and
// the strict note never reaches the page, in both of Gin's renderers.
func TestGinRightOrderQuiet(t *testing.T) {
	for _, mode := range []string{gin.DebugMode, gin.ReleaseMode} {
		t.Run(mode, func(t *testing.T) {
			e, logs := newTestEngine(t, func(c *Config) { c.Strict = true })
			gin.SetMode(mode)
			defer gin.SetMode(gin.TestMode)
			r := gin.New()
			r.SetFuncMap(e.FuncMap())
			r.LoadHTMLGlob("testdata/templates/*")
			r.HTMLRender = e.HTMLRender(r.HTMLRender)
			e.Mount(r)
			r.GET("/", func(c *gin.Context) { c.HTML(http.StatusOK, "page.html", gin.H{"Title": "Gin", "Name": "gin"}) })
			srv := httptest.NewServer(r)
			defer srv.Close()
			body, _ := get(t, srv.URL+"/")
			if strings.Contains(body, "ssrgate:") || strings.Contains(body, "data-ssrgate-warning") {
				t.Errorf("correctly wired page has markers or warnings:\n%s", body)
			}
			if s := logs.String(); strings.Contains(s, "level=ERROR") {
				t.Errorf("correct wiring logged an error:\n%s", s)
			}
		})
	}
}

// TestMissingScriptsAndHead: islands that need JS on a page without
// {{ ssrScripts }}, or islands without {{ ssrHead }}, are logged once per
// template, on the fast path and on the scanning path, and shown in the
// page only in strict mode.
func TestMissingScriptsAndHead(t *testing.T) {
	const src = `<html><body>{{ component "Hello" (props "name" "x") }}</body></html>`
	for _, strict := range []bool{false, true} {
		e, logs := newTestEngine(t, func(c *Config) { c.Strict = strict })
		tmpl := template.Must(template.New("nojs.html").Funcs(e.FuncMap()).Parse(src))
		var page string
		for i := 0; i < 3; i++ {
			var b bytes.Buffer
			if err := e.Execute(&b, tmpl, "nojs.html", nil); err != nil {
				t.Fatal(err)
			}
			page = b.String()
		}
		// The scanning path: a directly executed copy, finished by Finish.
		direct := template.Must(template.New("direct.html").Funcs(e.FuncMap()).Parse(src))
		var raw bytes.Buffer
		if err := direct.Execute(&raw, nil); err != nil {
			t.Fatal(err)
		}
		scanned := string(e.Finish(raw.Bytes()))
		s := logs.String()
		for _, msg := range []string{"no {{ ssrScripts }}, so nothing hydrates", "no {{ ssrHead }}, so their stylesheets"} {
			if n := strings.Count(s, msg); n != 2 { // once for nojs.html, once for the scanned page
				t.Errorf("strict=%v: %q logged %d times, want once per template (2):\n%s", strict, msg, n, s)
			}
		}
		if !strings.Contains(s, "template=nojs.html") || !strings.Contains(s, "first_island=Hello") {
			t.Errorf("log does not name the template and island:\n%s", s)
		}
		for name, p := range map[string]string{"fast path": page, "scanned": scanned} {
			shown := strings.Contains(p, `<p role="alert" data-ssrgate-warning>ssrgate: the page has islands that need JavaScript but no {{ ssrScripts }}`)
			if shown != strict {
				t.Errorf("strict=%v, %s: warning shown in the page: %v\n%s", strict, name, shown, p)
			}
		}
	}
}

// TestUnfinishedPagesLogged: templates executed with the engine's functions
// whose output is never finished are reported once.
func TestUnfinishedPagesLogged(t *testing.T) {
	e, logs := newTestEngine(t, nil)
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`<head>{{ ssrHead }}</head>{{ ssrScripts }}`))
	for i := 0; i < unfinishedAfter; i++ {
		if err := tmpl.Execute(&bytes.Buffer{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	const msg = "pages were executed with the engine's template functions but never finished"
	if n := strings.Count(logs.String(), msg); n != 1 {
		t.Errorf("%q logged %d times, want 1:\n%s", msg, n, logs.String())
	}

	// Finished pages are not reported, however many.
	e2, logs2 := newTestEngine(t, nil)
	tmpl2 := template.Must(template.New("p").Funcs(e2.FuncMap()).Parse(`<head>{{ ssrHead }}</head>{{ ssrScripts }}`))
	for i := 0; i < 2*unfinishedAfter; i++ {
		var b bytes.Buffer
		if err := tmpl2.Execute(&b, nil); err != nil {
			t.Fatal(err)
		}
		e2.Finish(b.Bytes())
	}
	if strings.Contains(logs2.String(), msg) {
		t.Errorf("finished pages reported as unfinished:\n%s", logs2.String())
	}
}
