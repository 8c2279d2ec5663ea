// Package server is ssrgate's standalone site: file-based pages from a
// templates directory, rendered with the ssr engine's islands, plus the
// operational endpoints (/healthz, /readyz, /metrics).
package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/ssr"
)

// The defaults of Config's optional fields, exported so the ssrgate command's
// help text does not restate them.
const (
	DefaultTemplatesDir = "templates"
	DefaultCacheControl = "no-cache"
)

// Config configures New.
type Config struct {
	Engine *ssr.Engine
	// TemplatesDir holds pages/, layouts/, partials/ and data/.
	// Optional. Default "templates".
	TemplatesDir string
	// CacheControl is the Cache-Control of pages that do not define their
	// own with {{ define "cache-control" }}...{{ end }}. Optional. Default
	// "no-cache" (browsers and CDNs revalidate with the ETag).
	CacheControl string
	// Strict shows template and render errors in the page.
	Strict bool
	// AccessLog logs every request (method, path, status, bytes, duration)
	// at Info level.
	AccessLog bool
	Logger    *slog.Logger
	// Routes lets the caller add handlers (for example the render API)
	// before the page routes.
	Routes func(r *gin.Engine)
}

// Page is the data a page template gets.
type Page struct {
	Path   string            // request path
	Params map[string]string // route parameters: products/[id].html gives .Params.id
	Query  url.Values        // query string
	Site   map[string]any    // JSON files of templates/data, by base name
}

// Server is the standalone site.
type Server struct {
	cfg      Config
	log      *slog.Logger
	router   *gin.Engine
	pages    []*page
	notFound *page
	ready    atomic.Bool
	site     map[string]any
}

type page struct {
	file         string // path below pages/, e.g. "products/[id].html"
	route        string // gin route, e.g. "/products/:id"
	tmpl         *template.Template
	cacheControl string
}

// New loads the templates and builds the router. Every file under layouts/
// and partials/ is parsed with every page; templates are named by their
// path below TemplatesDir ("layouts/base.html").
func New(cfg Config) (*Server, error) {
	if cfg.Engine == nil {
		return nil, errors.New("server: Engine is required")
	}
	if cfg.TemplatesDir == "" {
		cfg.TemplatesDir = DefaultTemplatesDir
	}
	if cfg.CacheControl == "" {
		cfg.CacheControl = DefaultCacheControl
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, log: cfg.Logger}
	if err := s.load(); err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	if cfg.AccessLog {
		r.Use(accessLog(s.log))
	}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
	r.GET("/readyz", func(c *gin.Context) {
		if !s.ready.Load() {
			c.String(http.StatusServiceUnavailable, "not ready\n")
			return
		}
		c.String(http.StatusOK, "ready\n")
	})
	r.GET("/metrics", gin.WrapH(cfg.Engine.MetricsHandler()))
	cfg.Engine.Mount(r)
	if cfg.Routes != nil {
		cfg.Routes(r)
	}
	for _, p := range s.pages {
		p := p
		r.GET(p.route, func(c *gin.Context) { s.serve(c, p, http.StatusOK) })
	}
	r.NoRoute(func(c *gin.Context) {
		if s.notFound != nil && c.Request.Method == http.MethodGet {
			s.serve(c, s.notFound, http.StatusNotFound)
			return
		}
		c.String(http.StatusNotFound, "404 page not found\n")
	})
	s.router = r
	s.ready.Store(true)
	return s, nil
}

// Handler is the site's HTTP handler.
func (s *Server) Handler() http.Handler { return s.router }

// SetReady flips /readyz; the command clears it when shutdown begins so
// load balancers stop sending traffic before connections close.
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }

// Routes lists the page routes, for logs and tests.
func (s *Server) Routes() []string {
	var out []string
	for _, p := range s.pages {
		out = append(out, p.route)
	}
	return out
}

