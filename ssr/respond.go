package ssr

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/internal/encode"
)

// WritePage sends a finished page as the response to r: compressed with
// the best of brotli, zstd and gzip that the client accepts (each distinct
// page is compressed once; see Config.CompressCacheMaxBytes), with a strong
// ETag per content coding, Vary: Accept-Encoding and Content-Length, 304
// Not Modified for a matching If-None-Match, and no body for HEAD. The
// status is the one the page set with {{ status N }}, else status.
// Content-Type defaults to text/html; Cache-Control and other headers set
// on w before the call are kept.
//
//	p, err := engine.ExecutePage(r.Context(), tmpl, "page", data)
//	if err != nil { ... }
//	defer p.Release()
//	engine.WritePage(w, r, http.StatusOK, p)
func (e *Engine) WritePage(w http.ResponseWriter, r *http.Request, status int, p *Page) error {
	if st := p.Status(); st != 0 {
		status = st
	}
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "text/html; charset=utf-8")
	}
	if csp := p.CSPHeader(); csp != "" {
		h.Set("Content-Security-Policy", csp)
	}
	return e.enc.Serve(w, r, status, p)
}

// Compress is net/http middleware that gives every response of next what
// WritePage gives a page: negotiated brotli, zstd or gzip from the cache of
// compressed bodies, a per-coding ETag, 304s, Vary, Content-Length and
// bodiless HEAD. It buffers each response (in pooled memory) until the
// handler returns. Responses that are already encoded, of a type that does
// not compress (images, fonts, archives), partial (206), flushed by the
// handler (streams) or larger than 8 MiB pass through as they are; so do Engine.Assets'
// responses, which are compressed at start-up.
//
// Gin applications use GinCompress.
func (e *Engine) Compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bw := newBufferedResponse(w, r)
		defer bw.release()
		next.ServeHTTP(bw, r)
		bw.finish(e.enc)
	})
}

// GinCompress is Compress as Gin middleware. With it, the Gin HTMLRender
// also passes the request's context to the renders of a page's islands.
//
//	r.Use(engine.GinCompress())
func (e *Engine) GinCompress() gin.HandlerFunc {
	return func(c *gin.Context) {
		bw := newBufferedResponse(c.Writer, c.Request)
		defer bw.release()
		gw := &ginBuffered{ResponseWriter: c.Writer, b: bw}
		c.Writer = gw
		c.Next()
		c.Writer = gw.ResponseWriter
		bw.finish(e.enc)
	}
}

// bufferedResponse holds a response until the handler is done, unless the
// response turns out not to be one to compress (then it streams through).
// The handler may set the status and headers until its first Write.
type bufferedResponse struct {
	w      http.ResponseWriter
	r      *http.Request
	status int  // 0: not set yet
	wrote  bool // the first Write (or Flush) happened, or a page was adopted
	pass   bool // streaming through to w
	buf    *bytes.Buffer
	page   *Page // a page handed over whole by the Gin HTMLRender
}

func newBufferedResponse(w http.ResponseWriter, r *http.Request) *bufferedResponse {
	return &bufferedResponse{w: w, r: r}
}

func (b *bufferedResponse) Header() http.Header { return b.w.Header() }

// Request is the request being answered; the Gin HTMLRender reads its
// context.
func (b *bufferedResponse) Request() *http.Request { return b.r }

func (b *bufferedResponse) WriteHeader(status int) {
	if !b.wrote {
		b.status = status
	}
}

