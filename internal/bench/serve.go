package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// The -serve modes: each HTTP scenario runs in its own child process (this
// same binary), so that its peak RSS is its own. All of them use the same
// net/http stack, the same layout and the same page data; they differ only
// in where the island's HTML comes from:
//
//	static     A: html/template with the island pre-rendered at start-up (the ceiling)
//	static-gzip A with a browser's Accept-Encoding: A behind pooled gzip middleware
//	ssr        B: {{ component }} through ssrgate, render cache on (also B with a
//	           browser's Accept-Encoding: ssrgate's WritePage compresses)
//	ssr-nocache C: {{ component ... "cache=off" }}: every request renders
//	hypernova  F: the Go handler POSTs the props to a Hypernova server's /batch
//
// Besides "/" every mode answers "/_bench/mem": Go heap after a forced GC
// and the process's current and peak RSS.

type serveOptions struct {
	mode, addr, root, component, pageFile, hypernovaURL string
	rows                                                int
	maxLife                                             time.Duration
	cold                                                bool // serve at once, not after the background asset pass (the cold-start probe)
}

type memReport struct {
	HeapAlloc uint64 `json:"heapAlloc"` // live Go heap after runtime.GC
	RSS       int64  `json:"rss"`       // VmRSS now
	PeakRSS   int64  `json:"peakRSS"`   // VmHWM
}

// staticParts is what the harness hands the static server: the island and
// the head/scripts ssrgate produced for it, rendered once by the engine.
type staticParts struct {
	Head, Island, Scripts string
}

func serve(o serveOptions) error {
	// Nothing here may outlive the harness by long, whatever happens to it.
	time.AfterFunc(o.maxLife, func() {
		fmt.Fprintf(os.Stderr, "bench server: -max-life %s reached, exiting\n", o.maxLife)
		os.Exit(3)
	})
	page, err := pageHandler(o)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", page)
	mux.HandleFunc("GET /_bench/mem", func(w http.ResponseWriter, r *http.Request) {
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rep := memReport{HeapAlloc: ms.HeapAlloc}
		rep.RSS, _ = procStatus(os.Getpid(), "VmRSS")
		rep.PeakRSS, _ = procStatus(os.Getpid(), "VmHWM")
		_ = json.NewEncoder(w).Encode(rep)
	})
	srv := &http.Server{Addr: o.addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}

// writePage executes t into a buffer and writes it only if it succeeded, as
// ssr.Engine.Execute does, so that every mode does the same buffering.
func writePage(w http.ResponseWriter, t *template.Template, data pageData, finish func([]byte) []byte) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	b := buf.Bytes()
	if finish != nil {
		b = finish(b)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b)
}

func pageHandler(o serveOptions) (http.Handler, error) {
	data := newPageData(o.component)
	switch o.mode {
	case "static", "static-gzip":
		raw, err := os.ReadFile(o.pageFile)
		if err != nil {
			return nil, err
		}
		var parts staticParts
		if err := json.Unmarshal(raw, &parts); err != nil {
			return nil, err
		}
		data.Head, data.Island, data.Scripts = template.HTML(parts.Head), template.HTML(parts.Island), template.HTML(parts.Scripts)
		t := htmlTemplate()
		h := http.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writePage(w, t, data, nil) }))
		if o.mode == "static-gzip" {
			h = pooledGzip(h)
		}
		return h, nil

	case "ssr", "ssr-nocache":
		newEng := newEngine
		if o.cold {
			newEng = newColdEngine
		}
		eng, err := newEng(o.root, 0)
		if err != nil {
			return nil, err
		}
		t := ssrTemplate(o.component, o.mode == "ssr-nocache", eng.FuncMap())
		data.Props = props(o.component, o.rows)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// What `ssrgate serve` and a library user's handler do:
			// ExecutePage records the islands while the template runs and
			// holds the finished page; WritePage sends it with its ETag,
			// compressed (from the cache of compressed bodies) when the
			// client asks.
			p, err := eng.ExecutePage(r.Context(), t, "page", data)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			defer p.Release()
			if err := eng.WritePage(w, r, http.StatusOK, p); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
		}), nil

	case "hypernova":
		raw, err := os.ReadFile(o.pageFile)
		if err != nil {
			return nil, err
		}
		var parts staticParts
		if err := json.Unmarshal(raw, &parts); err != nil {
			return nil, err
		}
		// The stylesheet of the island as in A; Hypernova's browser side
		// would load its own client script.
		data.Head = template.HTML(parts.Head)
		data.Scripts = `<script src="/hypernova/client.js" defer></script>`
		p := props(o.component, o.rows)
		client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute}}
		t := htmlTemplate()
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			html, err := hypernovaRender(r, client, o.hypernovaURL, o.component, p)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			d := data
			d.Island = template.HTML(html)
			writePage(w, t, d, nil)
		}), nil
	}
	return nil, fmt.Errorf("unknown -serve mode %q", o.mode)
}

