package ssr

import (
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestPublicPathValues(t *testing.T) {
	for p, ok := range map[string]bool{
		"/_ssr/": true, "/static": true, "https://cdn.example.com/assets/": true, "http://127.0.0.1:9000/a/": true,
		"https://cdn.example.com": true,
		"assets/":                 false, "//cdn.example.com/": false, "ftp://cdn.example.com/": false, "https:///x/": false,
		"https://cdn.example.com/a/?v=1": false,
	} {
		c := Config{PublicPath: p}
		err := c.fill()
		if (err == nil) != ok {
			t.Errorf("PublicPath %q: err %v, want ok=%v", p, err, ok)
		}
		if err != nil && !strings.Contains(err.Error(), "https://cdn.example.com/assets/") {
			t.Errorf("PublicPath %q: the error should show an accepted form: %v", p, err)
		}
	}
}

// TestCDNPublicPath: with a CDN URL as PublicPath, pages, entries and
// chunks reference the CDN, and Mount serves the files under the URL's
// path for a CDN that pulls from the origin.
func TestCDNPublicPath(t *testing.T) {
	const cdn = "https://cdn.example.com/assets/"
	e, _ := newTestEngine(t, func(c *Config) { c.PublicPath = cdn })
	waitAssets(e) // the origin's caching is checked on the final forms
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(
		`<head>{{ ssrHead }}</head>{{ component "Hello" nil }}{{ component "ui/Badge" nil "static" }}{{ ssrScripts }}`))
	page, _ := executePage(t, e, t.Context(), tmpl, nil)
	man := e.Manifest()
	for _, want := range []string{
		`<script type="module" src="` + cdn + man.Runtime + `">`,
		`<link rel="modulepreload" href="` + cdn + man.Components["Hello"].JS + `">`,
		`data-src="` + cdn + man.Components["Hello"].JS + `"`,
		`<link rel="stylesheet" href="` + cdn + man.Components["ui/Badge"].CSS[0] + `">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s\n%s", want, page)
		}
	}
	entry := string(e.gen.Load().build.Client[man.Components["Hello"].JS])
	if len(man.Components["Hello"].Imports) == 0 || !strings.Contains(entry, `"`+cdn+man.Components["Hello"].Imports[0]+`"`) {
		t.Errorf("entry does not import its chunk from the CDN: %.400s", entry)
	}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	e.Mount(r)
	srv := httptest.NewServer(r)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/assets/" + man.Runtime)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("origin for the CDN: %d %v", resp.StatusCode, resp.Header)
	}
}
