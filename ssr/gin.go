package ssr

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/render"
)

// Mount adds the asset handler to a Gin router at Config.PublicPath (its
// path, when PublicPath is a CDN URL), and the browser's hydration reports
// at that path + ReportPath.
func (e *Engine) Mount(r gin.IRoutes) {
	h := gin.WrapH(e.Assets())
	r.GET(e.assetPrefix()+"*file", h)
	r.HEAD(e.assetPrefix()+"*file", h)
	r.POST(e.assetPrefix()+ReportPath, h)
	if g, ok := r.(*gin.Engine); ok {
		e.wiring.gin.Store(g) // to check, at the first pages, that HTMLRender is the engine's
	}
}

// HTMLRender wraps a Gin HTML renderer (what LoadHTMLGlob installs) so that
// pages are rendered into a buffer, finished and written only if the
// template succeeded. A failed template answers 500 (with the error in
// Strict mode) and returns the error, which Gin records on the context
// (c.Errors) for its logger or the app's middleware to report; it is not
// logged here as well. Use it after LoadHTMLGlob:
//
//	r.SetFuncMap(engine.FuncMap())
//	r.LoadHTMLGlob("templates/*")
//	r.HTMLRender = engine.HTMLRender(r.HTMLRender)
//
// With Gin's production renderer (gin.ReleaseMode) pages take the fast
// path of ExecutePage: {{ status N }} sets the response status and the
// response gets a Content-Length. Renders get the request's context when
// the router uses GinCompress; otherwise they are bounded by RenderTimeout
// alone. Gin's debug renderer, which
// reparses the templates for every request, is finished by scanning.
func (e *Engine) HTMLRender(base render.HTMLRender) render.HTMLRender {
	if base == nil {
		e.log.Error("ssrgate: engine.HTMLRender was given no renderer: call it after r.LoadHTMLGlob (or LoadHTMLFiles), " +
			"which installs Gin's renderer and replaces whatever r.HTMLRender held; as it is, pages keep ssrgate's markers and no island hydrates")
	}
	_, fast := base.(render.HTMLProduction)
	return htmlRender{e: e, base: base, fast: fast}
}

type htmlRender struct {
	e    *Engine
	base render.HTMLRender
	fast bool // base is Gin's production renderer: its template set is fixed
}

var _ render.HTMLRender = htmlRender{}

func (h htmlRender) Instance(name string, data any) render.Render {
	return htmlInstance{e: h.e, inner: h.base.Instance(name, data), fast: h.fast}
}

type htmlInstance struct {
	e     *Engine
	inner render.Render
	fast  bool
}

var _ render.Render = htmlInstance{}

func (h htmlInstance) Render(w http.ResponseWriter) error {
	ctx := requestContext(w)
	// A policy the application's middleware already set decides the nonce.
	if n := nonceInHeader(w.Header()); n != "" {
		ctx = WithCSPNonce(ctx, n)
	}
	if in, ok := h.inner.(render.HTML); ok && in.Template != nil && h.fast {
		in.WriteContentType(w)
		p, err := h.e.ExecutePage(ctx, in.Template, in.Name, in.Data)
		if err != nil {
			return h.fail(w, err)
		}
		hdr := w.Header()
		if csp := p.CSPHeader(); csp != "" {
			hdr.Set("Content-Security-Policy", csp)
		}
		if a, ok := w.(interface{ adoptPage(*Page) bool }); ok && a.adoptPage(p) {
			return nil // GinCompress sends it, compressed, and releases it
		}
		defer p.Release()
		if hdr.Get("Content-Encoding") == "" && hdr.Get("Content-Length") == "" {
			hdr.Set("Content-Length", strconv.Itoa(p.Len()))
		}
		if st := p.Status(); st != 0 {
			w.WriteHeader(st)
		}
		_, err = p.WriteTo(w)
		return err
	}
	bw := &bufferedWriter{ResponseWriter: w}
	if err := h.inner.Render(bw); err != nil {
		return h.fail(w, err)
	}
	nonce, owned := h.e.nonceFor(ctx)
	if owned {
		w.Header().Set("Content-Security-Policy", CSPPolicy(nonce))
	}
	ew := &errWriter{w: w}
	if !h.e.finish(ew, bw.buf.Bytes(), nonce, nil, "") {
		ew.Write(bw.buf.Bytes())
	}
	return ew.err
}

// fail answers 500 for a failed template.
func (h htmlInstance) fail(w http.ResponseWriter, err error) error {
	if h.e.WriteDevError(w, http.StatusInternalServerError, err) {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	msg := "500 internal server error\n"
	if h.e.cfg.Strict {
		msg += err.Error() + "\n"
	}
	w.Write([]byte(msg))
	return err
}

func (h htmlInstance) WriteContentType(w http.ResponseWriter) { h.inner.WriteContentType(w) }

// bufferedWriter keeps the body; headers still go to the real writer.
type bufferedWriter struct {
	http.ResponseWriter
	buf bytes.Buffer
}

func (b *bufferedWriter) Write(p []byte) (int, error) { return b.buf.Write(p) }
