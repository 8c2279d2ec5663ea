package hypernova

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// node returns the node binary, skipping the test without one unless
// SSRGATE_REQUIRE_NODE=1 (CI sets it, so the skip cannot hide a failure).
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("node is required (SSRGATE_REQUIRE_NODE=1): %v", err)
		}
		t.Skip("node not found; set SSRGATE_REQUIRE_NODE=1 to fail instead")
	}
	return p
}

// runNode runs a script of testdata with args and returns its stdout.
func runNode(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	bin := node(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{filepath.Join("testdata", script)}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	return stdout.Bytes()
}

// clientModule writes js/client.js as an .mjs file, which node imports as
// an ES module whatever the nearest package.json says.
func clientModule(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "client.mjs")
	if err := os.WriteFile(p, []byte(ClientSource), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type loadedOut struct {
	Key  string         `json:"key"`
	ID   string         `json:"id"`
	Src  *string        `json:"src"`
	Data map[string]any `json:"data"`
}

// TestHypernovaClient runs npm hypernova-client, written by Airbnb, against
// the real engine and router: success, the client's fallback for a failed
// job, a hanging job, and props that try to break out of the script.
func TestHypernovaClient(t *testing.T) {
	const jobTimeout = 500 * time.Millisecond
	srv := newServer(t, Config{JobTimeout: jobTimeout, Stacks: true})
	var out struct {
		Success       string                 `json:"success"`
		SuccessLoaded map[string][]loadedOut `json:"successLoaded"`
		ClientDecoded map[string]any         `json:"clientDecoded"`

		Fallback              string                 `json:"fallback"`
		FallbackLoaded        map[string][]loadedOut `json:"fallbackLoaded"`
		FallbackClientDecoded map[string]any         `json:"fallbackClientDecoded"`
		FallbackKey           string                 `json:"fallbackKey"`
		PluginErrors          []struct {
			Err   jsError `json:"err"`
			Token string  `json:"token"`
		} `json:"pluginErrors"`
		PluginResults map[string]struct {
			HTML       string `json:"html"`
			StatusCode int    `json:"statusCode"`
			Success    bool   `json:"success"`
		} `json:"pluginResults"`

		Hang       string `json:"hang"`
		HangMillis int    `json:"hangMillis"`
	}
	raw := runNode(t, "hypernova-client.cjs", srv.URL, clientModule(t))
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}

	// Success: server-rendered markup for both jobs, in request order, and
	// hypernova's own parser gets the hostile props back unchanged.
	hostile := map[string]any{"title": "Hi", "text": "</script><!-- <script> \u2028 \u2029 & &amp; > <"}
	if !strings.Contains(out.Success, `<h2>Hi</h2>`) || !strings.Contains(out.Success, `<li>Tea</li>`) {
		t.Errorf("success markup lacks the server HTML:\n%s", out.Success)
	}
	if strings.Index(out.Success, "Widgetjs") > strings.Index(out.Success, "shopCarttsx") {
		t.Errorf("results out of request order:\n%s", out.Success)
	}
	if strings.Contains(out.Success, "</script><!--") || strings.Count(out.Success, "</script>") != 2 {
		t.Errorf("a prop broke out of its script element:\n%s", out.Success)
	}
	w := out.SuccessLoaded["widget"]
	if len(w) != 1 || w[0].Key != "Widgetjs" || w[0].Src == nil || !strings.HasPrefix(*w[0].Src, "/_ssr/islands/Widget-") {
		t.Fatalf("hypernova.load(\"Widget.js\") = %+v", w)
	}
	if got, want := mustMarshal(t, w[0].Data), mustMarshal(t, hostile); got != want {
		t.Errorf("props through hypernova's parser:\n got %s\nwant %s", got, want)
	}
	if got, want := mustMarshal(t, out.ClientDecoded), mustMarshal(t, hostile); got != want {
		t.Errorf("props through ssrgate's client.js decode:\n got %s\nwant %s", got, want)
	}
	if c := out.SuccessLoaded["cart"]; len(c) != 1 || c[0].Key != "shopCarttsx" {
		t.Errorf("hypernova.load(\"shop/Cart.tsx\") = %+v", c)
	}

	// Fallback: hypernova-client replaced the failed job's html with its
	// client-rendering markup; the other job is still server-rendered.
	fallback := regexp.MustCompile(`<div data-hypernova-key="Boom" data-hypernova-id="[0-9a-f-]{36}"></div>\s*` +
		`<script type="application/json" data-hypernova-key="Boom" data-hypernova-id="[0-9a-f-]{36}"><!--\{"reason":"from node"\}--></script>`)
	if !fallback.MatchString(out.Fallback) {
		t.Errorf("no hypernova-client fallback markup for Boom:\n%s", out.Fallback)
	}
	if !strings.Contains(out.Fallback, `<h2>still here</h2>`) || !strings.Contains(out.Fallback, `data-ssrgate-src=`) {
		t.Errorf("Widget was not server-rendered beside the failed job:\n%s", out.Fallback)
	}
	if b := out.FallbackLoaded["boom"]; len(b) != 1 || b[0].Src != nil || b[0].Data["reason"] != "from node" {
		t.Errorf("hypernova.load(\"Boom\") on the fallback = %+v", b)
	}
	if out.FallbackClientDecoded["reason"] != "from node" || out.FallbackKey != "shopCarttsx" {
		t.Errorf("client.js on the fallback: %+v %q", out.FallbackClientDecoded, out.FallbackKey)
	}
	errs := map[string]jsError{}
	for _, e := range out.PluginErrors {
		errs[e.Token] = e.Err
	}
	if e := errs["Boom"]; e.Name != "TypeError" || e.Message != "Boom exploded: boom" || len(e.Stack) < 2 {
		t.Errorf("onError for Boom got %+v", e)
	}
	if e := errs["Nope.js"]; e.Name != "ReferenceError" || !strings.Contains(e.Message, "not registered") {
		t.Errorf("onError for Nope.js got %+v", e)
	}
	if r := out.PluginResults["Nope.js"]; r.StatusCode != 404 || r.Success || !strings.Contains(r.HTML, `data-hypernova-key="Nope.js"`) {
		t.Errorf("unknown component result %+v", r)
	}

	// Hanging job: answered within the job deadline, with a fallback.
	if out.HangMillis > int((jobTimeout + 700*time.Millisecond).Milliseconds()) {
		t.Errorf("batch with a hanging job took %dms; JobTimeout is %s", out.HangMillis, jobTimeout)
	}
	if !regexp.MustCompile(`<div data-hypernova-key="Loop" data-hypernova-id="[0-9a-f-]{36}"></div>`).MatchString(out.Hang) ||
		!strings.Contains(out.Hang, `<h2>beside a loop</h2>`) {
		t.Errorf("hang batch:\n%s", out.Hang)
	}
}

// chromium returns a Chromium or Chrome binary for playwright-core:
// $SSRGATE_CHROMIUM or one on PATH. Without one the test skips, unless
// SSRGATE_REQUIRE_BROWSER=1.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SSRGATE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SSRGATE_REQUIRE_BROWSER") == "1" {
		t.Fatal("no Chromium found (SSRGATE_REQUIRE_BROWSER=1); set SSRGATE_CHROMIUM")
	}
	t.Skip("no Chromium found; set SSRGATE_CHROMIUM to run the browser test")
	return ""
}

