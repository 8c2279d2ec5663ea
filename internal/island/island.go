// Package island writes the markup of one island (a server-rendered component
// that the browser may hydrate) and holds the source of the browser runtime
// that finds islands on a page and hydrates them.
//
// The markup is the contract between the server and runtime.js: keep
// Markup, Scan and js/runtime.js in step (island_test.go checks both sides).
package island

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"
)

// Source holds the browser-side island runtime (js/runtime.js). The bundler
// builds it as one more client entry point, so it is minified and hashed like
// every other asset.
//
//go:embed js/runtime.js js/island.css
var Source embed.FS

// RuntimePath is the path of the runtime inside Source.
const RuntimePath = "js/runtime.js"

// StylesheetPath is the path, inside Source, of the island stylesheet: the
// rule that gives the wrapper display:contents. It is a linked file rather
// than a style attribute or an inline <style>, so pages need no
// 'unsafe-inline' style source under a Content-Security-Policy, and layout
// does not wait for JavaScript.
const StylesheetPath = "js/island.css"

// Strategy says when the browser hydrates an island.
type Strategy string

// The hydration strategies accepted by the {{ component }} options.
const (
	Load    Strategy = "load"    // hydrate as soon as the runtime runs (default)
	Idle    Strategy = "idle"    // hydrate when the browser is idle
	Visible Strategy = "visible" // hydrate when the island scrolls into view
	Media   Strategy = "media"   // hydrate when a media query matches
	Static  Strategy = "static"  // server HTML only; no JS is shipped for it
)

// Options are the parsed island options of one {{ component }} call.
type Options struct {
	Strategy Strategy
	// Media is the media query of the "media" strategy.
	Media string
	// ClientOnly skips the server render: the browser renders the component
	// (client:only). Also set when a server render failed and the island
	// falls back to the browser.
	ClientOnly bool
	// CacheTTL overrides the engine's render-cache TTL for this island.
	// Zero means the engine default; NoCache turns caching off.
	CacheTTL time.Duration
	NoCache  bool
}

// ErrBadOption reports an option string that ParseOptions does not know.
var ErrBadOption = errors.New("unknown island option")

// ParseOptions reads the option strings of a {{ component }} call:
// "client:load", "client:idle", "client:visible", "client:media=QUERY",
// "client:only", "static", "cache=DURATION" and "cache=off".
func ParseOptions(opts ...string) (Options, error) {
	o := Options{Strategy: Load}
	strategies := 0
	for _, raw := range opts {
		opt := strings.TrimSpace(raw)
		switch {
		case opt == "client:load":
			o.Strategy = Load
			strategies++
		case opt == "client:idle":
			o.Strategy = Idle
			strategies++
		case opt == "client:visible":
			o.Strategy = Visible
			strategies++
		case strings.HasPrefix(opt, "client:media="):
			o.Strategy = Media
			o.Media = strings.TrimSpace(strings.TrimPrefix(opt, "client:media="))
			if o.Media == "" {
				return o, fmt.Errorf("%w %q: client:media needs a query, e.g. \"client:media=(max-width: 600px)\"", ErrBadOption, raw)
			}
			strategies++
		case opt == "client:only":
			o.Strategy = Load
			o.ClientOnly = true
			strategies++
		case opt == "static":
			o.Strategy = Static
			strategies++
		case opt == "cache=off":
			o.NoCache = true
		case strings.HasPrefix(opt, "cache="):
			d, err := time.ParseDuration(strings.TrimPrefix(opt, "cache="))
			if err != nil || d <= 0 {
				return o, fmt.Errorf("%w %q: cache takes a positive duration such as \"cache=5m\", or \"cache=off\"", ErrBadOption, raw)
			}
			o.CacheTTL = d
		default:
			return o, fmt.Errorf("%w %q: use client:load, client:idle, client:visible, client:media=QUERY, client:only, static, cache=DURATION or cache=off", ErrBadOption, raw)
		}
	}
	if strategies > 1 {
		return o, fmt.Errorf("%w: more than one hydration strategy in %q; give at most one", ErrBadOption, opts)
	}
	return o, nil
}

// EncodeProps serializes props as JSON that is safe inside a <script> element:
// json.Marshal's bytes (written by marshalProps, mostly without reflection),
// which escape <, >, & and U+2028/U+2029 as \u sequences, so no prop value
// can close the element or start a comment. Map keys are sorted, which
// also makes the encoding canonical for cache keys. nil becomes {}. A
// json.RawMessage is validated and escaped without decoding, keeping its key
// order; a []byte is an error (pass json.RawMessage for JSON bytes).
func EncodeProps(props any) ([]byte, error) {
	if props == nil {
		return []byte("{}"), nil
	}
	switch p := props.(type) {
	case json.RawMessage:
		return encodeRaw(p)
	case []byte:
		// json.Marshal would make a base64 string of it, which is never
		// what a caller holding JSON bytes meant.
		return nil, errors.New("props are a []byte, which encodes to a base64 string; pass json.RawMessage(b) for JSON bytes, or a map or struct")
	}
	b, err := marshalProps(props)
	if err != nil {
		return nil, fmt.Errorf("props are not JSON-serializable: %w", err)
	}
	if b[0] != '{' {
		return nil, fmt.Errorf("props must encode to a JSON object, got %s; wrap the value, e.g. (props \"items\" .)", shorten(b))
	}
	return b, nil
}