func (s *Server) load() error {
	dir := s.cfg.TemplatesDir
	var shared []string
	for _, sub := range []string{"layouts", "partials"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			if err == nil && !d.IsDir() {
				shared = append(shared, p)
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	site, err := loadData(filepath.Join(dir, "data"))
	if err != nil {
		return err
	}
	s.site = site
	pagesDir := filepath.Join(dir, "pages")
	err = filepath.WalkDir(pagesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, _ := filepath.Rel(pagesDir, p)
		rel = filepath.ToSlash(rel)
		pg, err := s.parsePage(dir, rel, shared)
		if err != nil {
			return err
		}
		if rel == "404.html" {
			s.notFound = pg
			return nil
		}
		s.pages = append(s.pages, pg)
		return nil
	})
	if err != nil {
		return fmt.Errorf("load pages from %s: %w", pagesDir, err)
	}
	if len(s.pages) == 0 {
		return fmt.Errorf("no pages in %s: add index.html", pagesDir)
	}
	// Static segments before parameters, so routes register predictably.
	sort.Slice(s.pages, func(i, j int) bool { return s.pages[i].route < s.pages[j].route })
	return nil
}

func (s *Server) parsePage(dir, rel string, shared []string) (*page, error) {
	t := template.New(rel).Funcs(s.cfg.Engine.FuncMap()).Funcs(extraFuncs)
	for _, f := range append(shared, filepath.Join(dir, "pages", rel)) {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		name, _ := filepath.Rel(dir, f)
		if _, err := t.New(filepath.ToSlash(name)).Parse(string(b)); err != nil {
			return nil, err
		}
	}
	pg := &page{file: rel, route: routeOf(rel), tmpl: t, cacheControl: s.cfg.CacheControl}
	if t.Lookup("cache-control") != nil {
		// Run it on a copy: the engine clones t per request, and
		// html/template cannot clone a set once part of it has run.
		tc, err := t.Clone()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		var b bytes.Buffer
		if err := tc.ExecuteTemplate(&b, "cache-control", nil); err != nil {
			return nil, fmt.Errorf("%s: cache-control: %w", rel, err)
		}
		pg.cacheControl = strings.TrimSpace(b.String())
	}
	return pg, nil
}

// routeOf maps a page file to its route: index.html is /, about.html is
// /about, products/[id].html is /products/:id, docs/[...rest].html is
// /docs/*rest.
func routeOf(rel string) string {
	rel = strings.TrimSuffix(rel, ".html")
	parts := strings.Split(rel, "/")
	if parts[len(parts)-1] == "index" {
		parts = parts[:len(parts)-1]
	}
	for i, p := range parts {
		if strings.HasPrefix(p, "[...") && strings.HasSuffix(p, "]") {
			parts[i] = "*" + p[4:len(p)-1]
		} else if strings.HasPrefix(p, "[") && strings.HasSuffix(p, "]") {
			parts[i] = ":" + p[1:len(p)-1]
		}
	}
	return "/" + strings.Join(parts, "/")
}

func loadData(dir string) (map[string]any, error) {
	out := map[string]any{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("data file %s: %w", e.Name(), err)
		}
		out[strings.TrimSuffix(e.Name(), ".json")] = v
	}
	return out, nil
}

// extraFuncs are small helpers for page templates.
var extraFuncs = template.FuncMap{
	// list builds a slice from its arguments: (list 1 2 3).
	"list": func(v ...any) []any { return v },
	// find returns the first map in list whose key equals value, or nil.
	"find": func(list []any, key string, value any) any {
		for _, it := range list {
			if m, ok := it.(map[string]any); ok && fmt.Sprint(m[key]) == fmt.Sprint(value) {
				return m
			}
		}
		return nil
	},
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Server) serve(c *gin.Context, p *page, status int) {
	params := make(map[string]string, len(c.Params))
	for _, prm := range c.Params {
		params[prm.Key] = strings.TrimPrefix(prm.Value, "/")
	}
	data := Page{Path: c.Request.URL.Path, Params: params, Query: c.Request.URL.Query(), Site: s.site}
	pg, err := s.cfg.Engine.ExecutePage(c.Request.Context(), p.tmpl, "pages/"+p.file, data)
	if err != nil {
		s.fail(c, p, err)
		return
	}
	defer pg.Release()
	if st := pg.Status(); st != 0 {
		status = st
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	pg.WriteTo(buf)
	body := buf.Bytes()
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h := c.Writer.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", p.cacheControl)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK && etagMatch(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	writeBody(c, status, body)
}

// etagMatch reports whether an If-None-Match header matches etag.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// writeBody writes body, gzip-compressed when the client accepts it and
// the body is large enough to gain from it.
func writeBody(c *gin.Context, status int, body []byte) {
	if len(body) < 1024 || !ssr.AcceptsGzip(c.GetHeader("Accept-Encoding")) {
		c.Status(status)
		c.Writer.Write(body)
		return
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(body)
	zw.Close()
	c.Header("Content-Encoding", "gzip")
	c.Status(status)
	c.Writer.Write(z.Bytes())
}

func (s *Server) fail(c *gin.Context, p *page, err error) {
	s.log.Error("page failed", "page", p.file, "path", c.Request.URL.Path, "err", err)
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusInternalServerError)
	msg := "The page could not be rendered."
	if s.cfg.Strict {
		msg = err.Error()
	}
	fmt.Fprintf(c.Writer, "<!doctype html><title>500</title><h1>500 Internal Server Error</h1><pre>%s</pre>", template.HTMLEscapeString(msg))
}

// accessLog is a structured access log on log/slog.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		log.LogAttrs(c.Request.Context(), slog.LevelInfo, "request",
			slog.String("method", c.Request.Method), slog.String("path", c.Request.URL.Path),
			slog.Int("status", c.Writer.Status()), slog.Int("bytes", c.Writer.Size()),
			slog.Duration("took", time.Since(start)), slog.String("remote", c.ClientIP()))
	}
}
