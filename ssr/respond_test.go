package ssr

import (
	"bytes"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/internal/encode/encodetest"
)

func decodeAs(t *testing.T, coding string, b []byte) []byte { return encodetest.Decode(t, coding, b) }

// rawGet fetches url with a client that leaves the body encoded.
func rawGet(t *testing.T, method, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// TestAssetsPrecompressed: every text asset is sent in each coding, each
// decoding to the asset itself, with its own ETag that revalidates.
func TestAssetsPrecompressed(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	waitAssets(e)
	srv := httptest.NewServer(e.Assets())
	defer srv.Close()
	man := e.Manifest()
	for _, name := range []string{man.Runtime, man.Components["Hello"].JS, man.Components["ui/Badge"].CSS[0]} {
		url := srv.URL + "/_ssr/" + name
		_, plain := rawGet(t, "GET", url)
		if !bytes.Equal(plain, e.gen.Load().build.Client[name]) {
			t.Fatalf("%s: identity body differs from the build", name)
		}
		tags := map[string]bool{}
		for _, coding := range []string{"", "gzip", "br", "zstd"} {
			resp, b := rawGet(t, "GET", url, "Accept-Encoding", coding)
			if resp.Header.Get("Content-Encoding") != coding {
				if len(plain) >= 512 {
					t.Errorf("%s %q: Content-Encoding %q", name, coding, resp.Header.Get("Content-Encoding"))
				}
				continue
			}
			if got := decodeAs(t, coding, b); !bytes.Equal(got, plain) {
				t.Errorf("%s: %s body does not decode to the asset", name, coding)
			}
			etag := resp.Header.Get("ETag")
			if etag == "" || tags[etag] {
				t.Errorf("%s %q: ETag %q missing or shared with another coding", name, coding, etag)
			}
			tags[etag] = true
			if r, _ := rawGet(t, "GET", url, "Accept-Encoding", coding, "If-None-Match", etag); r.StatusCode != 304 {
				t.Errorf("%s %q: revalidation %d", name, coding, r.StatusCode)
			}
			if !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || (len(plain) >= 512) != (resp.Header.Get("Vary") == "Accept-Encoding") {
				t.Errorf("%s: %v", name, resp.Header)
			}
		}
	}
}

// TestGinCompress: the library path gets compressed pages from the
// middleware, the page handed over without a copy, status and HEAD right.
func TestGinCompress(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(e.GinCompress())
	r.SetFuncMap(e.FuncMap())
	r.LoadHTMLGlob("testdata/templates/*")
	r.HTMLRender = e.HTMLRender(r.HTMLRender)
	e.Mount(r)
	long := strings.Repeat("gin ", 300)
	r.GET("/", func(c *gin.Context) { c.HTML(http.StatusOK, "page.html", gin.H{"Title": "Gin", "Name": long}) })
	r.HEAD("/", func(c *gin.Context) { c.HTML(http.StatusOK, "page.html", gin.H{"Title": "Gin", "Name": long}) })
	r.GET("/gone", func(c *gin.Context) { c.HTML(http.StatusOK, "status.html", gin.H{"Missing": true}) })
	r.GET("/json", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"long": long}) })
	srv := httptest.NewServer(r)
	defer srv.Close()

	_, plain := rawGet(t, "GET", srv.URL+"/")
	if !bytes.Contains(plain, []byte("Hello, <!-- -->"+template.HTMLEscapeString(long))) {
		t.Fatalf("page: %.300s", plain)
	}
	for _, coding := range []string{"gzip", "br", "zstd"} {
		resp, b := rawGet(t, "GET", srv.URL+"/", "Accept-Encoding", coding)
		if resp.Header.Get("Content-Encoding") != coding || resp.ContentLength != int64(len(b)) {
			t.Fatalf("%s: %v (%d bytes)", coding, resp.Header, len(b))
		}
		if got := decodeAs(t, coding, b); !bytes.Equal(got, plain) {
			t.Errorf("%s body differs from the identity page", coding)
		}
		if r, _ := rawGet(t, "GET", srv.URL+"/", "Accept-Encoding", coding, "If-None-Match", resp.Header.Get("ETag")); r.StatusCode != 304 {
			t.Errorf("%s revalidation: %d", coding, r.StatusCode)
		}
		h, hb := rawGet(t, "HEAD", srv.URL+"/", "Accept-Encoding", coding)
		if h.StatusCode != 200 || len(hb) != 0 || h.ContentLength != int64(len(b)) || h.Header.Get("ETag") != resp.Header.Get("ETag") {
			t.Errorf("HEAD %s: %d, %d bytes, Content-Length %d", coding, h.StatusCode, len(hb), h.ContentLength)
		}
	}
	if resp, _ := rawGet(t, "GET", srv.URL+"/gone", "Accept-Encoding", "br"); resp.StatusCode != 404 {
		t.Errorf("{{ status 404 }} through GinCompress: %d", resp.StatusCode)
	}
	resp, b := rawGet(t, "GET", srv.URL+"/json", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Contains(decodeAs(t, "gzip", b), []byte(`"long":"gin gin`)) {
		t.Errorf("JSON through GinCompress: %v", resp.Header)
	}
	// Assets keep their precompressed form and immutable caching.
	resp, b = rawGet(t, "GET", srv.URL+"/_ssr/"+e.Manifest().Runtime, "Accept-Encoding", "br")
	if resp.Header.Get("Content-Encoding") != "br" || !bytes.Equal(decodeAs(t, "br", b), e.gen.Load().build.Client[e.Manifest().Runtime]) {
		t.Errorf("asset through GinCompress: %v", resp.Header)
	}
}

