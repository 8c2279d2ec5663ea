package encode

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ssrgate/ssrgate/internal/encode/encodetest"
)

func TestNegotiate(t *testing.T) {
	all := []Coding{Brotli, Zstd, Gzip}
	for _, tc := range []struct {
		header string
		want   Coding
	}{
		{"", Identity},
		{"gzip", Gzip},
		{"gzip, deflate, br, zstd", Brotli}, // a browser: server preference
		{"gzip, deflate, br", Brotli},
		{"zstd, gzip", Zstd},
		{"deflate", Identity},
		{"br;q=0.5, gzip;q=0.8", Gzip},
		{"br;q=0, gzip", Gzip},
		{"BR", Brotli},
		{"x-gzip", Gzip},
		{"*", Brotli},
		{"*;q=0.1, gzip;q=0.5", Gzip},
		{"gzip;q=0", Identity},
		{"identity", Identity},
		{"identity;q=0", Identity}, // nothing acceptable: send the body as it is
		{"identity;q=0, zstd", Zstd},
		{"gzip;q=0.5, identity", Identity}, // the client prefers no coding
		{"gzip;q=0.5, identity;q=0.5", Gzip},
		{"gzip;q=1.0 , br ; q=0.9", Gzip},
		{"gzip;q=bogus", Gzip},
		{"*;q=0", Identity},
	} {
		if got := Negotiate(tc.header, all...); got != tc.want {
			t.Errorf("Negotiate(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
	if got := Negotiate("br, gzip", Gzip); got != Gzip {
		t.Errorf("only gzip offered: got %s", got)
	}
}

func TestNoneMatch(t *testing.T) {
	for _, tc := range []struct {
		header, etag string
		want         bool
	}{
		{`"a"`, `"a"`, true},
		{`W/"a"`, `"a"`, true},
		{`"x", "a"`, `"a"`, true},
		{`"x",W/"a"`, `"a"`, true},
		{`*`, `"a"`, true},
		{`"a-br"`, `"a"`, false},
		{`"a"`, `"a-br"`, false},
		{`"b"`, `"a"`, false},
	} {
		if got := NoneMatch(tc.header, tc.etag); got != tc.want {
			t.Errorf("NoneMatch(%q, %q) = %v", tc.header, tc.etag, got)
		}
	}
}

// page is a body like a rendered page: compressible, some KB.
var page = []byte("<!doctype html><html><body>" + strings.Repeat(`<li class="row">Product <b>42</b> — a well-made thing</li>`, 200) + "</body></html>")

func server(t *testing.T, e *Encoder, ct string, body []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		e.Serve(w, r, http.StatusOK, Bytes(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// get fetches url with a client that does not decode the body itself.
func get(t *testing.T, method, url string, hdr ...string) (*http.Response, []byte) {
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
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func decode(t *testing.T, coding string, b []byte) []byte { return encodetest.Decode(t, coding, b) }

func TestServeCodings(t *testing.T) {
	e := New(Config{})
	srv := server(t, e, "text/html; charset=utf-8", page)
	etags := map[string]string{}
	for _, tc := range []struct{ accept, want string }{
		{"", ""},
		{"gzip", "gzip"},
		{"br", "br"},
		{"zstd", "zstd"},
		{"gzip, deflate, br, zstd", "br"},
		{"identity;q=0, zstd;q=0.5, gzip;q=0.4", "zstd"},
	} {
		for round := 0; round < 3; round++ { // first sighting, admitted, cached
			resp, b := get(t, "GET", srv.URL, "Accept-Encoding", tc.accept)
			if got := resp.Header.Get("Content-Encoding"); got != tc.want {
				t.Fatalf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.want)
			}
			if resp.ContentLength != int64(len(b)) {
				t.Errorf("%q: Content-Length %d, got %d bytes", tc.accept, resp.ContentLength, len(b))
			}
			if tc.want != "" && len(b) >= len(page) {
				t.Errorf("%s body is not smaller: %d >= %d", tc.want, len(b), len(page))
			}
			if got := decode(t, tc.want, b); !bytes.Equal(got, page) {
				t.Fatalf("%q round %d: decoded body differs from the identity body", tc.accept, round)
			}
			if v := resp.Header.Get("Vary"); v != "Accept-Encoding" {
				t.Errorf("Vary %q", v)
			}
			etag := resp.Header.Get("ETag")
			if prev, ok := etags[tc.want]; ok && prev != etag {
				t.Errorf("coding %q: ETag changed from %s to %s", tc.want, prev, etag)
			}
			etags[tc.want] = etag
		}
	}
	seen := map[string]string{}
	for coding, etag := range etags {
		if !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
			t.Errorf("%q: ETag %s is not a strong entity tag", coding, etag)
		}
		if other, dup := seen[etag]; dup {
			t.Errorf("codings %q and %q share the ETag %s (RFC 9110 §8.8.3)", coding, other, etag)
		}
		seen[etag] = coding
	}
	if n := e.cache.len(); n != 3 {
		t.Errorf("cache holds %d variants, want 3 (br, zstd, gzip)", n)
	}

	// Go's default client asks for gzip and decodes it itself.
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(b, page) || !resp.Uncompressed {
		t.Errorf("default client: uncompressed=%v, equal=%v", resp.Uncompressed, bytes.Equal(b, page))
	}
}

func TestServeConditionalAndHead(t *testing.T) {
	e := New(Config{})
	srv := server(t, e, "text/html; charset=utf-8", page)
	resp, _ := get(t, "GET", srv.URL, "Accept-Encoding", "br")
	brTag := resp.Header.Get("ETag")
	resp, _ = get(t, "GET", srv.URL)
	idTag := resp.Header.Get("ETag")

	for _, tc := range []struct {
		accept, inm string
		want        int
	}{
		{"br", brTag, 304},
		{"br", `"nope", ` + brTag, 304},
		{"br", "W/" + brTag, 304},
		{"br", "*", 304},
		{"br", idTag, 200}, // the identity tag does not validate the brotli form
		{"", idTag, 304},
		{"", brTag, 200},
		{"gzip", brTag, 200},
	} {
		resp, b := get(t, "GET", srv.URL, "Accept-Encoding", tc.accept, "If-None-Match", tc.inm)
		if resp.StatusCode != tc.want {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d, want %d", tc.accept, tc.inm, resp.StatusCode, tc.want)
			continue
		}
		if tc.want == 304 {
			if len(b) != 0 || resp.Header.Get("ETag") == "" || resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("304 must carry ETag and Vary and no body: %v %q", resp.Header, b)
			}
			if resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Content-Type") != "" {
				t.Errorf("304 carries content headers: %v", resp.Header)
			}
		}
	}

	for _, accept := range []string{"", "br", "gzip"} {
		g, gb := get(t, "GET", srv.URL, "Accept-Encoding", accept)
		h, hb := get(t, "HEAD", srv.URL, "Accept-Encoding", accept)
		if h.StatusCode != 200 || len(hb) != 0 {
			t.Errorf("HEAD %q: %d with %d body bytes", accept, h.StatusCode, len(hb))
		}
		if h.ContentLength != int64(len(gb)) || h.Header.Get("ETag") != g.Header.Get("ETag") ||
			h.Header.Get("Content-Encoding") != g.Header.Get("Content-Encoding") {
			t.Errorf("HEAD %q headers differ from GET's: %v vs %v", accept, h.Header, g.Header)
		}
	}
}

func TestServeLeavesAlone(t *testing.T) {
	e := New(Config{})
	tiny := []byte("<p>hello</p>")
	png := bytes.Repeat([]byte("\x89PNG"), 1000)
	for _, tc := range []struct {
		name string
		ct   string
		body []byte
		pre  map[string]string
	}{
		{"tiny body", "text/html", tiny, nil},
		{"image", "image/png", png, nil},
		{"no content type", "", page, nil},
		{"already encoded", "text/html", page, map[string]string{"Content-Encoding": "gzip"}},
		{"no-transform", "text/html", page, map[string]string{"Cache-Control": "public, no-transform"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.ct != "" {
					w.Header().Set("Content-Type", tc.ct)
				}
				for k, v := range tc.pre {
					w.Header().Set(k, v)
				}
				e.Serve(w, r, 200, Bytes(tc.body))
			}))
			defer srv.Close()
			resp, b := get(t, "GET", srv.URL, "Accept-Encoding", "gzip, br, zstd")
			if !bytes.Equal(b, tc.body) {
				t.Errorf("body changed")
			}
			if ce := resp.Header.Get("Content-Encoding"); ce != tc.pre["Content-Encoding"] {
				t.Errorf("Content-Encoding %q", ce)
			}
			if resp.ContentLength != int64(len(tc.body)) || resp.Header.Get("ETag") == "" {
				t.Errorf("Content-Length %d (want %d), ETag %q", resp.ContentLength, len(tc.body), resp.Header.Get("ETag"))
			}
		})
	}
}

