package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.uber.org/goleak"

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

func TestDemoPages(t *testing.T) {
	srv := demo(t)
	tests := []struct {
		path, want string
		status     int
	}{
		{"/", "Clicks<!-- -->: <!-- -->0", 200},
		{"/products", "Walnut desk", 200},
		{"/products", "$19.00", 200},
		{"/products/2", "<h1>Oak chair</h1>", 200},
		{"/products/99", "There is no product 99", 200},
		{"/articles/islands", "Ada &lt;Admin&gt; &amp; Co", 200},
		{"/articles/islands", `data-component="Newsletter" data-strategy="visible"`, 200},
		{"/nowhere", "Nothing lives at /nowhere", 404},
	}
	for _, tt := range tests {
		resp, body := fetch(t, srv.URL+tt.path, nil)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s: %d, want %d containing %q\n%s", tt.path, resp.StatusCode, tt.status, tt.want, body)
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

	resp, zbody := fetch(t, srv.URL+"/products", map[string]string{"Accept-Encoding": "br, gzip"})
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("not compressed: %v", resp.Header)
	}
	zr, err := gzip.NewReader(strings.NewReader(zbody))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, []byte(body)) || resp.Header.Get("ETag") != etag {
		t.Error("gzip body or ETag differs from the identity response")
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