// TestBrowserHydration loads hypernova-client's markup and client.js in
// Chromium: React and Vue components hydrate (no mismatch warnings, and
// their handlers work), the component whose server render failed renders
// from the client fallback, and component CSS applies.
func TestBrowserHydration(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromium(t)
	srv := newServer(t, Config{JobTimeout: 5 * time.Second})
	var out struct {
		Modes map[string]string `json:"modes"`
		Texts map[string]string `json:"texts"`
		Logs  []string          `json:"logs"`
	}
	raw := runNode(t, "browser.cjs", srv.URL, exe)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	wantModes := map[string]string{"Widgetjs": "hydrate", "VueBadge": "hydrate", "shopCarttsx": "hydrate", "ClientOnly": "render"}
	for k, v := range wantModes {
		if out.Modes[k] != v {
			t.Errorf("%s started as %q, want %q (all: %v)", k, out.Modes[k], v, out.Modes)
		}
	}
	wantTexts := map[string]string{
		"widget":         "clicked 1",
		"widgetText":     "</script><!-- \u2028",
		"vue":            "vue: 1",
		"clientOnly":     "fallback 1",
		"cartStylesheet": "true",
	}
	for k, v := range wantTexts {
		if out.Texts[k] != v {
			t.Errorf("%s: %q, want %q", k, out.Texts[k], v)
		}
	}
	if len(out.Logs) > 0 {
		t.Errorf("browser console:\n%s", strings.Join(out.Logs, "\n"))
	}
}
