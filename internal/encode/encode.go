package encode

import (
	"bytes"
	"io"
	"math/bits"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/cespare/xxhash/v2"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Config configures an Encoder.
type Config struct {
	// MaxBytes bounds the cache of compressed variants. Optional. Default
	// 32 MiB. Negative: no cache (every response is compressed anew).
	MaxBytes int64
	// MinLength is the smallest body worth compressing; shorter ones are
	// sent as they are (a few hundred bytes gain nothing once framing and
	// the coding's header are counted). Optional. Default 512, Caddy's.
	MinLength int
}

// Body is a response body: its length, and a way to write it without
// first copying it into one slice (a finished ssr page is several
// slices).
type Body interface {
	Len() int
	WriteTo(w io.Writer) (int64, error)
}

// Bytes is a Body held in one slice.
type Bytes []byte

// Len is len(b).
func (b Bytes) Len() int { return len(b) }

// WriteTo writes b to w.
func (b Bytes) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(b)
	return int64(n), err
}

// Compression levels. One fixed level per coding: the ETag "<hash>-br"
// is strong, so every brotli form of a body must be the same bytes.
const (
	gzipLevel   = 6 // gzip's default; klauspost's is fast at it
	brotliLevel = 5 // the usual level for dynamic responses
)

// Encoder serves bodies. It is safe for concurrent use.
type Encoder struct {
	cfg   Config
	cache *variantCache
	gz    chan *gzip.Writer
	br    chan *brotli.Writer
	zs    chan *zstd.Encoder
}

// New returns an Encoder.
func New(cfg Config) *Encoder {
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = 32 << 20
	}
	if cfg.MinLength == 0 {
		cfg.MinLength = 512
	}
	n := 2 * runtime.GOMAXPROCS(0)
	e := &Encoder{cfg: cfg, gz: make(chan *gzip.Writer, n), br: make(chan *brotli.Writer, n), zs: make(chan *zstd.Encoder, n)}
	if cfg.MaxBytes > 0 {
		e.cache = newVariantCache(cfg.MaxBytes)
	}
	return e
}

// Compressible reports whether a response with this Content-Type gains
// from compression: text, JSON, JavaScript, XML, SVG, WebAssembly. Images,
// video, archives and fonts other than SVG are compressed already.
func Compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.ToLower(strings.TrimSpace(ct))
	switch {
	case strings.HasPrefix(ct, "text/"):
		return true
	case ct == "application/javascript", ct == "application/json", ct == "application/xml",
		ct == "application/xhtml+xml", ct == "application/rss+xml", ct == "application/atom+xml",
		ct == "application/wasm", ct == "application/manifest+json", ct == "image/svg+xml",
		strings.HasSuffix(ct, "+json"), strings.HasSuffix(ct, "+xml"):
		return true
	}
	return false
}

var digests = sync.Pool{New: func() any { return xxhash.New() }}

// Hash is the 64-bit xxhash of body.
func Hash(body Body) uint64 {
	d := digests.Get().(*xxhash.Digest)
	d.Reset()
	body.WriteTo(d)
	sum := d.Sum64()
	digests.Put(d)
	return sum
}

