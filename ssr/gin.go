package ssr

import (
	"bytes"
	"net/http"

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
// the template succeeded. Use it after LoadHTMLGlob:
//
//	r.SetFuncMap(engine.FuncMap())
//	r.LoadHTMLGlob("templates/*")
//	r.HTMLRender = engine.HTMLRender(r.HTMLRender)
func (e *Engine) HTMLRender(base render.HTMLRender) render.HTMLRender {
	return htmlRender{e: e, base: base}
}

type htmlRender struct {
	e    *Engine
	base render.HTMLRender
}

var _ render.HTMLRender = htmlRender{}

func (h htmlRender) Instance(name string, data any) render.Render {
	return htmlInstance{e: h.e, inner: h.base.Instance(name, data)}
}

type htmlInstance struct {
	e     *Engine
	inner render.Render
}

var _ render.Render = htmlInstance{}

func (h htmlInstance) Render(w http.ResponseWriter) error {
	bw := &bufferedWriter{ResponseWriter: w}
	if err := h.inner.Render(bw); err != nil {
		h.e.log.Error("page template failed", "err", err)
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
	return h.e.WriteFinished(w, bw.buf.Bytes())
}

func (h htmlInstance) WriteContentType(w http.ResponseWriter) { h.inner.WriteContentType(w) }

// bufferedWriter keeps the body; headers still go to the real writer.
type bufferedWriter struct {
	http.ResponseWriter
	buf bytes.Buffer
}

func (b *bufferedWriter) Write(p []byte) (int, error) { return b.buf.Write(p) }
