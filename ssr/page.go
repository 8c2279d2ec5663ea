package ssr

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/island"
)

// pageState is the request-scoped state of one page execution: the fast
// path that ExecutePage, Execute, the Gin HTMLRender and the standalone
// server take.
//
// A page executes on a pooled clone of its template set whose component,
// ssrHead, ssrScripts and status functions are bound to that clone's
// pageState. The functions record what they stand for while the template
// runs, so finishing the page costs work in proportion to its islands and
// never reads the page's bytes:
//
//   - {{ component }} renders (with Ctx), appends the island to Islands and
//     leaves a short placeholder in the output; the island's markup (for a
//     cache hit, the memoized string) is spliced in when the page is
//     written, so it is never copied through fmt's print buffer.
//   - {{ ssrHead }} and {{ ssrScripts }} leave placeholders whose tags are
//     computed from Islands at the end.
//   - {{ status N }} sets Status.
//
// The internal API, for code in package ssr that adds per-request
// behaviour (CSP nonces, island id prefixes):
//
//	Ctx            the request's context; renders use it. Never nil during execution.
//	Nonce          the CSP nonce of the response, "" when there is none. Empty
//	               after reset; whoever sets it does so in executePage, before
//	               the template runs (for example from a context value).
//	Islands        the islands written so far, in page order.
//	Status         the status {{ status N }} asked for; 0 when none.
//	NextIslandID() 0, 1, 2, … for the islands of this page (React's
//	               identifierPrefix, Vue's idPrefix).
//
// A pageState belongs to one clone and is used by one goroutine at a time;
// reset clears it between requests. Fields that hold per-request values
// must be cleared in reset.
type pageState struct {
	e *Engine

	Ctx   context.Context
	Nonce string
	// gen is the build the page executes on, held (acquired) from before
	// the template runs until the page is finished.
	gen     *generation
	Islands []island.Found
	Status  int

	nonceOwned bool // Nonce was made by ssrgate (Config.CSPNonce), which sends the policy

	tmpl *template.Template // the caller's template set and name, for the wiring checks
	name string

	nextID int
	buf    bytes.Buffer // the output of the clone's execution
	slots  []slot       // places in buf that finish fills in, in page order
	head   bytes.Buffer // the tags of {{ ssrHead }}, built by finish
	tail   bytes.Buffer // the tags of {{ ssrScripts }}
	segs   []segment    // the finished page: slices of buf, tags, island markup
	flat   bytes.Buffer // the segments joined, for writing (Page.bytes)
	joined bool
}

// NextIslandID returns the next island number of this page, from 0.
func (p *pageState) NextIslandID() int {
	id := p.nextID
	p.nextID++
	return id
}

func (p *pageState) reset(ctx context.Context) {
	p.Ctx = ctx
	p.Nonce = ""
	p.nonceOwned = false
	p.tmpl, p.name = nil, ""
	p.Islands = p.Islands[:0]
	p.Status = 0
	p.nextID = 0
	p.buf.Reset()
	p.slots = p.slots[:0]
	p.head.Reset()
	p.tail.Reset()
	p.flat.Reset()
	p.joined = false
	for i := range p.segs {
		p.segs[i] = segment{} // drop references to island markup
	}
	p.segs = p.segs[:0]
}

// slot is a placeholder in the output that finish replaces.
type slot struct {
	kind   slotKind
	at     int    // offset of the placeholder in buf when it was printed
	mark   string // the placeholder
	markup string // island markup (slotIsland)
}

type slotKind uint8

const (
	slotHead slotKind = iota
	slotScripts
	slotIsland
)

// segment is one piece of a finished page: bytes of the executed output or
// of the tags, or an island's markup string.
type segment struct {
	b []byte
	s string
}

// funcs are the template functions bound to p.
func (p *pageState) funcs() template.FuncMap {
	return template.FuncMap{
		"component":  p.component,
		"ssrHead":    p.ssrHead,
		"ssrScripts": p.ssrScripts,
		"status":     p.status,
		"cspNonce":   p.cspNonce,
	}
}

// cspNonce is {{ cspNonce }}: the page's CSP nonce, for the page's own
// scripts (<script nonce="{{ cspNonce }}">); "" when the page has none.
func (p *pageState) cspNonce() string { return p.Nonce }