// encodeRaw validates and escapes props that are already JSON without
// decoding them, so the author's key order survives: a component that
// iterates an object must see it in the same order as in Node.
func encodeRaw(raw []byte) ([]byte, error) {
	if !utf8.Valid(raw) {
		return nil, errors.New("props are not valid UTF-8 JSON")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, fmt.Errorf("props are not valid JSON: %w", err)
	}
	if compact.Len() == 0 || compact.Bytes()[0] != '{' {
		return nil, fmt.Errorf("props must be a JSON object, got %s", shorten(compact.Bytes()))
	}
	var out bytes.Buffer
	json.HTMLEscape(&out, compact.Bytes())
	return out.Bytes(), nil
}

func shorten(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// Island is everything Markup needs to write one island.
type Island struct {
	Component string // component name, e.g. "shop/Cart"
	Src       string // URL of the component's client entry; empty for static islands
	Props     []byte // from EncodeProps
	HTML      string // server-rendered HTML; empty for client-only islands
	Options   Options
	// Fallback names why a server render was skipped ("error", "timeout",
	// "busy"); it is written as data-fallback for debugging in the browser.
	Fallback string
	// IDPrefix is the prefix of the component's useId values, which the
	// server render used; written as data-id-prefix so that the browser
	// hydrates with the same one. Empty: the framework's default.
	IDPrefix string
}

// Tag is the custom element that wraps an island. The island stylesheet
// (StylesheetPath) gives it display:contents so it does not affect layout;
// React and Vue hydrate its children.
const Tag = "ssr-island"

// Writer is what Markup writes to: *bytes.Buffer and *strings.Builder.
type Writer interface {
	Write(p []byte) (int, error)
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// Size is an upper bound of the bytes Markup writes for is (before HTML
// escaping of attribute values, which is rare), for sizing buffers.
func Size(is Island) int {
	return 208 + len(is.IDPrefix) + len(is.Component) + len(is.Src) + len(is.Options.Media) + len(is.Fallback) + len(is.HTML) + len(is.Props)
}

// Markup writes the island: the wrapper element around the server HTML, then
// (unless static) a JSON props script right after it. The props script is
// a sibling, not a child, so the wrapper's children are exactly what the
// framework rendered and hydration sees no extra nodes.
func Markup(buf Writer, is Island) {
	o := is.Options
	buf.WriteString("<" + Tag + ` data-component="`)
	buf.WriteString(escape(is.Component))
	buf.WriteString(`" data-strategy="`)
	buf.WriteString(string(o.Strategy))
	buf.WriteByte('"')
	if o.Strategy == Media {
		buf.WriteString(` data-media="`)
		buf.WriteString(html.EscapeString(o.Media))
		buf.WriteByte('"')
	}
	if o.Strategy != Static {
		buf.WriteString(` data-src="`)
		buf.WriteString(escape(is.Src))
		buf.WriteByte('"')
		if is.IDPrefix != "" {
			buf.WriteString(` data-id-prefix="`)
			buf.WriteString(escape(is.IDPrefix))
			buf.WriteByte('"')
		}
		if o.ClientOnly {
			buf.WriteString(` data-render="client"`)
		}
	}
	if is.Fallback != "" {
		buf.WriteString(` data-fallback="`)
		buf.WriteString(escape(is.Fallback))
		buf.WriteByte('"')
	}
	buf.WriteByte('>')
	buf.WriteString(is.HTML)
	buf.WriteString("</" + Tag + ">")
	if o.Strategy != Static {
		buf.WriteString(`<script type="application/json" data-island-props>`)
		buf.Write(is.Props)
		buf.WriteString(`</script>`)
	}
}

// escape is html.EscapeString without its allocation for the common case
// of nothing to escape.
func escape(s string) string {
	if !strings.ContainsAny(s, `<>&'"`) {
		return s
	}
	return html.EscapeString(s)
}

// Found is one island that Scan saw in a finished page.
type Found struct {
	Component string
	Strategy  Strategy
}

// Scan lists the islands in a finished page, in order, by reading the
// wrapper tags that Markup wrote. Page text cannot forge a wrapper: template
// autoescaping and the renderers both escape "<" in text.
func Scan(page []byte) []Found {
	var out []Found
	open := []byte("<" + Tag + " ")
	for {
		i := bytes.Index(page, open)
		if i < 0 {
			return out
		}
		page = page[i+len(open)-1:] // keep the space: attr looks for ` name="`
		end := bytes.IndexByte(page, '>')
		if end < 0 {
			return out
		}
		attrs := page[:end]
		out = append(out, Found{
			Component: html.UnescapeString(attr(attrs, "data-component")),
			Strategy:  Strategy(attr(attrs, "data-strategy")),
		})
		page = page[end:]
	}
}

func attr(attrs []byte, name string) string {
	key := []byte(" " + name + `="`)
	i := bytes.Index(attrs, key)
	if i < 0 {
		return ""
	}
	v := attrs[i+len(key):]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		return string(v[:j])
	}
	return ""
}