// start decides, at the first byte, whether to buffer or pass through.
func (b *bufferedResponse) start() {
	b.wrote = true
	if b.status == 0 {
		b.status = http.StatusOK
	}
	h := b.w.Header()
	if b.status < 200 || b.status == http.StatusNoContent || b.status == http.StatusNotModified ||
		b.status == http.StatusPartialContent || h.Get("Content-Encoding") != "" ||
		(h.Get("Content-Type") != "" && !encode.Compressible(h.Get("Content-Type"))) {
		b.pass = true
		b.w.WriteHeader(b.status)
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if !b.wrote {
		if b.w.Header().Get("Content-Type") == "" {
			b.w.Header().Set("Content-Type", http.DetectContentType(p))
		}
		b.start()
	}
	if b.pass {
		return b.w.Write(p)
	}
	if b.buf == nil {
		b.buf = pagePool.Get().(*bytes.Buffer)
		b.buf.Reset()
	}
	if b.buf.Len()+len(p) > maxBuffered {
		// A download, not a page: send it as it comes rather than hold
		// it all in memory.
		b.passNow()
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

// maxBuffered is the largest response Compress holds to compress; larger
// ones stream through uncompressed.
const maxBuffered = 8 << 20

// passNow switches a buffering response to streaming: the status, then
// what was buffered.
func (b *bufferedResponse) passNow() {
	b.pass = true
	b.w.WriteHeader(b.status)
	if b.page != nil {
		b.page.WriteTo(b.w)
		b.page.Release()
		b.page = nil
	}
	if b.buf != nil {
		b.w.Write(b.buf.Bytes())
		b.buf.Reset()
	}
}

// adoptPage takes a finished page to send at the end, without copying
// it. It reports false if the response has begun otherwise.
func (b *bufferedResponse) adoptPage(p *Page) bool {
	if b.wrote {
		return false
	}
	b.wrote = true
	b.page = p
	return true
}

// Flush sends what is buffered and streams the rest: a handler that
// flushes wants its bytes to go now, not compressed at the end.
func (b *bufferedResponse) Flush() {
	if !b.wrote {
		b.start()
	}
	if !b.pass {
		b.passNow()
	}
	http.NewResponseController(b.w).Flush()
}

// Unwrap lets http.ResponseController reach the real writer.
func (b *bufferedResponse) Unwrap() http.ResponseWriter { return b.w }

// finish sends the buffered response.
func (b *bufferedResponse) finish(enc *encode.Encoder) {
	if b.pass {
		return
	}
	if b.status == 0 { // the handler wrote nothing
		b.status = http.StatusOK
	}
	if b.page != nil {
		if st := b.page.Status(); st != 0 {
			b.status = st
		}
		enc.Serve(b.w, b.r, b.status, b.page)
		return
	}
	var body encode.Bytes
	if b.buf != nil {
		body = b.buf.Bytes()
	}
	enc.Serve(b.w, b.r, b.status, body)
}

func (b *bufferedResponse) release() {
	if b.page != nil {
		b.page.Release()
		b.page = nil
	}
	if b.buf != nil && b.buf.Cap() <= maxPooledPage {
		pagePool.Put(b.buf)
	}
	b.buf = nil
}

// ginBuffered is a gin.ResponseWriter over a bufferedResponse.
type ginBuffered struct {
	gin.ResponseWriter
	b *bufferedResponse
}

func (g *ginBuffered) WriteHeader(code int) { g.b.WriteHeader(code) }
func (g *ginBuffered) WriteHeaderNow()      {}
func (g *ginBuffered) Write(p []byte) (int, error) {
	if !g.b.wrote && g.b.status == 0 {
		g.b.status = g.ResponseWriter.Status()
	}
	return g.b.Write(p)
}
func (g *ginBuffered) WriteString(s string) (int, error) { return g.Write([]byte(s)) }
func (g *ginBuffered) Flush()                            { g.b.Flush() }
func (g *ginBuffered) Request() *http.Request            { return g.b.r }
func (g *ginBuffered) adoptPage(p *Page) bool            { return g.b.adoptPage(p) }
func (g *ginBuffered) Status() int {
	if g.b.status != 0 {
		return g.b.status
	}
	return g.ResponseWriter.Status()
}
func (g *ginBuffered) Written() bool { return g.b.wrote }
func (g *ginBuffered) Size() int {
	switch {
	case g.b.pass:
		return g.ResponseWriter.Size()
	case g.b.page != nil:
		return g.b.page.Len()
	case g.b.buf != nil:
		return g.b.buf.Len()
	}
	return -1
}
func (g *ginBuffered) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	g.b.pass, g.b.wrote = true, true
	return g.ResponseWriter.Hijack()
}

// requestContext is the context of the request a writer answers, when the
// writer knows it (the Compress middlewares' writers do).
func requestContext(w http.ResponseWriter) context.Context {
	if rc, ok := w.(interface{ Request() *http.Request }); ok {
		return rc.Request().Context()
	}
	return context.Background()
}
