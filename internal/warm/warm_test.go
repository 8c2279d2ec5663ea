package warm

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// site is a Target that records the paths it was asked for.
type site struct {
	mu   sync.Mutex
	got  []string
	mux  *http.ServeMux
	fail map[string]int
}

func newSite() *site {
	s := &site{mux: http.NewServeMux(), fail: map[string]int{}}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.got = append(s.got, r.URL.RequestURI())
		code := s.fail[r.URL.Path]
		s.mu.Unlock()
		if code != 0 {
			w.WriteHeader(code)
		}
	})
	s.mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://shop.example/sitemap-products.xml</loc></sitemap>
</sitemapindex>`))
	})
	s.mux.HandleFunc("/sitemap-products.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://shop.example/products/1</loc></url>
  <url><loc> https://shop.example/products/2?color=red </loc></url>
</urlset>`))
	})
	return s
}

func (s *site) Get(ctx context.Context, path string) (int, []byte, error) {
	return Handler{s.mux}.Get(ctx, path)
}

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	s := newSite()
	tests := []struct {
		src, want string
	}{
		{write(t, "urls.txt", "# pages\n/\n\nhttps://cdn.example/products?page=2\n  /about  \n/\n"), "/ /products?page=2 /about"},
		{write(t, "sitemap.xml", `<?xml version="1.0"?><urlset><url><loc>https://a.example/x%20y</loc></url><url><loc>https://a.example</loc></url></urlset>`), "/x%20y /"},
		{"/sitemap.xml", "/products/1 /products/2?color=red"}, // an index, read from the target
	}
	for _, tt := range tests {
		got, err := Load(context.Background(), tt.src, s)
		if err != nil || strings.Join(got, " ") != tt.want {
			t.Errorf("Load(%s) = %q, %v; want %s", tt.src, got, err, tt.want)
		}
	}
	bad := []struct{ src, want string }{
		{write(t, "rel.txt", "products/1\n"), `"products/1" is not a URL or a /path`},
		{write(t, "empty.txt", "# nothing\n"), "has no pages"},
		{write(t, "broken.xml", "<urlset><url><loc>/a</url>"), "sitemap:"},
		{"no-such-file.txt", "no such file"},
		{"/missing.xml", "HTTP status 404"},
	}
	s.fail["/missing.xml"] = 404
	for _, tt := range bad {
		if _, err := Load(context.Background(), tt.src, s); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	s := newSite()
	s.fail["/gone"] = 410
	paths := []string{"/a", "/b?x=1", "/gone", "/c"}
	var out bytes.Buffer
	sum := Run(context.Background(), paths, s, Options{Concurrency: 2, Progress: &out})
	s.mu.Lock()
	got := strings.Join(s.got, " ")
	s.mu.Unlock()
	for _, p := range paths {
		if !strings.Contains(got, p) {
			t.Errorf("%s not fetched (got %s)", p, got)
		}
	}
	if sum.Pages != 4 || len(sum.Failed) != 1 || sum.Failed[0].Path != "/gone" || !strings.Contains(sum.Failed[0].Err, "410") {
		t.Fatalf("summary = %+v", sum)
	}
	// This site has no ssrgate /metrics: render counts are unknown, not 0.
	if sum.Renders != -1 || !strings.Contains(sum.String(), "warmed 4 pages in") || !strings.Contains(sum.String(), "? renders") ||
		!strings.Contains(sum.String(), "/gone: HTTP status 410") {
		t.Fatalf("summary text:\n%s", sum)
	}
	if lines := strings.Count(out.String(), "\n"); lines != 4 || !strings.Contains(out.String(), "warm: 4/4 pages (100%), 1 failed") {
		t.Fatalf("progress lines (want one per tenth, here per page):\n%s", out.String())
	}
	out.Reset()
	Run(context.Background(), paths, s, Options{Progress: &out, TTY: true})
	if !strings.Contains(out.String(), "\r[==============================] 4/4 100% 1 failed") || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("progress bar:\n%q", out.String())
	}
}
