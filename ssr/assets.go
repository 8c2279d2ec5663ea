package ssr

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"sync"
	"time"
)

// asset is one browser file, with its gzip form made on first request.
type asset struct {
	body, gz    []byte
	contentType string
	once        sync.Once
}

func (a *asset) gzipped() []byte {
	a.once.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(a.body)
		zw.Close()
		if b.Len() < len(a.body) {
			a.gz = b.Bytes()
		}
	})
	return a.gz
}

// Assets serves the browser bundles. Mount it at Config.PublicPath, e.g.
// mux.Handle("/_ssr/", engine.Assets()). File names carry a content hash,
// so responses are cacheable for a year and marked immutable. Text assets
// are gzip-compressed (once, on first request) for clients that accept it.
func (e *Engine) Assets() http.Handler {
	prefix := e.cfg.PublicPath
	modTime := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, prefix)
		if e.dev != nil && strings.HasPrefix(name, devPrefix) {
			e.dev.ServeHTTP(w, r, strings.TrimPrefix(name, devPrefix))
			return
		}
		g := e.gen.Load()
		a, ok := g.assets[name]
		if !ok && g.prevAssets != nil {
			a, ok = g.prevAssets[name]
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Vary", "Accept-Encoding")
		body := a.body
		if compressible(a.contentType) && acceptsGzip(r.Header.Get("Accept-Encoding")) && r.Header.Get("Range") == "" {
			if gz := a.gzipped(); gz != nil {
				h.Set("Content-Encoding", "gzip")
				body = gz
			}
		}
		http.ServeContent(w, r, name, modTime, bytes.NewReader(body))
	})
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json") || strings.Contains(ct, "svg")
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) != "gzip" && strings.TrimSpace(enc) != "*" {
			continue
		}
		if q := strings.ReplaceAll(strings.TrimSpace(params), " ", ""); q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			continue
		}
		return true
	}
	return false
}

// AcceptsGzip reports whether an Accept-Encoding header value allows a
// gzip-encoded response. The standalone server uses it for pages.
func AcceptsGzip(header string) bool { return acceptsGzip(header) }
