package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/ssrgate/ssrgate/internal/encode/encodetest"
	"github.com/ssrgate/ssrgate/ssr"
)

func TestMain(m *testing.M) {
	// regexp2's clock for match timeouts (jsvm sets one) runs until the last timeout has passed.
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock"))
}

func TestRouteOf(t *testing.T) {
	for in, want := range map[string]string{
		"index.html":            "/",
		"about.html":            "/about",
		"products/index.html":   "/products",
		"products/[id].html":    "/products/:id",
		"docs/[...rest].html":   "/docs/*rest",
		"a/[x]/b/[y].html":      "/a/:x/b/:y",
		"articles/[slug].html":  "/articles/:slug",
		"nested/deep/page.html": "/nested/deep/page",
	} {
		if got := routeOf(in); got != want {
			t.Errorf("routeOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// demo serves the repository's demo site through the real engine.
func demo(t *testing.T) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, err := ssr.New(ssr.Config{ComponentsDir: "../../components", Root: "../..", PoolSize: 2, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, TemplatesDir: "../../templates", Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); eng.Close() })
	return srv
}

func fetch(t *testing.T, url string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	// The default transport would decompress gzip itself; ask explicitly.
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	defer tr.CloseIdleConnections()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// islandHTML returns the server HTML inside the first island of component
// in page, and whether that island is a client-only fallback. Text that
// also appears in the props JSON (a product name) proves nothing about the
// server render; the island's own HTML does.
func islandHTML(page, component string) (html string, fallback bool, ok bool) {
	open := `<ssr-island data-component="` + component + `"`
	i := strings.Index(page, open)
	if i < 0 {
		return "", false, false
	}
	end := strings.IndexByte(page[i:], '>')
	tag := page[i : i+end+1]
	rest := page[i+end+1:]
	j := strings.Index(rest, "</ssr-island>")
	if j < 0 {
		return "", false, false
	}
	return rest[:j], strings.Contains(tag, "data-fallback=") || strings.Contains(tag, `data-render="client"`), true
}

// TestDemoPages renders the demo site and checks each island's server HTML.
// Break it: make ProductList or Newsletter throw (their islands become
// fallbacks and their HTML is empty), or serve a wrong status.
func TestDemoPages(t *testing.T) {
	srv := demo(t)
	tests := []struct {
		path, want string
		status     int
	}{
		{"/products/2", "<h1>Oak chair</h1>", 200},
		{"/products/99", "There is no product 99", 404}, // {{ status 404 }}
		{"/articles/islands", "Ada &lt;Admin&gt; &amp; Co", 200},
		{"/nowhere", "Nothing lives at /nowhere", 404},
	}
	for _, tt := range tests {
		resp, body := fetch(t, srv.URL+tt.path, nil)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s: %d, want %d containing %q\n%s", tt.path, resp.StatusCode, tt.status, tt.want, body)
		}
	}
	islands := []struct {
		path, component string
		want            []string // in the island's server HTML
	}{
		{"/", "Counter", []string{"Clicks<!-- -->: <!-- -->0"}},
		{"/products", "ProductList", []string{`<a href="/products/1">Walnut desk</a>`, "$19.00"}},
		{"/articles/islands", "Newsletter", []string{"<h2>Get <!-- -->islands<!-- --> updates</h2>", "<button type=\"submit\">Subscribe</button>"}},
		{"/articles/islands", "ArticleBody", []string{"Ada &lt;Admin&gt; &amp; Co"}},
	}
	for _, is := range islands {
		resp, body := fetch(t, srv.URL+is.path, nil)
		html, fallback, ok := islandHTML(body, is.component)
		if resp.StatusCode != 200 || !ok {
			t.Errorf("GET %s: %d, no %s island\n%s", is.path, resp.StatusCode, is.component, body)
			continue
		}
		if fallback {
			t.Errorf("GET %s: the %s island is a client-only fallback, want server HTML", is.path, is.component)
		}
		for _, w := range is.want {
			if !strings.Contains(html, w) {
				t.Errorf("GET %s: %s island's server HTML lacks %q:\n%s", is.path, is.component, w, html)
			}
		}
	}
}

func TestHTTPCaching(t *testing.T) {
	srv := demo(t)
	resp, body := fetch(t, srv.URL+"/products", nil)
	etag := resp.Header.Get("ETag")
	if !strings.HasPrefix(etag, `"`) || resp.Header.Get("Cache-Control") != "public, max-age=0, s-maxage=60, stale-while-revalidate=300" {
		t.Fatalf("headers: %v", resp.Header)
	}
	resp, _ = fetch(t, srv.URL+"/products", map[string]string{"If-None-Match": etag})
	if resp.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	resp, _ = fetch(t, srv.URL+"/products", map[string]string{"If-None-Match": `"other"`})
	if resp.StatusCode != 200 {
		t.Fatalf("stale If-None-Match: %d", resp.StatusCode)
	}
	if resp, _ := fetch(t, srv.URL+"/", nil); resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("default Cache-Control = %q", resp.Header.Get("Cache-Control"))
	}

	// Each content coding: a body that decodes to the identity body, its
	// own strong ETag (RFC 9110 §8.8.3), Content-Length, Vary.
	tags := map[string]string{etag: "identity"}
	for _, coding := range []string{"gzip", "br", "zstd"} {
		resp, zbody := fetch(t, srv.URL+"/products", map[string]string{"Accept-Encoding": coding})
		if resp.Header.Get("Content-Encoding") != coding {
			t.Fatalf("Accept-Encoding %s: %v", coding, resp.Header)
		}
		if resp.ContentLength != int64(len(zbody)) || resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Content-Length %d for %d bytes; Vary %q", coding, resp.ContentLength, len(zbody), resp.Header.Get("Vary"))
		}
		if plain := decodeBody(t, coding, zbody); plain != body {
			t.Errorf("%s body does not decode to the identity body", coding)
		}
		zt := resp.Header.Get("ETag")
		if other, dup := tags[zt]; dup {
			t.Errorf("%s shares ETag %s with %s", coding, zt, other)
		}
		tags[zt] = coding
		if resp, _ := fetch(t, srv.URL+"/products", map[string]string{"Accept-Encoding": coding, "If-None-Match": zt}); resp.StatusCode != 304 || resp.Header.Get("ETag") != zt {
			t.Errorf("%s revalidation: %d, ETag %q", coding, resp.StatusCode, resp.Header.Get("ETag"))
		}
	}
}

