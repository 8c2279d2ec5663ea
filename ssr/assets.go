package ssr

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/ssrgate/ssrgate/internal/encode"
)

// asset is one browser file with its precompressed forms.
type asset struct {
	body        []byte
	contentType string
	etag        string // of body; a coding's ETag adds its suffix
	// forms are the compressed forms in use: first the fast ones made at
	// start-up, then, once the background pass is done, the smallest ones.
	// A request reads them once, so it sends one consistent set.
	forms atomic.Pointer[assetForms]
}

// assetForms is one set of an asset's compressed forms.
type assetForms struct {
	coded [3][]byte // by assetCodings index; nil: not smaller
	// final: the codings' highest levels. Fast forms carry their own ETags
	// (a "-fast" suffix; different bytes must not share a strong ETag) and
	// a short max-age, so a CDN that fetched one in the first second after
	// start-up comes back for the smaller form.
	final bool
}

// assetCodings are the codings assets are precompressed with, in the
// server's order of preference.
var assetCodings = [3]encode.Coding{encode.Brotli, encode.Zstd, encode.Gzip}

// precompress makes the asset table of files. With final, every
// compressible asset gets the codings' highest levels (brotli 11 makes JS
// about 15% smaller than gzip -9), as `ssrgate build` writes them;
// otherwise it gets gzip at the fast level used for responses, which takes
// a few milliseconds instead of most of a second, and the caller may run
// finishAssets later.
func precompress(files map[string][]byte, final bool) map[string]*asset {
	out := make(map[string]*asset, len(files))
	for name, b := range files {
		ct := mime.TypeByExtension(path.Ext(name))
		if strings.HasSuffix(name, ".js") {
			ct = "text/javascript; charset=utf-8"
		}
		out[name] = &asset{body: b, contentType: ct, etag: fmt.Sprintf(`"%016x"`, xxhash.Sum64(b))}
	}
	compressAll(out, final, runtime.GOMAXPROCS(0), nil)
	return out
}

// assetPassDelay is how long after start-up the background compression
// waits: the first requests after a deploy, and the runtimes' warm-up, come
// first. An engine closed sooner (a test, a failed start) never does it.
const assetPassDelay = time.Second

// finishAssets replaces the fast forms of assets by the smallest ones, on
// one goroutine so that serving keeps the other CPUs, and closes done when
// it is through. It stops early, leaving the fast forms in place, once stop
// is closed (the generation was retired). A nil stop never stops it and
// skips the delay.
func finishAssets(assets map[string]*asset, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	if stop != nil {
		select {
		case <-stop:
			return
		case <-time.After(assetPassDelay):
		}
	}
	compressAll(assets, true, 1, stop)
}

// compressAll compresses every compressible asset with every coding on up
// to workers goroutines, and stores each asset's new forms as one set.
func compressAll(assets map[string]*asset, final bool, workers int, stop <-chan struct{}) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for _, a := range assets {
		if !compressible(a.contentType) || len(a.body) < 512 {
			continue
		}
		select {
		case <-stop:
			wg.Wait()
			return
		default:
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f := &assetForms{final: final}
			for i, c := range assetCodings {
				var z []byte
				switch {
				case final:
					z = encode.Compress(a.body, c)
				case c == encode.Gzip:
					// Every client takes gzip, and its fast level costs
					// a few milliseconds for all the assets; brotli and
					// zstd wait for the background pass.
					z = encode.CompressFast(a.body, c)
				default:
					continue
				}
				if len(z) < len(a.body) {
					f.coded[i] = z
				}
			}
			a.forms.Store(f)
		}()
	}
	wg.Wait()
}

