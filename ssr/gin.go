package ssr

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/render"
)

// Mount adds the asset handler to a Gin router at Config.PublicPath.
func (e *Engine) Mount(r gin.IRoutes) {
	h := gin.WrapH(e.Assets())
	r.GET(e.cfg.PublicPath+"*file", h)
	r.HEAD(e.cfg.PublicPath+"*file", h)
}

// HTMLRender wraps a Gin HTML renderer (what LoadHTMLGlob installs) so that
// pages are rendered into a buffer, finished (see Finish) and written only if
// the template succeeded. A failed template answers 500 (with the error in
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
// the router uses Engine.Handler's middleware (GinMiddleware); otherwise
// they are bounded by RenderTimeout alone. Gin's debug renderer, which
// reparses the templates for every request, is finished by scanning.
func (e *Engine) HTMLRender(base render.HTMLRender) render.HTMLRender {
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
	if in, ok := h.inner.(render.HTML); ok && in.Template != nil && h.fast {
		ctx := context.Background()
		if rc, ok := w.(interface{ Request() *http.Request }); ok {
			ctx = rc.Request().Context()
		}
		p, err := h.e.ExecutePage(ctx, in.Template, in.Name, in.Data)
		if err != nil {
			return h.fail(w, err)
		}
		defer p.Release()
		hdr := w.Header()
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
	return h.e.WriteFinished(w, bw.buf.Bytes())
}

// fail answers 500 for a failed template.
func (h htmlInstance) fail(w http.ResponseWriter, err error) error {
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
