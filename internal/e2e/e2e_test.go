//go:build unix

// Package e2e is ssrgate's end-to-end browser test: the real engine and
// standalone server over the demo components/ and templates/, driven by a
// headless Chromium through playwright-core (browser.mjs).
//
// It skips when /usr/bin/chromium, node or playwright-core is missing,
// unless SSRGATE_REQUIRE_BROWSER=1 (CI), when it fails instead.
// Artifacts (screenshot, report.json) go to SSRGATE_E2E_ARTIFACTS, or to a
// new directory under the system temp dir, and are kept.
package e2e

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/server"
	"github.com/ssrgate/ssrgate/ssr"
)

const chromiumPath = "/usr/bin/chromium"

type report struct {
	Checks []struct {
		Name   string `json:"name"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
	} `json:"checks"`
	Console []struct {
		Page string `json:"page"`
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"console"`
	Requests   []string `json:"requests"`
	Screenshot string   `json:"screenshot"`
	Fatal      string   `json:"fatal"`
}

// requireBrowser skips (or, with SSRGATE_REQUIRE_BROWSER=1, fails) when
// the browser toolchain is missing. It returns the node binary.
func requireBrowser(t *testing.T) string {
	t.Helper()
	var missing []string
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = append(missing, chromiumPath)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing = append(missing, "node in PATH")
	}
	if _, err := os.Stat("../../node_modules/playwright-core/package.json"); err != nil {
		missing = append(missing, "node_modules/playwright-core (npm install)")
	}
	if len(missing) > 0 {
		msg := "browser e2e test needs " + strings.Join(missing, ", ")
		if os.Getenv("SSRGATE_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + " (SSRGATE_REQUIRE_BROWSER=1)")
		}
		t.Skip(msg + "; set SSRGATE_REQUIRE_BROWSER=1 to make this a failure")
	}
	return node
}

// statusWriter remembers the status code of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// lockedBuffer collects engine and server logs from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestBrowser(t *testing.T) {
	if testing.Short() && os.Getenv("SSRGATE_REQUIRE_BROWSER") != "1" {
		t.Skip("browser e2e test skipped in -short mode")
	}
	node := requireBrowser(t)
	start := time.Now()

	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	eng, err := ssr.New(ssr.Config{
		ComponentsDir: "../../components",
		Root:          "../..",
		// Strict: a server render failure is a page error here, not a
		// silent client-only fallback.
		Strict: true,
		Logger: logger,
	})
	if err != nil {
		t.Fatalf("ssr.New over ../../components: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	built := time.Since(start)

	srv, err := server.New(server.Config{Engine: eng, TemplatesDir: "../../templates", Strict: true, Logger: logger})
	if err != nil {
		t.Fatalf("server.New over ../../templates: %v", err)
	}
	// Every request the site served, for failure messages.
	var served lockedBuffer
	site := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		site.ServeHTTP(sw, r)
		fmt.Fprintf(&served, "%s %s -> %d\n", r.Method, r.URL.RequestURI(), sw.status)
	})) // 127.0.0.1 only
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("engine and server logs:\n%s\nrequests served:\n%s", logs.String(), served.String())
		}
	})

	// Pages must render at all before a browser is worth starting.
	for _, p := range []string{"/", "/products", "/products/1", "/articles/islands"} {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: HTTP %d\n%s", p, res.StatusCode, body)
		}
	}

	t.Run("4-strategy/all-static-page-ships-no-module-script", func(t *testing.T) {
		allStaticPage(t, eng)
	})

	browserStart := time.Now()
	rep := runScript(t, node, "browser.mjs", ts.URL, eng)
	browserTook := time.Since(browserStart)

	for _, c := range rep.Checks {
		t.Run(c.Name, func(t *testing.T) {
			if !c.OK {
				t.Error(c.Detail)
				return
			}
			t.Log(c.Detail)
		})
	}

	t.Logf("screenshot of /products after hydration: %s", rep.Screenshot)
	t.Logf("engine build %s, browser %s, total %s", built.Round(time.Millisecond), browserTook.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// allStaticPage checks that a page whose islands are all static ships no
// JavaScript: no module script, no modulepreload, no props script. The demo
// has no such page (the article page also has a client:visible island), so
// the page is a template executed through the same engine.
func allStaticPage(t *testing.T, eng *ssr.Engine) {
	tmpl := template.Must(template.New("page").Funcs(eng.FuncMap()).Parse(
		`<!doctype html><html><head>{{ ssrHead }}</head><body>` +
			`{{ component "ArticleBody" (props "title" "T" "author" "A" "published" "2026-03-14T09:00:00Z" "paragraphs" (.)) "static" }}` +
			`{{ ssrScripts }}</body></html>`))
	var out bytes.Buffer
	if err := eng.Execute(&out, tmpl, "page", []string{"one", "two"}); err != nil {
		t.Fatalf("execute all-static page: %v", err)
	}
	page := out.String()
	if !strings.Contains(page, "<p>one</p>") {
		t.Errorf("static island lacks its server HTML:\n%s", page)
	}
	for _, bad := range []string{`<script type="module"`, `rel="modulepreload"`, `data-island-props`, `data-src=`} {
		if strings.Contains(page, bad) {
			t.Errorf("all-static page contains %s; it must ship no JS:\n%s", bad, page)
		}
	}
}