// Serve writes body as the response to r with status: the coding
// negotiated from Accept-Encoding (when the response is compressible), an
// ETag for that coding (on a 200 to GET or HEAD), Vary, Content-Length,
// 304 Not Modified for a matching If-None-Match on a 200 GET or HEAD, and
// no body for HEAD (or for 1xx, 204 and 304 statuses).
//
// Headers already set are kept: Content-Type (which decides whether the
// body is compressible; none means not), Cache-Control ("no-transform"
// keeps the body uncompressed), and an ETag, which Serve suffixes per
// coding instead of hashing the body ("abc" becomes "abc-br"). A response
// that already has a Content-Encoding is sent as it is.
func (e *Encoder) Serve(w http.ResponseWriter, r *http.Request, status int, body Body) error {
	h := w.Header()
	n := body.Len()
	compressible := status >= 200 && status != http.StatusNoContent && status != http.StatusPartialContent &&
		h.Get("Content-Encoding") == "" && Compressible(h.Get("Content-Type")) &&
		!strings.Contains(strings.ToLower(h.Get("Cache-Control")), "no-transform")
	if compressible {
		addVary(h, "Accept-Encoding")
	}
	// A body that differs in every response (a page with a CSP nonce) or
	// must never be revalidated (a degraded page) gets no ETag and no
	// cache entry.
	unc := uncacheable(body)
	base := h.Get("ETag")
	var sum uint64
	if base == "" && status == http.StatusOK || compressible && n >= e.cfg.MinLength {
		sum = Hash(body)
	}
	coding := Identity
	var out []byte
	var release func()
	if compressible && n >= e.cfg.MinLength {
		if c := Negotiate(r.Header.Get("Accept-Encoding"), Brotli, Zstd, Gzip); c != Identity {
			if out, release = e.variant(sum, n, c, body, unc); out != nil {
				coding = c
				defer release()
			}
		}
	}
	// An ETag validates what a GET of the resource returns: given to 200s
	// of GET and HEAD, and kept (suffixed per coding) when the handler set
	// one; not made up for errors, redirects or POST responses.
	getOK := status == http.StatusOK && (r.Method == http.MethodGet || r.Method == http.MethodHead)
	var etag string
	switch {
	case base != "":
		etag = SuffixETag(base, coding)
	case getOK:
		etag = makeETag(sum, coding)
	}
	if unc {
		etag = ""
		h.Del("ETag")
	} else if etag != "" {
		h.Set("ETag", etag)
	}
	if status < 200 || status == http.StatusNoContent || status == http.StatusNotModified {
		// No body, and no Content-Length (RFC 9110 §8.6).
		h.Del("Content-Length")
		w.WriteHeader(status)
		writeHeaderNow(w)
		return nil
	}
	if !unc && getOK && etag != "" {
		if inm := r.Header.Get("If-None-Match"); inm != "" && NoneMatch(inm, etag) {
			// RFC 9110 §15.4.5: a 304 carries the validators and Vary
			// of the 200, not its content headers.
			h.Del("Content-Type")
			h.Del("Content-Length")
			h.Del("Content-Encoding")
			w.WriteHeader(http.StatusNotModified)
			writeHeaderNow(w)
			return nil
		}
	}
	if coding != Identity {
		h.Set("Content-Encoding", coding.String())
		h.Set("Content-Length", strconv.Itoa(len(out)))
	} else {
		h.Set("Content-Length", strconv.Itoa(n))
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		writeHeaderNow(w)
		return nil
	}
	if coding != Identity {
		_, err := w.Write(out)
		return err
	}
	_, err := body.WriteTo(w)
	return err
}

// writeHeaderNow commits the header of a response without a body on
// writers that defer it to the first Write (Gin's does; a Gin NoRoute
// handler's unwritten 404 would otherwise get Gin's own text body).
func writeHeaderNow(w http.ResponseWriter) {
	if f, ok := w.(interface{ WriteHeaderNow() }); ok {
		f.WriteHeaderNow()
	}
}

// NoneMatch reports whether an If-None-Match header value matches etag:
// "*", or any listed entity tag equal to etag under the weak comparison
// (RFC 9110 §13.1.2: W/ prefixes are ignored).
func NoneMatch(header, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func makeETag(sum uint64, c Coding) string {
	const digits = "0123456789abcdef"
	var b [24]byte
	out := append(b[:0], '"')
	for i := 15; i >= 0; i-- {
		out = append(out, digits[(sum>>(uint(i)*4))&0xf])
	}
	out = append(out, etagSuffix[c]...)
	out = append(out, '"')
	return string(out)
}

// SuffixETag turns the ETag of the identity body into the one of coding
// c: "abc" becomes "abc-br", W/"abc" becomes W/"abc-br".
func SuffixETag(etag string, c Coding) string {
	if c == Identity || !strings.HasSuffix(etag, `"`) {
		return etag
	}
	return etag[:len(etag)-1] + etagSuffix[c] + `"`
}

func addVary(h http.Header, v string) {
	for _, x := range h.Values("Vary") {
		for f := range strings.SplitSeq(x, ",") {
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, v) {
				return
			}
		}
	}
	h.Add("Vary", v)
}