// TestServeKeepsETag: an ETag the handler set is kept for the identity
// body and suffixed per coding.
func TestServeKeepsETag(t *testing.T) {
	e := New(Config{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("ETag", `"v7"`)
		e.Serve(w, r, 200, Bytes(page))
	}))
	defer srv.Close()
	if resp, _ := get(t, "GET", srv.URL); resp.Header.Get("ETag") != `"v7"` {
		t.Errorf("identity ETag %q", resp.Header.Get("ETag"))
	}
	if resp, _ := get(t, "GET", srv.URL, "Accept-Encoding", "gzip"); resp.Header.Get("ETag") != `"v7-gz"` {
		t.Errorf("gzip ETag %q", resp.Header.Get("ETag"))
	}
}

func TestCacheBound(t *testing.T) {
	c := newVariantCache(64 << 10)
	for i := 0; i < 1000; i++ {
		c.put(vkey{sum: uint64(i), n: 1000, c: Gzip}, make([]byte, 1000))
		if c.bytes > c.max {
			t.Fatalf("cache at %d bytes, over its %d bound", c.bytes, c.max)
		}
	}
	if c.len() == 0 || c.len() > 64 {
		t.Errorf("cache holds %d entries", c.len())
	}
	// A hit entry survives the next eviction sweep.
	recent := vkey{sum: 999, n: 1000, c: Gzip}
	if _, ok := c.get(recent); !ok {
		t.Fatal("latest entry missing")
	}
	c.put(vkey{sum: 5000, n: 1000, c: Gzip}, make([]byte, 1000))
	if _, ok := c.get(recent); !ok {
		t.Error("a referenced entry was evicted first")
	}
}

