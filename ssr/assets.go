package ssr

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// Assets serves the browser bundles. Mount it at Config.PublicPath, e.g.
// mux.Handle("/_ssr/", engine.Assets()). File names carry a content hash,
// so responses are cacheable for a year and marked immutable.
func (e *Engine) Assets() http.Handler {
	prefix := e.cfg.PublicPath
	files := e.build.Client
	modTime := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, prefix)
		b, ok := files[name]
		if !ok || name != path.Clean(name) {
			http.NotFound(w, r)
			return
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if strings.HasSuffix(name, ".js") {
			ct = "text/javascript; charset=utf-8"
		}
		h := w.Header()
		h.Set("Content-Type", ct)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("X-Content-Type-Options", "nosniff")
		http.ServeContent(w, r, name, modTime, bytes.NewReader(b))
	})
}
