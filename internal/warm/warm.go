// Package warm renders a list of pages into the render caches before a
// replica takes traffic: after a deploy every cache key carries the new
// build id, so without warming the first visitors pay for every render.
//
// The list is a file of URLs or paths (one a line, # comments), or a
// sitemap.xml (a urlset or a sitemap index), read from a file, an http(s)
// URL, or a path on the target. Only each URL's path and query are used:
// the pages are fetched from the target, a replica or an in-process handler.
package warm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Target is where pages are fetched from.
type Target interface {
	// Get fetches path (with its query) and returns the status and body.
	Get(ctx context.Context, path string) (status int, body []byte, err error)
}

// HTTP is a Target reached over the network, such as a new replica.
type HTTP struct {
	Base   string // scheme://host[:port], no trailing slash needed
	Client *http.Client
}

// Get implements Target.
func (h HTTP) Get(ctx context.Context, path string) (int, []byte, error) {
	return httpGet(ctx, h.Client, strings.TrimRight(h.Base, "/")+path)
}

func httpGet(ctx context.Context, c *http.Client, u string) (int, []byte, error) {
	if c == nil {
		c = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", "ssrgate-warm")
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	return resp.StatusCode, b, err
}

// Handler is a Target served in process, as `serve --warm` does before the
// replica reports ready.
type Handler struct{ http.Handler }

// Get implements Target.
func (h Handler) Get(ctx context.Context, path string) (int, []byte, error) {
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil)
	req.Header.Set("User-Agent", "ssrgate-warm")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes(), nil
}

// maxPages bounds a list, so a runaway sitemap cannot keep a replica from
// ever becoming ready.
const maxPages = 100_000

// Load reads the page list src: an existing file, an http(s) URL, or a
// path starting with "/" fetched from target. It returns paths with their
// queries, in order, without duplicates.
func Load(ctx context.Context, src string, target Target) ([]string, error) {
	b, err := read(ctx, src, target)
	if err != nil {
		return nil, err
	}
	var entries []string
	if isSitemap(b) {
		// The sitemaps of an index read from the target are read from it
		// too: a new replica serves its own, the public host the old ones.
		var via Target
		if strings.HasPrefix(src, "/") && !fileExists(src) {
			via = target
		}
		entries, err = sitemap(ctx, b, via, 0)
	} else {
		entries, err = lines(b)
	}
	if err != nil {
		return nil, fmt.Errorf("warm list %s: %w", src, err)
	}
	seen := make(map[string]bool, len(entries))
	var paths []string
	for _, e := range entries {
		p, err := pathOf(e)
		if err != nil {
			return nil, fmt.Errorf("warm list %s: %w", src, err)
		}
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("warm list %s has no pages: want one URL or path a line, or a sitemap.xml", src)
	}
	if len(paths) > maxPages {
		return nil, fmt.Errorf("warm list %s has %d pages, over the limit of %d", src, len(paths), maxPages)
	}
	return paths, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func read(ctx context.Context, src string, target Target) ([]byte, error) {
	if fileExists(src) {
		return os.ReadFile(src)
	}
	var status int
	var b []byte
	var err error
	switch {
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		status, b, err = httpGet(ctx, nil, src)
	case strings.HasPrefix(src, "/") && target != nil:
		status, b, err = target.Get(ctx, src)
	default:
		return nil, fmt.Errorf("warm list %s: no such file (want a file, an http(s) URL, or a /path on the site)", src)
	}
	if err != nil {
		return nil, fmt.Errorf("warm list %s: %w", src, err)
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("warm list %s: HTTP status %d", src, status)
	}
	return b, nil
}

func isSitemap(b []byte) bool {
	b = bytes.TrimSpace(b)
	return bytes.HasPrefix(b, []byte("<?xml")) || bytes.HasPrefix(b, []byte("<urlset")) || bytes.HasPrefix(b, []byte("<sitemapindex"))
}

// lines reads one URL or path a line; blank lines and # comments are skipped.
func lines(b []byte) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []string `xml:"url>loc"`
	Sitemaps []string `xml:"sitemap>loc"`
}

// sitemap reads a urlset, or a sitemap index whose sitemaps it loads:
// from via by their paths, or by their URLs when via is nil.
func sitemap(ctx context.Context, b []byte, via Target, depth int) ([]string, error) {
	var doc sitemapDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	out := doc.URLs
	for _, loc := range doc.Sitemaps {
		if depth > 0 {
			return nil, errors.New("sitemap index inside a sitemap index")
		}
		src := strings.TrimSpace(loc)
		if via != nil {
			p, err := pathOf(src)
			if err != nil {
				return nil, err
			}
			src = p
		}
		nb, err := read(ctx, src, via)
		if err != nil {
			return nil, err
		}
		more, err := sitemap(ctx, nb, via, depth+1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", loc, err)
		}
		out = append(out, more...)
		if len(out) > maxPages {
			break
		}
	}
	return out, nil
}

// pathOf turns a URL or path into path?query.
func pathOf(s string) (string, error) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Host == "") {
		return "", fmt.Errorf("%q is not a URL or a /path", s)
	}
	if u.Scheme == "" && !strings.HasPrefix(s, "/") {
		return "", fmt.Errorf("%q is not a URL or a /path (a path starts with /)", s)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p, nil
}

// Options tune Run.
type Options struct {
	// Concurrency is how many pages are fetched at once. Default 4.
	Concurrency int
	// Progress receives progress: a bar redrawn in place when TTY is set,
	// else a line every tenth of the list. Nil: none.
	Progress io.Writer
	TTY      bool
}