// islandMarks are the island placeholders; a page's n-th island uses the
// n-th, so a placeholder printed away from where it was made (a variable
// printed later) is still found by a search.
var islandMarks = func() []string {
	m := make([]string, 256)
	for i := range m {
		m[i] = islandMark(i)
	}
	return m
}()

func islandMark(i int) string { return "<!--ssrgate:island:" + strconv.Itoa(i) + "-->" }

func (p *pageState) component(name string, props any, opts ...string) (template.HTML, error) {
	o, err := island.ParseOptions(opts...)
	if err != nil {
		return "", fmt.Errorf("component %s: %w", name, err)
	}
	is, r, err := p.e.islandOn(p.Ctx, p.gen, o, name, props, islandPrefix(p.NextIslandID()))
	if err != nil {
		return "", err
	}
	var markup string
	if r != nil {
		markup = r.markupFor(is)
	} else {
		var sb bytes.Buffer
		sb.Grow(island.Size(is))
		island.Markup(&sb, is)
		markup = sb.String()
	}
	n := len(p.Islands)
	mark := ""
	if n < len(islandMarks) {
		mark = islandMarks[n]
	} else {
		mark = islandMark(n)
	}
	p.Islands = append(p.Islands, island.Found{Component: is.Component, Strategy: is.Options.Strategy})
	p.slots = append(p.slots, slot{kind: slotIsland, at: p.buf.Len(), mark: mark, markup: markup})
	return template.HTML(mark), nil
}

func (p *pageState) ssrHead() template.HTML {
	p.slots = append(p.slots, slot{kind: slotHead, at: p.buf.Len(), mark: headMarker})
	return headMarker
}

func (p *pageState) ssrScripts() template.HTML {
	p.slots = append(p.slots, slot{kind: slotScripts, at: p.buf.Len(), mark: scriptsMarker})
	return scriptsMarker
}

// status is {{ status N }}: the page's HTTP status. It prints nothing. The
// last call wins.
func (p *pageState) status(code int) (string, error) {
	if code < 100 || code > 999 {
		return "", fmt.Errorf("status %d: want an HTTP status code such as 404", code)
	}
	p.Status = code
	return "", nil
}

// finish computes the head and script tags from the recorded islands and
// lays out the finished page as segments.
func (p *pageState) finish() {
	page := p.buf.Bytes()
	// Locate every placeholder: where it was printed, or (printed
	// elsewhere, e.g. from a variable) where a search finds it. A
	// placeholder not in the output (escaped in an attribute, or never
	// printed) is dropped.
	sorted := true
	for i := range p.slots {
		s := &p.slots[i]
		if s.at+len(s.mark) <= len(page) && string(page[s.at:s.at+len(s.mark)]) == s.mark {
			continue
		}
		s.at = -1
		if s.kind == slotIsland {
			s.at = bytes.Index(page, []byte(s.mark))
		}
		sorted = false
	}
	if !sorted {
		sortSlots(p.slots)
	}
	firstHead, lastScripts := -1, -1
	for i, s := range p.slots {
		if s.at < 0 {
			continue
		}
		if s.kind == slotHead && firstHead < 0 {
			firstHead = i
		}
		if s.kind == slotScripts {
			lastScripts = i
		}
	}
	if firstHead >= 0 || lastScripts >= 0 {
		p.e.pageTags(p.gen.build.Manifest, &p.head, &p.tail, p.Islands, p.Nonce)
	}
	prev := 0
	for i, s := range p.slots {
		if s.at < prev { // not found, or overlapping one already placed
			continue
		}
		p.segs = append(p.segs, segment{b: page[prev:s.at]})
		switch {
		case s.kind == slotIsland:
			p.segs = append(p.segs, segment{s: s.markup})
		case i == firstHead:
			p.segs = append(p.segs, segment{b: p.head.Bytes()})
		case i == lastScripts:
			p.segs = append(p.segs, segment{b: p.tail.Bytes()})
		}
		prev = s.at + len(s.mark)
	}
	p.segs = append(p.segs, segment{b: page[prev:]})
	if note := p.e.checkPage(p.tmpl, p.name, p.Islands, firstHead >= 0, lastScripts >= 0); note != "" {
		p.segs = append(p.segs, segment{s: note})
	}
	if lastScripts < 0 && p.e.dev != nil { // no {{ ssrScripts }}: the dev client goes last
		p.segs = append(p.segs, segment{b: p.e.devTag(false, nil, p.Nonce)})
	}
}

