package server

import (
	"bufio"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// TestDevNewPageIsRoute: in dev mode a page file added while serving is a
// route without a restart, a broken template keeps the last good pages
// serving, and a removed page is gone.
func TestDevNewPageIsRoute(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("components/Hi.jsx", "export default function Hi() { return <b>hi</b>; }\n")
	write("templates/pages/index.html", `<p>home</p>{{ component "Hi" nil }}`)
	eng, err := ssr.New(ssr.Config{ComponentsDir: filepath.Join(dir, "components"), Root: "../..", PoolSize: 1, Dev: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	srv, err := New(Config{Engine: eng, TemplatesDir: filepath.Join(dir, "templates"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer eng.StopDev()

	get := func(path string) (int, string) {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// waitFor polls until path answers with status (bounded: a reload
	// takes milliseconds; the bound only stops a hang).
	waitFor := func(path string, status int) string {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for {
			code, body := get(path)
			if code == status {
				return body
			}
			if time.Now().After(deadline) {
				t.Fatalf("GET %s: still %d, want %d:\n%s", path, code, status, body)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if code, _ := get("/about"); code != 404 {
		t.Fatalf("/about before it exists: %d", code)
	}
	write("templates/pages/about.html", `<p>about us</p>`)
	if body := waitFor("/about", 200); !strings.Contains(body, "about us") || !strings.Contains(body, "__dev/client.js") {
		t.Fatalf("new page: %s", body)
	}
	if got := strings.Join(srv.Routes(), " "); got != "/ /about" {
		t.Errorf("routes after the new page: %s", got)
	}
	// A parse error: once the pages are told of it, the last good pages
	// still serve.
	resp, err := http.Get(ts.URL + "/_ssr/__dev/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	write("templates/pages/about.html", `<p>about {{ if }}</p>`)
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && sc.Text() != "event: errors" {
	}
	if sc.Scan(); !strings.Contains(sc.Text(), `"kind":"template"`) || !strings.Contains(sc.Text(), `"line":1`) {
		t.Fatalf("errors event: %s", sc.Text())
	}
	if code, body := get("/about"); code != 200 || !strings.Contains(body, "about us") {
		t.Fatalf("/about while its template is broken: %d %s", code, body)
	}
	os.Remove(filepath.Join(dir, "templates/pages/about.html"))
	waitFor("/about", 404)
}