// variant returns body compressed with c, from the cache or compressed
// now, and a function to call when out has been written. nil: the
// compressed form is no smaller than the body.
func (e *Encoder) variant(sum uint64, n int, c Coding, body Body, unc bool) (out []byte, release func()) {
	k := vkey{sum: sum, n: n, c: c}
	admit := false
	if e.cache != nil && !unc {
		if v, ok := e.cache.get(k); ok {
			return v, noop
		}
		// Keep a body's variants from its second sighting on: a page
		// that is different every time (a nonce, a user's name) would
		// only push useful entries out.
		admit = e.cache.seen(k)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	e.compress(buf, c, body)
	smaller := buf.Len() < n
	if admit {
		var v []byte
		if smaller {
			v = bytes.Clone(buf.Bytes())
		}
		e.cache.put(k, v)
		bufPool.Put(buf)
		return v, noop
	}
	if !smaller {
		bufPool.Put(buf)
		return nil, noop
	}
	return buf.Bytes(), func() {
		if buf.Cap() <= 4<<20 {
			bufPool.Put(buf)
		}
	}
}

func noop() {}

// uncacheable reports whether body says it must not be cached or
// revalidated (an ssr page with a CSP nonce, which differs in every
// response, or with an island that fell back): it gets no ETag, and its
// variants are neither looked up nor remembered.
func uncacheable(body Body) bool {
	u, ok := body.(interface{ Uncacheable() bool })
	return ok && u.Uncacheable()
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// compress writes body compressed with c to w, with a pooled writer.
func (e *Encoder) compress(w io.Writer, c Coding, body Body) {
	switch c {
	case Gzip:
		var zw *gzip.Writer
		select {
		case zw = <-e.gz:
			zw.Reset(w)
		default:
			zw, _ = gzip.NewWriterLevel(w, gzipLevel)
		}
		body.WriteTo(zw)
		zw.Close()
		select {
		case e.gz <- zw:
		default:
		}
	case Brotli:
		var bw *brotli.Writer
		select {
		case bw = <-e.br:
			bw.Reset(w)
		default:
			bw = brotli.NewWriterLevel(w, brotliLevel)
		}
		body.WriteTo(bw)
		bw.Close()
		select {
		case e.br <- bw:
		default:
		}
	case Zstd:
		var zw *zstd.Encoder
		select {
		case zw = <-e.zs:
			zw.Reset(w)
		default:
			zw = newZstd(w)
		}
		body.WriteTo(zw)
		zw.Close()
		select {
		case e.zs <- zw:
		default:
		}
	}
}

// newZstd makes a zstd encoder browsers can decode: one goroutine (no
// background workers to leak), and a window within the 8 MiB that RFC 8878
// §3 asks HTTP decoders to support.
func newZstd(w io.Writer) *zstd.Encoder {
	zw, err := zstd.NewWriter(w, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(4<<20),
		zstd.WithEncoderLevel(zstd.SpeedDefault))
	if err != nil {
		panic("encode: zstd options: " + err.Error()) // fixed options; cannot fail
	}
	return zw
}

// Compress returns b compressed with c at the coding's highest level: for
// assets, compressed once at build or start-up time.
func Compress(b []byte, c Coding) []byte {
	var out bytes.Buffer
	switch c {
	case Gzip:
		zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
	case Brotli:
		// A window no larger than the input compresses to the same size
		// and cuts the encoder's memory (tens of MB at the default 4 MB
		// window and quality 11) to what the input needs.
		lgwin := min(max(bits.Len(uint(len(b))), 10), 24)
		bw := brotli.NewWriterOptions(&out, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: lgwin})
		bw.Write(b)
		bw.Close()
	case Zstd:
		zw := newZstd(&out)
		zw.Write(b)
		zw.Close()
	default:
		return b
	}
	return out.Bytes()
}

// CompressFast returns b compressed with c at the level used for
// responses: for development builds, where start-up time matters more.
func CompressFast(b []byte, c Coding) []byte {
	var out bytes.Buffer
	e := New(Config{MaxBytes: -1})
	e.compress(&out, c, Bytes(b))
	return out.Bytes()
}