// sortSlots orders slots by offset (insertion sort: a page has few, and
// they are nearly sorted); unfound ones (-1) come first and are skipped.
func sortSlots(s []slot) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].at < s[j-1].at; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// pageTags writes the tags that {{ ssrHead }} and {{ ssrScripts }} stand
// for, given the page's islands: the island stylesheet and the stylesheets
// of every island, module preloads of the runtime and of islands that
// hydrate on load, and the island runtime unless every island is static.
// A non-empty nonce goes on the script and the module preloads (under
// 'strict-dynamic' a preload without it is refused); stylesheets need none.
func (e *Engine) pageTags(man bundle.Manifest, head, scripts *bytes.Buffer, islands []island.Found, nonce string) {
	pub := e.cfg.PublicPath
	var cssBuf, jsBuf [16]string
	css, preload := cssBuf[:0], jsBuf[:0]
	needJS := false
	for _, f := range islands {
		entry, ok := man.Components[f.Component]
		if !ok {
			continue
		}
		for _, c := range entry.CSS {
			css = appendNew(css, c)
		}
		if f.Strategy == island.Static {
			continue
		}
		needJS = true
		if f.Strategy == island.Load {
			preload = appendNew(preload, entry.JS)
			for _, j := range entry.Imports {
				preload = appendNew(preload, j)
			}
		}
	}
	sortStrings(preload)
	if len(islands) > 0 && man.IslandCSS != "" {
		head.WriteString(`<link rel="stylesheet" href="`)
		head.WriteString(pub)
		head.WriteString(man.IslandCSS)
		head.WriteString(`">`)
	}
	nonceAttr := ""
	if nonce != "" {
		nonceAttr = ` nonce="` + nonce + `"`
	}
	for _, c := range css {
		head.WriteString(`<link rel="stylesheet" href="`)
		head.WriteString(pub)
		head.WriteString(c)
		head.WriteString(`">`)
	}
	if needJS {
		head.WriteString(`<link rel="modulepreload" href="`)
		head.WriteString(pub)
		head.WriteString(man.Runtime)
		head.WriteString(`"` + nonceAttr + `>`)
		for _, j := range preload {
			head.WriteString(`<link rel="modulepreload" href="`)
			head.WriteString(pub)
			head.WriteString(j)
			head.WriteString(`"` + nonceAttr + `>`)
		}
		scripts.WriteString(`<script type="module" src="`)
		scripts.WriteString(pub)
		scripts.WriteString(man.Runtime)
		scripts.WriteString(`"` + nonceAttr + `></script>`)
	}
	e.devTag(true, scripts, nonce)
}

// appendNew appends s to list unless list holds it (pages have few assets,
// so a linear search beats a map).
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Page is an executed, finished page, held in pooled memory until Release.
// It is what ExecutePage returns, for callers that need the body's length
// or want to hash or compress it before writing (the standalone server and
// Handler do). A Page is used by one goroutine.
type Page struct {
	st   *pageState // fast path
	exec *pageExec  // the clone to return to its pool
	slow *bytes.Buffer
	n    int

	nonce      string // slow path: the page's nonce
	nonceOwned bool
}

// Nonce is the page's CSP nonce (see CSPPolicy), or "".
func (p *Page) Nonce() string {
	if p.st == nil {
		return p.nonce
	}
	return p.st.Nonce
}

// CSPHeader is the Content-Security-Policy the response must carry: the
// policy of a nonce that ssrgate made (Config.CSPNonce), or "" when the page
// has no nonce or the nonce came from the caller (WithCSPNonce), who then
// sends its own policy.
func (p *Page) CSPHeader() string {
	if p.st != nil && p.st.nonceOwned {
		return CSPPolicy(p.st.Nonce)
	}
	if p.st == nil && p.nonceOwned {
		return CSPPolicy(p.nonce)
	}
	return ""
}

// Degraded reports whether the page holds an island whose server render
// failed (see the function Degraded).
func (p *Page) Degraded() bool {
	if p.slow != nil {
		return Degraded(p.slow.Bytes())
	}
	for _, s := range p.st.segs {
		if bytes.Contains(s.b, fallbackMark) || strings.Contains(s.s, string(fallbackMark)) {
			return true
		}
	}
	return false
}

