package ssr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"

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
//
// Options: "client:load" (default), "client:idle", "client:visible",
// "client:media=QUERY", "client:only", "static", "cache=DURATION", "cache=off".
//
// Pages that use them must pass through Finish (Execute, the Gin HTMLRender
// and the standalone server do this).
func (e *Engine) FuncMap() template.FuncMap {
	return template.FuncMap{
		"component":  e.component,
		"props":      Props,
		"ssrHead":    func() template.HTML { return headMarker },
		"ssrScripts": func() template.HTML { return scriptsMarker },
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
	var buf bytes.Buffer
	if err := e.Island(context.Background(), &buf, name, props, opts...); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Island writes the island markup for one component: its server HTML in a
// wrapper that the browser runtime hydrates, and its props. A render that
// fails or times out is logged and the island falls back to client-only
// rendering, unless Config.Strict is set, when the error is returned.
// Unknown components and bad options or props are always errors.
func (e *Engine) Island(ctx context.Context, w *bytes.Buffer, name string, props any, opts ...string) error {
	o, err := island.ParseOptions(opts...)
	if err != nil {
		return fmt.Errorf("component %s: %w", name, err)
	}
	if _, ok := e.known[name]; !ok {
		return unknownComponent(name, e.names)
	}
	propsJSON, err := island.EncodeProps(props)
	if err != nil {
		return fmt.Errorf("component %s: %w", name, err)
	}
	is := island.Island{Component: name, Props: propsJSON, Options: o, Src: e.cfg.PublicPath + e.build.Manifest.Components[name].JS}
	if !o.ClientOnly {
		html, err := e.render(ctx, name, propsJSON, RenderOptions{CacheTTL: o.CacheTTL, NoCache: o.NoCache})
		if err != nil {
			var re *RenderError
			if e.cfg.Strict || !errors.As(err, &re) {
				return err
			}
			e.log.Error("server render failed; island falls back to client rendering",
				"component", name, "reason", re.Reason, "err", re.Err, "stack", re.Stack)
			is.Options.ClientOnly = true
			is.Fallback = re.Reason
			if is.Options.Strategy == island.Static {
				is.Options.Strategy = island.Load
			}
		}
		is.HTML = html
	}
	island.Markup(w, is)
	return nil
}

// Finish fills in what {{ ssrHead }} and {{ ssrScripts }} stand for, now
// that the page's islands are known: stylesheets of every island, module
// preloads of islands that hydrate on load, and the island runtime unless
// every island is static.
func (e *Engine) Finish(page []byte) []byte {
	hasHead := bytes.Contains(page, []byte(headMarker))
	hasScripts := bytes.Contains(page, []byte(scriptsMarker))
	if !hasHead && !hasScripts {
		return page
	}
	man := e.build.Manifest
	pub := e.cfg.PublicPath
	seenCSS, seenJS := map[string]bool{}, map[string]bool{}
	var css, preload []string
	needJS := false
	for _, f := range island.Scan(page) {
		entry, ok := man.Components[f.Component]
		if !ok {
			continue
		}
		for _, c := range entry.CSS {
			if !seenCSS[c] {
				seenCSS[c] = true
				css = append(css, c)
			}
		}
		if f.Strategy == island.Static {
			continue
		}
		needJS = true
		if f.Strategy == island.Load {
			for _, j := range append([]string{entry.JS}, entry.Imports...) {
				if !seenJS[j] {
					seenJS[j] = true
					preload = append(preload, j)
				}
			}
		}
	}
	sort.Strings(preload)
	var head, scripts bytes.Buffer
	for _, c := range css {
		fmt.Fprintf(&head, `<link rel="stylesheet" href="%s%s">`, pub, c)
	}
	if needJS {
		fmt.Fprintf(&head, `<link rel="modulepreload" href="%s%s">`, pub, man.Runtime)
		for _, j := range preload {
			fmt.Fprintf(&head, `<link rel="modulepreload" href="%s%s">`, pub, j)
		}
		fmt.Fprintf(&scripts, `<script type="module" src="%s%s"></script>`, pub, man.Runtime)
	}
	page = bytes.Replace(page, []byte(headMarker), head.Bytes(), 1)
	return bytes.Replace(page, []byte(scriptsMarker), scripts.Bytes(), 1)
}

// Execute runs template name of t with data into a buffer, finishes the page
// and writes it to w only if everything succeeded, so a failing template
// never sends half a page.
func (e *Engine) Execute(w io.Writer, t *template.Template, name string, data any) error {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	_, err := w.Write(e.Finish(buf.Bytes()))
	return err
}