// Assets serves the browser bundles. Mount it at Config.PublicPath (the
// URL's path when PublicPath is a CDN URL), e.g.
// mux.Handle("/_ssr/", engine.Assets()). File names carry a content hash,
// so responses are cacheable for a year and marked immutable. Text assets
// are precompressed (brotli, zstd, gzip) and sent in the coding the client
// prefers, with an ETag per coding: at start-up only gzip at a fast level,
// then brotli, zstd and gzip at their highest levels, made by a background
// pass that starts a second after start-up and takes about a second. Until
// then a compressed response carries a "-fast" ETag and a one-minute
// max-age, so caches fetch the smaller form later (WaitAssets waits for the
// pass). It also receives the island runtime's hydration failure reports at
// PublicPath + ReportPath (POST; see ReportPath).
func (e *Engine) Assets() http.Handler {
	prefix := e.assetPrefix()
	modTime := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == prefix+ReportPath {
			e.serveReport(w, r)
			return
		}
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
		// Module scripts from another origin (a CDN pulling from here)
		// load in CORS mode; the files are public and immutable.
		h.Set("Access-Control-Allow-Origin", "*")
		body, etag := a.body, a.etag
		f := a.forms.Load()
		if f != nil && (f.coded[0] != nil || f.coded[1] != nil || f.coded[2] != nil) {
			h.Set("Vary", "Accept-Encoding")
			if r.Header.Get("Range") == "" {
				offered := make([]encode.Coding, 0, 3)
				for i, c := range assetCodings {
					if f.coded[i] != nil {
						offered = append(offered, c)
					}
				}
				if c := encode.Negotiate(r.Header.Get("Accept-Encoding"), offered...); c != encode.Identity {
					for i := range assetCodings {
						if assetCodings[i] == c {
							body = f.coded[i]
						}
					}
					h.Set("Content-Encoding", c.String())
					etag = encode.SuffixETag(etag, c)
					if !f.final {
						etag = etag[:len(etag)-1] + `-fast"`
						h.Set("Cache-Control", "public, max-age=60")
					}
				}
			}
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, name, modTime, bytes.NewReader(body))
	})
}

// WaitAssets waits until the client assets have their smallest compressed
// forms, that is until the background pass New starts (about a second of
// brotli 11 for a typical site) has ended, or until ctx is done. Serving
// does not need it: until then assets go out as fast gzip. It is for what
// runs right after start-up and should not overlap that pass: a memory
// measurement, a CDN warm-up, a benchmark.
func (e *Engine) WaitAssets(ctx context.Context) error {
	done := e.gen.Load().assetsDone
	if done == nil {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
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

// writePrecompressed writes NAME.br and NAME.gz, at the codings' highest
// levels, next to every asset of files in dir that compresses.
func writePrecompressed(dir string, files map[string][]byte) error {
	for name, a := range precompress(files, true) {
		f := a.forms.Load()
		if f == nil {
			continue
		}
		for i, c := range assetCodings {
			if f.coded[i] == nil || (c != encode.Brotli && c != encode.Gzip) {
				continue
			}
			dst := filepath.Join(dir, filepath.FromSlash(name)+c.FileExt())
			if err := os.WriteFile(dst, f.coded[i], 0o644); err != nil {
				return fmt.Errorf("write precompressed asset: %w", err)
			}
		}
	}
	return nil
}

// checkPublicPath accepts a path from the site's root or an absolute
// http(s) URL with a host.
func checkPublicPath(p string) error {
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") {
		return nil
	}
	u, err := url.Parse(p)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.RawQuery == "" && u.Fragment == "" {
		return nil
	}
	return fmt.Errorf("ssr: PublicPath %q must be a path from the site root (/_ssr/) or an absolute http(s) URL such as https://cdn.example.com/assets/", p)
}

// assetPrefix is the path Assets and Mount serve under: PublicPath, or the
// path of a PublicPath URL.
func (e *Engine) assetPrefix() string {
	p := e.cfg.PublicPath
	if strings.HasPrefix(p, "/") {
		return p
	}
	u, _ := url.Parse(p) // checked by Config.fill
	if u.Path == "" {
		return "/"
	}
	return u.Path
}