// Uncacheable reports whether the page must not be cached or revalidated:
// it differs in every response (it has a CSP nonce) or an island fell back
// (Degraded). WritePage then sends it without an ETag and keeps no
// compressed copy.
func (p *Page) Uncacheable() bool { return p.Nonce() != "" || p.Degraded() }

// Status is the HTTP status the page set with {{ status N }}, or 0.
func (p *Page) Status() int {
	if p.st == nil {
		return 0
	}
	return p.st.Status
}

// Len is the page's length in bytes.
func (p *Page) Len() int { return p.n }

// WriteTo writes the page to w, in one Write.
func (p *Page) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(p.bytes())
	return int64(n), err
}

// bytes is the page in one slice. The segments are joined once per page
// into the clone's reusable buffer: one memmove, no allocation once warm,
// and one Write for the network instead of one per segment (each of which
// can cost a syscall past the server's 4 KiB write buffer).
func (p *Page) bytes() []byte {
	if p.slow != nil {
		return p.slow.Bytes()
	}
	st := p.st
	if !st.joined {
		st.joined = true
		st.flat.Reset()
		st.flat.Grow(p.n)
		for _, s := range st.segs {
			if s.s != "" {
				st.flat.WriteString(s.s)
			} else {
				st.flat.Write(s.b)
			}
		}
	}
	return st.flat.Bytes()
}

// Release returns the page's memory to the pool. The Page must not be used
// afterwards.
func (p *Page) Release() {
	exec, slow := p.exec, p.slow
	*p = Page{} // before the clone goes back: its next user reuses this Page
	if exec != nil {
		exec.pool.put(exec)
	}
	if slow != nil && slow.Cap() <= maxPooledPage {
		pagePool.Put(slow)
	}
}

// maxPooledPage is the largest buffer kept in a pool: a huge page once
// should not pin its memory for good.
const maxPooledPage = 4 << 20

// pageExec is one pooled clone of a template set with its bound state.
type pageExec struct {
	pool *templatePool
	t    *template.Template
	st   pageState
	page Page
}

// templatePool holds the clones of one template set. master is a private
// clone of the caller's template that is never executed (html/template
// refuses to Clone a set once it has run).
type templatePool struct {
	mu     sync.Mutex // serializes Clone
	master *template.Template
	free   chan *pageExec
}

func (tp *templatePool) get(e *Engine) (*pageExec, error) {
	select {
	case x := <-tp.free:
		return x, nil
	default:
	}
	tp.mu.Lock()
	c, err := tp.master.Clone()
	tp.mu.Unlock()
	if err != nil {
		return nil, err
	}
	x := &pageExec{pool: tp, t: c}
	x.st.e = e
	c.Funcs(x.st.funcs())
	return x, nil
}

func (tp *templatePool) put(x *pageExec) {
	x.st.reset(nil)
	if x.st.buf.Cap() > maxPooledPage || x.st.flat.Cap() > maxPooledPage {
		return
	}
	select {
	case tp.free <- x:
	default:
	}
}

// templatePools maps the caller's *template.Template to its pool. It is
// bounded: templates parsed anew for every request (development reloads)
// take the slow path past the bound instead of growing the map.
type templatePools struct {
	m sync.Map // *template.Template -> *templatePool (nil master: slow path)
	n atomic.Int32
}

const maxTemplatePools = 256

func (e *Engine) templatePool(t *template.Template) *templatePool {
	if v, ok := e.pages.m.Load(t); ok {
		return v.(*templatePool)
	}
	if e.pages.n.Load() >= maxTemplatePools {
		return nil
	}
	tp := &templatePool{free: make(chan *pageExec, 4*e.cfg.PoolSize+8)}
	master, err := t.Clone()
	if err == nil {
		tp.master = master
	} else {
		e.log.Warn("template set was executed before ssr saw it; its pages take the slow path (output scan, no request context, {{ status }} ignored)",
			"template", t.Name(), "err", err)
	}
	v, loaded := e.pages.m.LoadOrStore(t, tp)
	if !loaded {
		e.pages.n.Add(1)
	}
	return v.(*templatePool)
}