// Failure is one page that did not warm.
type Failure struct {
	Path string
	Err  string
}

// Summary is what Run did.
type Summary struct {
	Pages     int // pages fetched
	Failed    []Failure
	Renders   int // uncached renders the target ran; -1 when its /metrics could not be read
	RedisHits int // renders the target read from the shared cache instead; -1 when unknown
	Fallbacks int // islands that fell back to browser rendering; -1 when unknown
	Took      time.Duration
}

// String is the one-paragraph report printed at the end.
func (s Summary) String() string {
	num := func(n int) string {
		if n < 0 {
			return "?"
		}
		return strconv.Itoa(n)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "warmed %d pages in %s: %s renders, %s from the shared cache, %s fallbacks, %d failed",
		s.Pages, s.Took.Round(time.Millisecond), num(s.Renders), num(s.RedisHits), num(s.Fallbacks), len(s.Failed))
	for i, f := range s.Failed {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more", len(s.Failed)-10)
			break
		}
		fmt.Fprintf(&b, "\n  %s: %s", f.Path, f.Err)
	}
	return b.String()
}

// Run fetches every path from target, Concurrency at a time. A page fails
// on a transport error or a status of 400 or more. A cancelled ctx stops
// the run; the summary covers what was done.
func Run(ctx context.Context, paths []string, target Target, opts Options) Summary {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	start := time.Now()
	before, beforeOK := scrape(ctx, target)
	p := &progress{w: opts.Progress, tty: opts.TTY, total: len(paths), start: start}
	var (
		mu     sync.Mutex
		failed []Failure
		next   atomic.Int64
		done   atomic.Int64
		wg     sync.WaitGroup
	)
	for range min(opts.Concurrency, len(paths)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) || ctx.Err() != nil {
					return
				}
				status, _, err := target.Get(ctx, paths[i])
				if err == nil && status >= 400 {
					err = fmt.Errorf("HTTP status %d", status)
				}
				if err != nil {
					mu.Lock()
					failed = append(failed, Failure{Path: paths[i], Err: err.Error()})
					mu.Unlock()
					p.fail()
				}
				done.Add(1)
				p.step()
			}
		})
	}
	wg.Wait()
	p.finish(int(done.Load()))
	sort.Slice(failed, func(i, j int) bool { return failed[i].Path < failed[j].Path })
	s := Summary{Pages: int(done.Load()), Failed: failed, Renders: -1, RedisHits: -1, Fallbacks: -1, Took: time.Since(start)}
	if after, ok := scrape(ctx, target); ok && beforeOK {
		s.Renders = int(after.renders - before.renders)
		s.RedisHits = int(after.redisHits - before.redisHits)
		s.Fallbacks = int(after.fallbacks - before.fallbacks)
	}
	return s
}

type counts struct{ renders, redisHits, fallbacks float64 }

// scrape reads the render counters from the target's /metrics.
func scrape(ctx context.Context, target Target) (counts, bool) {
	status, b, err := target.Get(ctx, "/metrics")
	if err != nil || status != http.StatusOK {
		return counts{}, false
	}
	var c counts
	found := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name = name[:i]
		}
		var dst *float64
		switch name {
		case "ssrgate_render_duration_seconds_count":
			dst, found = &c.renders, true
		case "ssrgate_redis_cache_hits_total", "ssrgate_redis_cache_stale_total", "ssrgate_redis_cache_lock_wait_hits_total":
			dst = &c.redisHits
		case "ssrgate_fallbacks_total":
			dst = &c.fallbacks
		default:
			continue
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil {
			*dst += v
		}
	}
	// A scrape without the render histogram (no render yet) is still a
	// valid zero, as long as it is ssrgate's /metrics.
	return c, found || bytes.Contains(b, []byte("ssrgate_"))
}

// progress draws the progress bar or lines.
type progress struct {
	w      io.Writer
	tty    bool
	total  int
	start  time.Time
	failed atomic.Int64

	mu       sync.Mutex
	done     int // pages finished, counted under mu so lines come out in order
	lastLine int // tenth last reported in line mode
	lastDraw time.Time
}

func (p *progress) fail() { p.failed.Add(1) }

// step counts one finished page. The count is taken under the lock, not
// passed in: two workers finishing together could otherwise report out of
// order, and the later line would swallow the earlier tenth.
func (p *progress) step() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	done := p.done
	if p.tty {
		if now := time.Now(); now.Sub(p.lastDraw) >= 100*time.Millisecond {
			p.lastDraw = now
			p.draw(done)
		}
		return
	}
	if tenth := done * 10 / max(p.total, 1); tenth > p.lastLine {
		p.lastLine = tenth
		fmt.Fprintf(p.w, "warm: %d/%d pages (%d%%), %d failed, %s\n", done, p.total, done*100/max(p.total, 1),
			p.failed.Load(), time.Since(p.start).Round(time.Millisecond))
	}
}

func (p *progress) draw(done int) {
	const width = 30
	filled := done * width / max(p.total, 1)
	elapsed := time.Since(p.start)
	rate := float64(done) / max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %3d%% %d failed %.0f pages/s ",
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, p.total, done*100/max(p.total, 1), p.failed.Load(), rate)
}

func (p *progress) finish(done int) {
	if p.w == nil || !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw(done)
	fmt.Fprintln(p.w)
}