// TestUniqueBodiesNotCached: bodies seen once (a nonce in every page) are
// compressed but not kept.
func TestUniqueBodiesNotCached(t *testing.T) {
	e := New(Config{})
	for i := 0; i < 50; i++ {
		body := append([]byte(fmt.Sprintf("<!-- nonce %d -->", i)), page...)
		srv := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		srv.Header().Set("Content-Type", "text/html")
		e.Serve(srv, req, 200, Bytes(body))
		if got := decode(t, "gzip", srv.Body.Bytes()); !bytes.Equal(got, body) {
			t.Fatal("gzip body differs")
		}
	}
	if n := e.cache.len(); n != 0 {
		t.Errorf("%d one-off bodies cached", n)
	}
}

// BenchmarkServeCached is a cache hit's cost: hash, lookup, headers.
func BenchmarkServeCached(b *testing.B) {
	e := New(Config{})
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
	w := &discardWriter{h: http.Header{}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		clear(w.h)
		w.h.Set("Content-Type", "text/html")
		e.Serve(w, req, 200, Bytes(page))
	}
}

type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(int)             {}

// TestServeStatuses: ETags only validate 200s of GET and HEAD; bodiless
// statuses get no body and no Content-Length.
func TestServeStatuses(t *testing.T) {
	e := New(Config{})
	for _, tc := range []struct {
		method     string
		status     int
		wantETag   bool
		wantLength bool
	}{
		{"GET", 200, true, true},
		{"HEAD", 200, true, true},
		{"POST", 200, false, true},
		{"GET", 404, false, true},
		{"GET", 302, false, true},
		{"GET", 204, false, false},
	} {
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", "text/html")
		req := httptest.NewRequest(tc.method, "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		body := page
		if tc.status == 204 {
			body = nil
		}
		e.Serve(rec, req, tc.status, Bytes(body))
		if rec.Code != tc.status {
			t.Errorf("%s %d: wrote %d", tc.method, tc.status, rec.Code)
		}
		if got := rec.Header().Get("ETag") != ""; got != tc.wantETag {
			t.Errorf("%s %d: ETag %q", tc.method, tc.status, rec.Header().Get("ETag"))
		}
		if got := rec.Header().Get("Content-Length") != ""; got != tc.wantLength {
			t.Errorf("%s %d: Content-Length %q", tc.method, tc.status, rec.Header().Get("Content-Length"))
		}
		if tc.method == "HEAD" || tc.status == 204 {
			if rec.Body.Len() != 0 {
				t.Errorf("%s %d: %d body bytes", tc.method, tc.status, rec.Body.Len())
			}
		}
	}
}