// ExecutePage executes template name of the set t (the set itself when
// name is "") with data and returns the finished page; nothing is written
// anywhere, so a failing template never sends half a page. Renders of the
// page's islands use ctx. Release the Page when done with it.
//
// This is the fast path: t is cloned (once per concurrent use, then
// pooled; t must not change after its first ExecutePage) with template
// functions bound to the request, so islands,
// {{ ssrHead }}, {{ ssrScripts }} and {{ status }} are recorded while the
// template runs and the page is never scanned. t must have been parsed with
// Engine.FuncMap and must not have been executed directly before its first
// ExecutePage (html/template cannot clone an executed set); such a set,
// and any set past the first 256, is executed as it is and finished by
// scanning, as Finish does.
func (e *Engine) ExecutePage(ctx context.Context, t *template.Template, name string, data any) (*Page, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	tp := e.templatePool(t)
	if tp == nil || tp.master == nil {
		return e.executeSlow(ctx, t, name, data)
	}
	x, err := tp.get(e)
	if err != nil {
		return e.executeSlow(ctx, t, name, data)
	}
	x.st.reset(ctx)
	x.st.Nonce, x.st.nonceOwned = e.nonceFor(ctx)
	x.st.tmpl, x.st.name = t, name
	g := e.current()
	if g == nil {
		tp.put(x)
		return nil, errClosed
	}
	x.st.gen = g
	if name == "" {
		err = x.t.Execute(&x.st.buf, data)
	} else {
		err = x.t.ExecuteTemplate(&x.st.buf, name, data)
	}
	if err == nil {
		x.st.finish()
	}
	x.st.gen = nil
	g.release()
	if err != nil {
		tp.put(x)
		return nil, err
	}
	n := 0
	for _, s := range x.st.segs {
		n += len(s.b) + len(s.s)
	}
	x.page = Page{st: &x.st, exec: x, n: n}
	return &x.page, nil
}

// executeSlow executes t itself and finishes the page by scanning it.
func (e *Engine) executeSlow(ctx context.Context, t *template.Template, name string, data any) (*Page, error) {
	nonce, owned := e.nonceFor(ctx)
	buf := pagePool.Get().(*bytes.Buffer)
	buf.Reset()
	var err error
	if name == "" {
		err = t.Execute(buf, data)
	} else {
		err = t.ExecuteTemplate(buf, name, data)
	}
	if err != nil {
		pagePool.Put(buf)
		return nil, err
	}
	out := pagePool.Get().(*bytes.Buffer)
	out.Reset()
	if !e.finish(out, buf.Bytes(), nonce, t, name) {
		out, buf = buf, out
	}
	if buf.Cap() <= maxPooledPage {
		pagePool.Put(buf)
	}
	return &Page{slow: out, n: out.Len(), nonce: nonce, nonceOwned: owned}, nil
}

// ExecuteContext is Execute with the request's context for the renders of
// the page's islands. If the page set a status with {{ status N }} and w
// has a WriteHeader method (an http.ResponseWriter), WriteHeader(N) is
// called before the body.
func (e *Engine) ExecuteContext(ctx context.Context, w io.Writer, t *template.Template, name string, data any) error {
	p, err := e.ExecutePage(ctx, t, name, data)
	if err != nil {
		return err
	}
	defer p.Release()
	if csp := p.CSPHeader(); csp != "" {
		if hw, ok := w.(interface{ Header() http.Header }); ok {
			hw.Header().Set("Content-Security-Policy", csp)
		}
	}
	if st := p.Status(); st != 0 {
		if hw, ok := w.(interface{ WriteHeader(int) }); ok {
			hw.WriteHeader(st)
		}
	}
	_, err = p.WriteTo(w)
	return err
}

// islandPrefix is the useId prefix of a page's n-th island (from 0): "i0",
// "i1", … It depends only on the island's place in the page, so a page's
// islands render the same ids every time (and their renders stay
// cacheable), and the browser gets it from data-id-prefix.
func islandPrefix(n int) string {
	if n < len(islandPrefixes) {
		return islandPrefixes[n]
	}
	return "i" + strconv.Itoa(n)
}

var islandPrefixes = func() []string {
	p := make([]string, 256)
	for i := range p {
		p[i] = "i" + strconv.Itoa(i)
	}
	return p
}()
