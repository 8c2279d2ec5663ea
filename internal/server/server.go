// Package server is ssrgate's standalone site: file-based pages from a
// templates directory, rendered with the ssr engine's islands, plus the
// operational endpoints (/healthz, /readyz, /metrics).
package server

import (
	"bytes"
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
	// TrustedProxies are the addresses or CIDR ranges whose
	// X-Forwarded-For and X-Real-IP headers are believed for the client's
	// address (logs, gin's ClientIP). Optional. Default none: gin would
	// otherwise trust every peer, and any client could claim any address.
	TrustedProxies []string
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
	cfg    Config
	log    *slog.Logger
	router *gin.Engine
	ready  atomic.Bool
	// state is the loaded templates and their routes; Reload swaps in a
	// new one, so a request in flight finishes with the templates it began
	// with.
	state atomic.Pointer[siteState]
}

// siteState is one load of the templates directory.
type siteState struct {
	pages    []*page
	notFound *page
	site     map[string]any
	router   *gin.Engine // the page routes
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
	gin.SetMode(gin.ReleaseMode)
	st, err := s.load()
	if err != nil {
		return nil, err
	}
	s.state.Store(st)
	r := gin.New()
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("server: trusted proxies: %w", err)
	}
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
		if err := cfg.Engine.Ready(); err != nil {
			c.String(http.StatusServiceUnavailable, "not ready: %v\n", err)
			return
		}
		c.String(http.StatusOK, "ready\n")
	})
	r.GET("/metrics", gin.WrapH(cfg.Engine.MetricsHandler()))
	cfg.Engine.Mount(r)
	if cfg.Routes != nil {
		cfg.Routes(r)
	}
	// Pages are routed by the current state's own router, so a reload
	// can add and remove routes.
	r.NoRoute(func(c *gin.Context) {
		s.state.Load().router.ServeHTTP(c.Writer, c.Request)
		// A bodiless answer (HEAD) only set the status on this writer;
		// send it now, or Gin answers with its own plain-text 404.
		c.Writer.WriteHeaderNow()
	})
	s.router = r
	// In dev mode the engine watches the templates and calls Reload.
	if err := cfg.Engine.WatchDev(s.Reload, cfg.TemplatesDir); err != nil {
		return nil, err
	}
	s.ready.Store(true)
	return s, nil
}

// Reload loads the templates directory again and swaps the new pages and
// routes in. On error the current ones stay. Dev mode calls it when a
// template changes.
func (s *Server) Reload() error {
	st, err := s.load()
	if err != nil {
		return err
	}
	s.state.Store(st)
	return nil
}

// pageRouter routes the pages of st.
func (s *Server) pageRouter(st *siteState) *gin.Engine {
	r := gin.New()
	for _, p := range st.pages {
		p := p
		h := func(c *gin.Context) { s.serve(c, st, p, http.StatusOK) }
		r.GET(p.route, h)
		r.HEAD(p.route, h) // GET's headers, Content-Length included, no body
	}
	r.NoRoute(func(c *gin.Context) {
		if st.notFound != nil && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) {
			s.serve(c, st, st.notFound, http.StatusNotFound)
			return
		}
		c.String(http.StatusNotFound, "404 page not found\n")
	})
	return r
}

// Handler is the site's HTTP handler.
func (s *Server) Handler() http.Handler { return s.router }

// SetReady flips /readyz; the command clears it when shutdown begins so
// load balancers stop sending traffic before connections close.
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }

// Routes lists the page routes, for logs and tests.
func (s *Server) Routes() []string {
	var out []string
	for _, p := range s.state.Load().pages {
		out = append(out, p.route)
	}
	return out
}

func (s *Server) load() (*siteState, error) {
	st := &siteState{}
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
			return nil, err
		}
	}
	site, err := loadData(filepath.Join(dir, "data"))
	if err != nil {
		return nil, err
	}
	st.site = site
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
			st.notFound = pg
			return nil
		}
		st.pages = append(st.pages, pg)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load pages from %s: %w", pagesDir, err)
	}
	if len(st.pages) == 0 {
		return nil, fmt.Errorf("no pages in %s: add index.html", pagesDir)
	}
	// Static segments before parameters, so routes register predictably.
	sort.Slice(st.pages, func(i, j int) bool { return st.pages[i].route < st.pages[j].route })
	if st.router, err = s.routes(st); err != nil {
		return nil, err
	}
	return st, nil
}

// routes builds st's page router. Gin panics on conflicting routes (two
// files for one route); that is an error here, so a reload cannot take the
// server down.
func (s *Server) routes(st *siteState) (r *gin.Engine, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("page routes: %v", v)
		}
	}()
	return s.pageRouter(st), nil
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

func (s *Server) serve(c *gin.Context, st *siteState, p *page, status int) {
	params := make(map[string]string, len(c.Params))
	for _, prm := range c.Params {
		params[prm.Key] = strings.TrimPrefix(prm.Value, "/")
	}
	data := Page{Path: c.Request.URL.Path, Params: params, Query: c.Request.URL.Query(), Site: st.site}
	pg, err := s.cfg.Engine.ExecutePage(c.Request.Context(), p.tmpl, "pages/"+p.file, data)
	if err != nil {
		s.fail(c, p, err)
		return
	}
	defer pg.Release()
	h := c.Writer.Header()
	h.Set("Cache-Control", p.cacheControl)
	if pg.Degraded() {
		// An island fell back: never cached by a CDN (its ETag differs
		// from the healthy page's, so it is never a 304 of one either).
		h.Set("Cache-Control", ssr.DegradedCacheControl)
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	s.cfg.Engine.WritePage(c.Writer, c.Request, status, pg)
}

func (s *Server) fail(c *gin.Context, p *page, err error) {
	s.log.Error("page failed", "page", p.file, "path", c.Request.URL.Path, "err", err)
	if s.cfg.Engine.WriteDevError(c.Writer, http.StatusInternalServerError, err) {
		return
	}
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
