package ssr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/ssrgate/ssrgate/internal/island"
)

// Markers that {{ ssrHead }} and {{ ssrScripts }} leave in a page. The head
// is executed before the body's islands, so what it needs is only known once
// the page is done: Finish replaces the markers then. Autoescaped page text
// cannot contain them ("<" is escaped).
const (
	headMarker    = "<!--ssrgate:head-->"
	scriptsMarker = "<!--ssrgate:scripts-->"
)

// FuncMap returns the template functions:
//
//	{{ component NAME PROPS [OPTIONS...] }}  an island (see island options below)
//	{{ props "key" value ... }}              a props map built inline
//	{{ ssrHead }}                            in <head>: stylesheets and preloads of the page's islands
//	{{ ssrScripts }}                         before </body>: the island runtime, if any island needs JS
//	{{ status 404 }}                         the page's HTTP status (prints nothing; the last call wins)
//
// Options: "client:load" (default), "client:idle", "client:visible",
// "client:media=QUERY", "client:only", "static", "cache=DURATION", "cache=off".
//
// Parse page templates with these functions and execute them with
// ExecutePage, ExecuteContext or Execute, or through the Gin HTMLRender or
// the standalone server: those run each request on a pooled clone of the
// template set whose functions are bound to the request (its context, its
// islands, its status), so finishing a page never scans it. A template
// executed directly (t.Execute) gets the functions below, which know no
// request: {{ component }} renders with no context, {{ status }} is
// ignored, and the page must pass through Finish, which scans the output
// for islands.
func (e *Engine) FuncMap() template.FuncMap {
	return template.FuncMap{
		"component": e.component,
		"props":     Props,
		"ssrHead": func() template.HTML {
			e.unboundMarker()
			return headMarker
		},
		"ssrScripts": func() template.HTML {
			e.unboundMarker()
			if e.cfg.Strict {
				return scriptsMarker + unfinishedNote
			}
			return scriptsMarker
		},
		"status":   func(int) string { return "" },
		"cspNonce": func() string { return nonceMarker },
	}
}

// Props builds a props map from alternating keys and values:
// {{ props "topic" "go" "limit" 3 }}.
func Props(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("props takes key/value pairs, got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("props key %d is %T, want a string", i/2+1, kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// component is {{ component }}. Template functions get no request context;
// renders are bounded by RenderTimeout instead.
func (e *Engine) component(name string, props any, opts ...string) (template.HTML, error) {
	is, r, err := e.island(context.Background(), name, props, "", opts...)
	if err != nil {
		return "", err
	}
	if r != nil {
		return template.HTML(r.markupFor(is)), nil
	}
	var sb strings.Builder
	sb.Grow(island.Size(is))
	island.Markup(&sb, is)
	return template.HTML(sb.String()), nil
}

// Island writes the island markup for one component: its server HTML in a
// wrapper that the browser runtime hydrates, and its props. A render that
// fails or times out is logged and the island falls back to client-only
// rendering, unless Config.Strict is set, when the error is returned.
// Unknown components and bad options or props are always errors.
func (e *Engine) Island(ctx context.Context, w *bytes.Buffer, name string, props any, opts ...string) error {
	is, _, err := e.island(ctx, name, props, "", opts...)
	if err != nil {
		return err
	}
	island.Markup(w, is)
	return nil
}

// island prepares one island. It also returns the render it used, whose
// memoized markup serves repeated cache hits; nil for client-only islands
// and fallbacks.
func (e *Engine) island(ctx context.Context, name string, props any, idPrefix string, opts ...string) (island.Island, *rendered, error) {
	o, err := island.ParseOptions(opts...)
	if err != nil {
		return island.Island{}, nil, fmt.Errorf("component %s: %w", name, err)
	}
	g := e.current()
	if g == nil {
		return island.Island{}, nil, errClosed
	}
	defer g.release()
	return e.islandOn(ctx, g, o, name, props, idPrefix)
}

// islandOn is island on generation g, which the caller holds: a page
// pins one generation, so all its islands and its tags come from one build.
// idPrefix prefixes the component's useId values ("" for none).
func (e *Engine) islandOn(ctx context.Context, g *generation, o island.Options, name string, props any, idPrefix string) (island.Island, *rendered, error) {
	if _, ok := g.known[name]; !ok {
		return island.Island{}, nil, unknownComponent(name, g.names)
	}
	propsJSON, err := island.EncodeProps(props)
	if err != nil {
		return island.Island{}, nil, fmt.Errorf("component %s: %w", name, err)
	}
	is := island.Island{Component: name, Props: propsJSON, Options: o, Src: g.src[name], IDPrefix: idPrefix}
	if o.ClientOnly {
		return is, nil, nil
	}
	r, err := e.render(ctx, g, name, propsJSON, RenderOptions{CacheTTL: o.CacheTTL, NoCache: o.NoCache, IDPrefix: idPrefix})
	if err != nil {
		var re *RenderError
		if e.cfg.Strict || e.cfg.Dev || !errors.As(err, &re) {
			return island.Island{}, nil, err
		}
		e.log.Error("server render failed; island falls back to client rendering",
			"component", name, "reason", re.Reason, "err", re.Err, "stack", re.Stack)
		is.Options.ClientOnly = true
		is.Fallback = re.Reason
		if is.Options.Strategy == island.Static {
			is.Options.Strategy = island.Load
		}
		return is, nil, nil
	}
	is.HTML = r.html
	return is, r, nil
}

// Finish fills in what {{ ssrHead }} and {{ ssrScripts }} stand for in a
// page that was executed directly (not through ExecutePage), by scanning it
// for islands: stylesheets of every island, module
// preloads of islands that hydrate on load, and the island runtime unless
// every island is static. It returns page itself when there is nothing to
// fill in.
func (e *Engine) Finish(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page) + 2048) // the page plus the head and script tags
	if !e.finish(&out, page, "", nil, "") {
		return page
	}
	return out.Bytes()
}

