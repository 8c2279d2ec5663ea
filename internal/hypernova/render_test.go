package hypernova

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

type renderOut struct {
	HTML  *string  `json:"html"`
	Error *jsError `json:"error"`
}

func TestRenderEndpoint(t *testing.T) {
	srv := newServer(t, Config{MaxBodyBytes: 2048, JobTimeout: 400 * time.Millisecond})
	tests := []struct {
		name, method, body string
		status             int
		html               string // substring of html; "" wants null
		errName            string // "" wants null
	}{
		{"ok", "POST", `{"component": "Widget", "props": {"title": "One"}}`, 200, `data-ssrgate-src="/_ssr/islands/Widget-`, ""},
		{"ok-ext", "POST", `{"component": "shop/Cart.tsx", "props": {"items": [{"id": "1", "name": "Tea"}]}}`, 200, `<li>Tea</li>`, ""},
		{"no-props", "POST", `{"component": "Widget"}`, 200, `<h2>untitled</h2>`, ""},
		{"unknown", "POST", `{"component": "Nope"}`, 404, "", "ReferenceError"},
		{"throws", "POST", `{"component": "Boom", "props": {"reason": "x"}}`, 500, `<div data-hypernova-key="Boom" data-hypernova-id="`, "TypeError"},
		{"hangs", "POST", `{"component": "Loop"}`, 500, `<div data-hypernova-key="Loop" data-hypernova-id="`, "TimeoutError"},
		{"bad-props", "POST", `{"component": "Widget", "props": [1]}`, 400, "", "TypeError"},
		{"no-component", "POST", `{"props": {}}`, 400, "", "TypeError"},
		{"component-type", "POST", `{"component": 5}`, 400, "", "TypeError"},
		{"malformed", "POST", `{"component": `, 400, "", "SyntaxError"},
		{"empty", "POST", ``, 400, "", "SyntaxError"},
		{"oversized", "POST", `{"component": "Widget", "props": {"t": "` + strings.Repeat("y", 3000) + `"}}`, 413, "", "PayloadTooLargeError"},
		{"get", "GET", ``, 405, "", "MethodNotAllowedError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, hdr, b := post(t, tt.method, srv.URL+"/render", tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, b)
			}
			if status == 405 && hdr.Get("Allow") != "POST" {
				t.Errorf("Allow %q", hdr.Get("Allow"))
			}
			var out renderOut
			dec := json.NewDecoder(strings.NewReader(string(b)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&out); err != nil {
				t.Fatalf("%v: %s", err, b)
			}
			switch {
			case tt.html == "" && out.HTML != nil:
				t.Errorf("html %q, want null", *out.HTML)
			case tt.html != "" && (out.HTML == nil || !strings.Contains(*out.HTML, tt.html)):
				t.Errorf("html %s, want it to contain %q", b, tt.html)
			}
			switch {
			case tt.errName == "" && out.Error != nil:
				t.Errorf("error %+v, want null", out.Error)
			case tt.errName != "" && (out.Error == nil || out.Error.Name != tt.errName):
				t.Errorf("error %s, want %s", b, tt.errName)
			}
			if tt.status == 500 && strings.Contains(*out.HTML, "data-ssrgate-src") {
				t.Errorf("fallback markup must not claim server HTML: %s", *out.HTML)
			}
		})
	}
}

func TestClientAssets(t *testing.T) {
	srv := newServer(t, Config{})
	res, err := http.Get(srv.URL + "/hypernova/client.js")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") || res.Header.Get("ETag") == "" {
		t.Fatalf("client.js: %d %v", res.StatusCode, res.Header)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/hypernova/client.js", nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}

	res, err = http.Get(srv.URL + "/hypernova/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var man struct {
		BuildID    string                 `json:"buildId"`
		Components map[string]clientEntry `json:"components"`
	}
	err = json.NewDecoder(res.Body).Decode(&man)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if man.BuildID != engine(t).BuildID() {
		t.Errorf("buildId %q", man.BuildID)
	}
	// Every key a job name can produce resolves, and the files exist.
	for _, key := range []string{"Widget", "Widgetjs", "Widgetjsx", "shopCart", "shopCarttsx", "VueBadge", "VueBadgevue", "Boom"} {
		e, ok := man.Components[key]
		if !ok {
			t.Errorf("manifest has no key %q", key)
			continue
		}
		for _, f := range append([]string{e.JS}, e.CSS...) {
			res, err := http.Head(srv.URL + f)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != 200 {
				t.Errorf("%s: %s is %d", key, f, res.StatusCode)
			}
		}
	}
	if len(man.Components["shopCart"].CSS) == 0 {
		t.Errorf("shop/Cart has CSS; manifest lists none")
	}
}

func TestClientBuilds(t *testing.T) {
	var logged strings.Builder
	code := buildClient(quietTo(&logged))
	if logged.Len() > 0 || len(code) == 0 || len(code) >= len(ClientSource) {
		t.Errorf("client.js did not minify (%d bytes from %d): %s", len(code), len(ClientSource), logged.String())
	}
	if !strings.Contains(string(code), "import.meta.url") {
		t.Errorf("minified client lost import.meta.url, which locates manifest.json and the entries")
	}
}