// TestCompressMiddleware is Compress on a plain net/http handler that
// streams: a flushed response passes through uncompressed.
func TestCompressMiddleware(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	body := strings.Repeat("plain text ", 200)
	mux := http.NewServeMux()
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) })
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: 1\n\n")
		http.NewResponseController(w).Flush()
		io.WriteString(w, body)
	})
	mux.HandleFunc("/png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte(body))
	})
	big := strings.Repeat("0123456789abcdef", 9<<16) // 9 MiB: a download, not a page
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < len(big); i += 1 << 20 {
			io.WriteString(w, big[i:min(i+1<<20, len(big))])
		}
	})
	srv := httptest.NewServer(e.Compress(mux))
	defer srv.Close()
	resp, b := rawGet(t, "GET", srv.URL+"/text", "Accept-Encoding", "zstd")
	if resp.Header.Get("Content-Encoding") != "zstd" || string(decodeAs(t, "zstd", b)) != body || resp.Header.Get("ETag") == "" {
		t.Errorf("text: %v", resp.Header)
	}
	resp, b = rawGet(t, "GET", srv.URL+"/stream", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "" || string(b) != "data: 1\n\n"+body {
		t.Errorf("stream: %v %q", resp.Header, b)
	}
	resp, b = rawGet(t, "GET", srv.URL+"/big", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "" || string(b) != big {
		t.Errorf("big: %v, %d bytes", resp.Header, len(b))
	}
	resp, b = rawGet(t, "GET", srv.URL+"/png", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "" || string(b) != body {
		t.Errorf("png: %v", resp.Header)
	}
}

// TestAssetsFastThenFinal: until the background pass has made an asset's
// smallest forms, it is sent as fast gzip with an ETag of its own (other
// bytes, other strong ETag) and a one-minute max-age, so that a CDN which
// fetched it in the first second comes back; afterwards in brotli, cached
// for a year as immutable.
//
// Break it: give the fast form the final form's ETag, or its year-long
// caching.
func TestAssetsFastThenFinal(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	waitAssets(e)
	for name, a := range e.gen.Load().assets {
		if f := a.forms.Load(); compressible(a.contentType) && len(a.body) >= 512 && (f == nil || !f.final || f.coded[0] == nil) {
			t.Fatalf("WaitAssets returned before %s had its brotli form", name)
		}
	}
	name := e.Manifest().Runtime
	a := e.gen.Load().assets[name]
	a.forms.Store(precompress(map[string][]byte{name: a.body}, false)[name].forms.Load())
	srv := httptest.NewServer(e.Assets())
	defer srv.Close()
	url := srv.URL + "/_ssr/" + name
	browser := "gzip, deflate, br, zstd"

	resp, b := rawGet(t, "GET", url, "Accept-Encoding", browser)
	fastTag := resp.Header.Get("ETag")
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(decodeAs(t, "gzip", b), a.body) {
		t.Fatalf("before the pass: %v", resp.Header)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=60" || !strings.HasSuffix(fastTag, `-fast"`) {
		t.Errorf("fast form: Cache-Control %q, ETag %s", cc, fastTag)
	}
	if r, _ := rawGet(t, "GET", url, "Accept-Encoding", browser, "If-None-Match", fastTag); r.StatusCode != 304 {
		t.Errorf("fast form revalidation: %d", r.StatusCode)
	}
	if r, _ := rawGet(t, "GET", url); !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("identity body before the pass: Cache-Control %q", r.Header.Get("Cache-Control"))
	}

	done := make(chan struct{})
	finishAssets(e.gen.Load().assets, nil, done)
	<-done
	resp, b = rawGet(t, "GET", url, "Accept-Encoding", browser)
	if resp.Header.Get("Content-Encoding") != "br" || !bytes.Equal(decodeAs(t, "br", b), a.body) {
		t.Fatalf("after the pass: %v", resp.Header)
	}
	if tag := resp.Header.Get("ETag"); tag == fastTag || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("final form: ETag %s (fast %s), Cache-Control %q", tag, fastTag, resp.Header.Get("Cache-Control"))
	}
	if r, _ := rawGet(t, "GET", url, "Accept-Encoding", browser, "If-None-Match", fastTag); r.StatusCode != 200 {
		t.Errorf("the fast form's ETag still revalidates the final form: %d", r.StatusCode)
	}
}

// TestCloseDuringAssetPass: Close stops the background compression and
// waits for it, so nothing writes to a closed engine's assets (go test
// -race sees it otherwise).
func TestCloseDuringAssetPass(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	g := e.gen.Load()
	e.Close()
	select {
	case <-g.assetsDone:
	default:
		t.Fatal("Close returned while the asset pass was still running")
	}
	for name, a := range g.assets {
		if f := a.forms.Load(); compressible(a.contentType) && len(a.body) >= 512 && (f == nil || f.coded[2] == nil) {
			t.Errorf("%s has no gzip form after Close", name)
		}
	}
}