// finish writes the finished page to w, in slices of page around the
// markers, without copying page, with nonce (may be "") on the scripts and
// in place of {{ cspNonce }}. It reports false, writing nothing, if the page
// needs no change.
//
// t and name (may be nil and "") name the page's template for the wiring
// checks (misconfig.go).
func (e *Engine) finish(w io.Writer, page []byte, nonce string, t *template.Template, name string) bool {
	replaced := bytes.Contains(page, []byte(nonceMarker))
	if replaced {
		page = replaceNonce(page, nonce)
	}
	if e.cfg.Strict && bytes.Contains(page, []byte(unfinishedNote)) {
		page = bytes.ReplaceAll(page, []byte(unfinishedNote), nil)
		replaced = true
	}
	head := bytes.Index(page, []byte(headMarker))
	scripts := bytes.LastIndex(page, []byte(scriptsMarker))
	if head < 0 && scripts < 0 && e.dev == nil {
		note := e.checkPage(t, name, island.Scan(page), false, false)
		if replaced || note != "" {
			w.Write(page)
			io.WriteString(w, note)
			return true
		}
		return false
	}
	e.wiring.finished.Add(1)
	from := 0
	if head >= 0 {
		from = head
	}
	found := island.Scan(page[from:])
	note := e.checkPage(t, name, found, head >= 0, scripts >= 0 && scripts > head)
	var headTags, scriptTags bytes.Buffer
	e.pageTags(e.gen.Load().build.Manifest, &headTags, &scriptTags, found, nonce)
	devTag := e.devTag(scripts >= 0 && scripts > head, &scriptTags, nonce)
	// Splice: page with the head marker (if any) and the last scripts
	// marker (if any, and after the head) replaced.
	type cut struct {
		at, n int
		with  []byte
	}
	var cuts []cut
	if head >= 0 {
		cuts = append(cuts, cut{head, len(headMarker), headTags.Bytes()})
	}
	if scripts >= 0 && scripts > head {
		cuts = append(cuts, cut{scripts, len(scriptsMarker), scriptTags.Bytes()})
	}
	prev := 0
	for _, c := range cuts {
		w.Write(page[prev:c.at])
		w.Write(c.with)
		prev = c.at + c.n
	}
	w.Write(page[prev:])
	io.WriteString(w, note)
	w.Write(devTag)
	return true
}

var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Execute runs template name of t with data, finishes the page and writes
// it to w only if everything succeeded, so a failing template never sends
// half a page. It is ExecuteContext with no request context; see
// ExecutePage for the fast path it takes.
func (e *Engine) Execute(w io.Writer, t *template.Template, name string, data any) error {
	return e.ExecuteContext(context.Background(), w, t, name, data)
}

// WriteFinished writes the finished form of page (see Finish) to w without
// copying it first.
func (e *Engine) WriteFinished(w io.Writer, page []byte) error {
	ew := &errWriter{w: w}
	if !e.finish(ew, page, "", nil, "") {
		ew.Write(page)
	}
	return ew.err
}

// errWriter keeps the first write error so a sequence of writes can be
// checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