// hypernovaRender is a minimal Hypernova client: one job in a /batch
// request. A production client would fall back to client rendering on
// error; here an error is a 500, so the load generator counts it.
func hypernovaRender(r *http.Request, client *http.Client, url, component string, p any) (string, error) {
	body, err := json.Marshal(map[string]any{"0": map[string]any{"name": component, "data": p}})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Success bool `json:"success"`
		Error   any  `json:"error"`
		Results map[string]struct {
			HTML    *string `json:"html"`
			Success bool    `json:"success"`
			Error   any     `json:"error"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", fmt.Errorf("hypernova: %d: %w", resp.StatusCode, err)
	}
	res, ok := out.Results["0"]
	if !ok || !res.Success || res.HTML == nil {
		return "", fmt.Errorf("hypernova: job failed: %v %v", out.Error, res.Error)
	}
	return *res.HTML, nil
}

// newEngine is the engine every ssrgate scenario uses. Strict turns a failed
// render into a 500 (counted) instead of a silent client-only fallback that
// would look fast; the generous acquire timeout lets requests queue for a
// runtime instead of falling back under load. poolSize 0: one per CPU.
//
// It returns once the background compression of the client assets is over:
// a server in steady state finished that pass long ago, and on a 2-core
// machine timing anything beside its second of brotli measures the pass.
func newEngine(root string, poolSize int) (*ssr.Engine, error) {
	eng, err := newColdEngine(root, poolSize)
	if err != nil {
		return nil, err
	}
	if err := eng.WaitAssets(context.Background()); err != nil {
		eng.Close()
		return nil, err
	}
	return eng, nil
}

// newColdEngine is newEngine without the wait: what a server that has just
// started serves with, as the cold-start probe measures it.
func newColdEngine(root string, poolSize int) (*ssr.Engine, error) {
	return ssr.New(ssr.Config{
		ComponentsDir:  filepath.Join(root, "components"),
		Root:           root,
		PoolSize:       poolSize,
		RenderTimeout:  30 * time.Second,
		AcquireTimeout: 30 * time.Second,
		CacheTTL:       time.Hour,
		Strict:         true,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

// gzipWriters are the pooled writers of pooledGzip: the usual Go gzip
// middleware (one gzip.Writer per response would cost 800 KB of allocation).
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}

// pooledGzip is A's ceiling for clients that accept gzip: a plain
// template site behind ordinary gzip middleware with pooled writers,
// compressing every response at the default level.
func pooledGzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			next.ServeHTTP(w, r)
			return
		}
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(w)
		defer func() {
			zw.Close()
			gzipWriters.Put(zw)
		}()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		next.ServeHTTP(gzipResponse{ResponseWriter: w, zw: zw}, r)
	})
}

type gzipResponse struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g gzipResponse) Write(p []byte) (int, error) { return g.zw.Write(p) }
