package ssr

import (
	"context"
	"html/template"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

const cspPage = `<html><head>{{ ssrHead }}</head><body>{{ component "Hello" (props "name" "n") }}` +
	`<script nonce="{{ cspNonce }}">1</script>{{ ssrScripts }}</body></html>`

var policyRe = regexp.MustCompile(`^script-src 'nonce-([A-Za-z0-9_-]{22})' 'strict-dynamic'; object-src 'none'; base-uri 'none'$`)

// checkNonced: every script and module preload of page carries nonce, and
// the page's own script got it from {{ cspNonce }}.
func checkNonced(t *testing.T, page, nonce string) {
	t.Helper()
	tags := regexp.MustCompile(`<script\b[^>]*>|<link\b[^>]*rel="modulepreload"[^>]*>`).FindAllString(page, -1)
	if len(tags) < 3 {
		t.Fatalf("want the runtime, preloads and the page script, got %q", tags)
	}
	for _, tag := range tags {
		if strings.Contains(tag, `type="application/json"`) {
			continue
		}
		if !strings.Contains(tag, ` nonce="`+nonce+`"`) {
			t.Errorf("no nonce %q on %s", nonce, tag)
		}
	}
	if strings.Contains(page, nonceMarker) {
		t.Errorf("{{ cspNonce }} placeholder left in the page:\n%s", page)
	}
}

func TestCSPNonce(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.CSPNonce = true })
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(cspPage))
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		rec := httptest.NewRecorder()
		if err := e.ExecuteContext(context.Background(), rec, tmpl, "", nil); err != nil {
			t.Fatal(err)
		}
		m := policyRe.FindStringSubmatch(rec.Header().Get("Content-Security-Policy"))
		if m == nil {
			t.Fatalf("Content-Security-Policy %q is not the strict policy", rec.Header().Get("Content-Security-Policy"))
		}
		if seen[m[1]] {
			t.Errorf("nonce %s repeated", m[1])
		}
		seen[m[1]] = true
		checkNonced(t, rec.Body.String(), m[1])
	}
	// The cached render and its memoized island markup hold no nonce.
	r, err := e.render(context.Background(), e.gen.Load(), "Hello", []byte(`{"name":"n"}`), RenderOptions{IDPrefix: "i0"})
	if err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	memo := len(r.markup)
	for n := range seen {
		if strings.Contains(r.html, n) {
			t.Errorf("render cache entry holds nonce %s", n)
		}
		for _, m := range r.markup {
			if strings.Contains(m, n) {
				t.Errorf("memoized island markup holds nonce %s", n)
			}
		}
	}
	r.mu.Unlock()
	if memo == 0 {
		t.Error("the page's island did not come from the render cache entry checked here")
	}

	// The application's own nonce: used, and no header of ssrgate's.
	rec := httptest.NewRecorder()
	if err := e.ExecuteContext(WithCSPNonce(context.Background(), "appnonce123"), rec, tmpl, "", nil); err != nil {
		t.Fatal(err)
	}
	if h := rec.Header().Get("Content-Security-Policy"); h != "" {
		t.Errorf("ssrgate sent a policy although the application owns the nonce: %q", h)
	}
	checkNonced(t, rec.Body.String(), "appnonce123")
}

// TestCSPNonceGin: both of Gin's renderers, with ssrgate's policy and with
// a policy the application's middleware set first.
func TestCSPNonceGin(t *testing.T) {
	for _, mode := range []string{gin.DebugMode, gin.ReleaseMode, "release+GinCompress"} {
		t.Run(mode, func(t *testing.T) {
			e, _ := newTestEngine(t, func(c *Config) { c.CSPNonce = true })
			compress := mode == "release+GinCompress"
			if compress {
				mode = gin.ReleaseMode
			}
			gin.SetMode(mode)
			defer gin.SetMode(gin.TestMode)
			r := gin.New()
			if compress {
				r.Use(e.GinCompress()) // the page is handed over whole and sent at the end
			}
			r.SetFuncMap(e.FuncMap())
			r.SetHTMLTemplate(template.Must(template.New("csp.html").Funcs(e.FuncMap()).Parse(cspPage)))
			r.HTMLRender = e.HTMLRender(r.HTMLRender)
			e.Mount(r)
			r.GET("/", func(c *gin.Context) { c.HTML(http.StatusOK, "csp.html", nil) })
			r.GET("/own", func(c *gin.Context) {
				c.Header("Content-Security-Policy", "script-src 'nonce-mine42' 'strict-dynamic'")
				c.HTML(http.StatusOK, "csp.html", nil)
			})
			srv := httptest.NewServer(r)
			defer srv.Close()
			body, resp := get(t, srv.URL+"/")
			m := policyRe.FindStringSubmatch(resp.Header.Get("Content-Security-Policy"))
			if m == nil {
				t.Fatalf("policy %q", resp.Header.Get("Content-Security-Policy"))
			}
			checkNonced(t, body, m[1])
			body, resp = get(t, srv.URL+"/own")
			if h := resp.Header.Get("Content-Security-Policy"); h != "script-src 'nonce-mine42' 'strict-dynamic'" {
				t.Errorf("the application's policy was replaced: %q", h)
			}
			checkNonced(t, body, "mine42")
		})
	}
}

// TestIDPrefixInCacheKey: renders with different id prefixes are cached
// apart (a component's useId HTML depends on its prefix), and a page gives
// each island its own prefix.
func TestIDPrefixInCacheKey(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	ctx := context.Background()
	a, err := e.RenderWith(ctx, "Ids", nil, RenderOptions{IDPrefix: "a"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.RenderWith(ctx, "Ids", nil, RenderOptions{IDPrefix: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if a == b || !strings.Contains(a, `id="_aR_0_"`) || !strings.Contains(b, `id="_bR_0_"`) {
		t.Errorf("prefixed renders:\n a: %s\n b: %s", a, b)
	}
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`{{ component "Ids" nil }}{{ component "Ids" nil }}{{ component "Ids" nil "static" }}`))
	p, err := e.ExecutePage(ctx, tmpl, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release()
	var sb strings.Builder
	p.WriteTo(&sb)
	page := sb.String()
	for i, want := range []string{`data-id-prefix="i0"><p><label for="_i0R_0_">`, `data-id-prefix="i1"><p><label for="_i1R_0_">`, `data-strategy="static"><p><label for="_i2R_0_">`} {
		if !strings.Contains(page, want) {
			t.Errorf("island %d: want %s in\n%s", i, want, page)
		}
	}
}

// TestCSPNonceWritePage: WritePage sends a nonce'd page with the policy and
// without an ETag (each response is unique; a 304 would revive an old
// nonce), compressed when the client asks.
func TestCSPNonceWritePage(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.CSPNonce = true })
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(cspPage + strings.Repeat("<p>filler text to compress</p>", 40)))
	for i := 0; i < 2; i++ {
		p, err := e.ExecutePage(context.Background(), tmpl, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		if err := e.WritePage(rec, req, http.StatusOK, p); err != nil {
			t.Fatal(err)
		}
		p.Release()
		if policyRe.FindString(rec.Header().Get("Content-Security-Policy")) == "" {
			t.Errorf("response %d: policy %q", i, rec.Header().Get("Content-Security-Policy"))
		}
		if et := rec.Header().Get("ETag"); et != "" {
			t.Errorf("response %d: nonce'd page has ETag %s", i, et)
		}
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("response %d: not compressed (%q)", i, rec.Header().Get("Content-Encoding"))
		}
	}
}