func decodeBody(t *testing.T, coding, body string) string {
	return string(encodetest.Decode(t, coding, []byte(body)))
}

// TestHead: every page route answers HEAD with GET's status and headers,
// Content-Length included, and no body.
func TestHead(t *testing.T) {
	srv := demo(t)
	for _, path := range []string{"/", "/products", "/products/2", "/products/99", "/articles/islands", "/nowhere"} {
		for _, accept := range []string{"", "gzip, deflate, br, zstd"} {
			hdr := map[string]string{"Accept-Encoding": accept}
			get, body := fetch(t, srv.URL+path, hdr)
			req, _ := http.NewRequest("HEAD", srv.URL+path, nil)
			req.Header.Set("Accept-Encoding", accept)
			tr := &http.Transport{DisableCompression: true}
			head, err := (&http.Client{Transport: tr}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			hb, _ := io.ReadAll(head.Body)
			head.Body.Close()
			tr.CloseIdleConnections()
			if head.StatusCode != get.StatusCode || len(hb) != 0 {
				t.Errorf("HEAD %s: %d with %d body bytes; GET %d", path, head.StatusCode, len(hb), get.StatusCode)
			}
			if get.ContentLength != int64(len(body)) || head.ContentLength != get.ContentLength {
				t.Errorf("HEAD %s (%q): Content-Length %d, GET's %d, GET body %d", path, accept, head.ContentLength, get.ContentLength, len(body))
			}
			for _, k := range []string{"ETag", "Content-Type", "Content-Encoding", "Cache-Control", "Vary"} {
				if head.Header.Get(k) != get.Header.Get(k) {
					t.Errorf("HEAD %s: %s %q, GET's %q", path, k, head.Header.Get(k), get.Header.Get(k))
				}
			}
		}
	}
}

func TestOpsEndpoints(t *testing.T) {
	srv := demo(t)
	fetch(t, srv.URL+"/products", nil)
	for path, want := range map[string]string{
		"/healthz": "ok", "/readyz": "ready",
		"/metrics": "ssrgate_render_duration_seconds_bucket{component=\"ProductList\"",
	} {
		resp, body := fetch(t, srv.URL+path, nil)
		if resp.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, want %q in\n%.2000s", path, resp.StatusCode, want, body)
		}
	}
}
