package difftest

import (
	"fmt"
	"math/rand/v2"
)

// Spec is one fuzz case: {"root": node, "prefix": identifierPrefix}, in the
// format js/interp.js reads. Maps marshal with sorted keys, so a spec's JSON
// is a pure function of its seed; where order matters (props, style keys)
// the spec uses lists of [name, value] pairs.
type Spec = map[string]any

// Gen draws random specs. One Gen per case: NewCase seeds it from the case's
// seed, so any case can be re-created alone from its seed.
type Gen struct {
	r      *rand.Rand
	t      Tables
	budget int // nodes still allowed in this case
}

const maxDepth = 6

// NewCase returns the spec for seed.
func NewCase(t Tables, seed uint64) Spec {
	g := &Gen{r: rand.New(rand.NewPCG(seed, 0x5eed)), t: t, budget: 10 + rand.New(rand.NewPCG(seed, 1)).IntN(70)}
	s := Spec{"root": g.node(0, ctxHTML)}
	if g.chance(25) {
		s["prefix"] = pick(g, []string{"", "app-", "r", "x:", "«p»"})
	}
	return s
}

type nodeCtx int

const (
	ctxHTML nodeCtx = iota
	ctxSVG
	ctxMath
	ctxSelect // children of <select> or <optgroup>
)

func (g *Gen) chance(pct int) bool { return g.r.IntN(100) < pct }

func pick[T any](g *Gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted returns an index into weights, drawn in proportion to them.
func (g *Gen) weighted(weights ...int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := g.r.IntN(sum)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// node draws a node for a children position in ctx.
func (g *Gen) node(depth int, ctx nodeCtx) any {
	g.budget--
	if ctx == ctxSelect {
		return g.selectChild(depth)
	}
	if g.budget <= 0 || depth >= maxDepth {
		return g.leaf()
	}
	leafW := 20
	if depth < 2 {
		leafW = 3
	}
	switch g.weighted(leafW, 35, 10, 8, 22, 3) {
	case 0:
		return g.leaf()
	case 1:
		return g.element(depth, ctx)
	case 2:
		return g.array(depth, ctx)
	case 3:
		f := map[string]any{"fr": g.children(depth+1, ctx)}
		if g.chance(30) {
			f["k"] = g.key()
		}
		return f
	case 4:
		return g.component(depth, ctx)
	default:
		return g.otherChild(depth, ctx)
	}
}

// otherChild draws the children React takes besides elements, text and
// arrays: iterables, fulfilled thenables, lazy nodes, a context object.
func (g *Gen) otherChild(depth int, ctx nodeCtx) any {
	items := func() []any {
		n := g.r.IntN(4)
		out := make([]any, n)
		for i := range out {
			out[i] = g.node(depth+1, ctx)
		}
		return out
	}
	switch g.r.IntN(5) {
	case 0:
		return map[string]any{"$": "iter", "of": items()}
	case 1:
		return map[string]any{"$": "set", "of": items()}
	case 2:
		return map[string]any{"$": "thenable", "of": g.node(depth+1, ctx)}
	case 3:
		return map[string]any{"$": "lazynode", "of": g.node(depth+1, ctx)}
	default:
		// Context 2 holds objects, which React refuses as a child.
		return map[string]any{"$": "ctxnode", "n": pick(g, []int{0, 0, 1, 1, 2})}
	}
}

// children draws the value of a children prop: one node or an array.
func (g *Gen) children(depth int, ctx nodeCtx) any {
	if g.chance(45) {
		return g.node(depth, ctx)
	}
	return g.array(depth, ctx)
}

func (g *Gen) array(depth int, ctx nodeCtx) any {
	n := 1 + g.r.IntN(4)
	switch {
	case g.chance(8):
		n = 0
	case depth < 3 && g.chance(4):
		return g.wide(depth, ctx)
	case depth < 3 && g.chance(3):
		return g.deep(8 + g.r.IntN(10))
	}
	out := make([]any, n)
	keyed := g.chance(60)
	for i := range out {
		c := g.node(depth+1, ctx)
		if m, ok := c.(map[string]any); ok && keyed && m["$"] == nil {
			m["k"] = g.key()
		}
		out[i] = c
	}
	return out
}

// wide draws an array of 30 to 70 small items with useId in them: past 32
// siblings, useId's tree position needs more than one base-32 digit.
func (g *Gen) wide(depth int, ctx nodeCtx) any {
	n := 30 + g.r.IntN(41)
	out := make([]any, n)
	for i := range out {
		var c map[string]any
		switch {
		case ctx == ctxHTML && g.chance(30):
			c = map[string]any{"e": "li", "c": map[string]any{"x": "Id", "show": 1}}
		case g.chance(20):
			c = map[string]any{"x": "Bare", "v": i}
		default:
			c = map[string]any{"x": "Id", "show": 1}
		}
		c["k"] = i
		out[i] = c
	}
	g.budget -= 10
	return out
}

// deep draws arrays nested levels deep with a few siblings at each level
// and useId at the bottom: every array child forks useId's tree position,
// so past about 30 bits of position the id moves digits into its overflow
// part.
func (g *Gen) deep(levels int) any {
	var n any = map[string]any{"x": "Id", "show": 1, "n": 1 + g.r.IntN(2)}
	for range levels {
		width := 2 + g.r.IntN(6)
		at := g.r.IntN(width)
		level := make([]any, width)
		for i := range level {
			switch {
			case i == at:
				level[i] = n
			case g.chance(30):
				level[i] = map[string]any{"x": "Id", "show": 1}
			default:
				level[i] = pick(g, []any{"t", 1, nil})
			}
		}
		n = level
		if g.chance(30) {
			n = map[string]any{"x": pick(g, []string{"MemoC", "Fwd", "Strict"}), "c": n}
		}
	}
	g.budget -= 10
	return n
}

func (g *Gen) key() any {
	if g.chance(20) {
		return g.r.IntN(5)
	}
	return pick(g, []string{"a", "b", "c", "k1", "k:2", "ü"})
}

var texts = []string{
	"", "x", "hello", "hello world", " spaced ", "a&b", "<b>not bold</b>", `"quoted" & 'single'`,
	"über ñ 中文", "😀 𝒜 astral", "\nleading newline", "\n", "trailing\n", "tab\there", "-->", "<!-- -->",
	"</script>", "</textarea>", "javascript:alert(1)", "0", "true", "null", "\u00a0nbsp", "\u2028sep", "&amp;",
	"a  b", "ZWJ👨‍👩‍👧", "\x00nul", "cr\r\nlf", "\ufeffbom", "back`tick=eq", "\u0085nel", "&#x41;",
}

// leaf draws a text-like child: strings, numbers and the values React
// renders as nothing.
func (g *Gen) leaf() any {
	switch g.weighted(50, 20, 15, 5) {
	case 0:
		return pick(g, texts)
	case 1:
		return g.number()
	case 2:
		return pick(g, []any{true, false, nil, sp("undef")})
	default:
		return pick(g, []any{sp("big", "n", "12345678901234567890"), sp("-0"), sp("nan"), sp("inf")})
	}
}

func (g *Gen) number() any {
	switch g.r.IntN(4) {
	case 0:
		return pick(g, []any{0, 1, 2, -1, 42, 100, 1234567})
	case 1:
		return pick(g, []any{1.5, -0.25, 0.1, 1e-7, 3.14159, 1e21, 123456789012345680000.0, 2.5e-10})
	case 2:
		return pick(g, []any{sp("nan"), sp("inf"), sp("-inf"), sp("-0")})
	default:
		return g.r.IntN(1000) - 100
	}
}

// sp builds a special value spec {"$": name, ...}.
func sp(name string, kv ...string) map[string]any {
	m := map[string]any{"$": name}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// value draws any prop value.
func (g *Gen) value(depth int) any {
	switch g.weighted(40, 20, 10, 10, 8, 6, 6) {
	case 0:
		return pick(g, texts)
	case 1:
		return g.number()
	case 2:
		return pick(g, []any{true, false})
	case 3:
		return pick(g, []any{nil, sp("undef")})
	case 4:
		return pick(g, []any{sp("fn"), sp("sym"), sp("big", "n", "42")})
	case 5:
		if depth > 1 {
			return "deep"
		}
		// No functions in arrays: an array prop is stringified, and a
		// function's source text differs between the two bundles.
		n := g.r.IntN(3)
		a := make([]any, n)
		for i := range a {
			if a[i] = g.value(depth + 1); isFn(a[i]) {
				a[i] = "f"
			}
		}
		return a
	default:
		return pick(g, []any{
			map[string]any{"$": "obj", "v": []any{}}, map[string]any{"$": "obj", "v": []any{[]any{"a", 1}}},
			sp("str", "s", "to<String>&"), sp("str", "s", ""),
			map[string]any{"$": "vo", "n": 42}, sp("prim"),
		})
	}
}

var (
	genericTags = []string{"div", "span", "p", "a", "ul", "ol", "li", "b", "i", "em", "strong", "section", "article",
		"button", "label", "form", "h1", "h2", "table", "tbody", "tr", "td", "th", "pre", "listing", "header", "nav",
		"small", "code", "blockquote", "details", "summary", "dialog", "video", "audio", "iframe", "object", "fieldset",
		"legend", "picture", "figure", "main", "footer", "noscript", "template"}
	voidTags   = []string{"br", "hr", "img", "meta", "link", "area", "col", "embed", "source", "track", "wbr", "base", "param", "keygen"}
	customTags = []string{"my-element", "x-foo", "fuzz-widget", "a-b-c"}
	svgTags    = []string{"g", "path", "circle", "rect", "text", "tspan", "defs", "linearGradient", "stop", "use",
		"clipPath", "mask", "symbol", "polyline", "image", "title"}
	mathTags   = []string{"mi", "mo", "mn", "mrow", "msup", "mfrac", "mtext", "semantics"}
	commonAttr = []string{"id", "title", "name", "type", "lang", "alt", "placeholder", "aria-label", "data-x",
		"rel", "target", "class", "for", "charSet", "fill", "stroke", "d", "cx", "r", "x", "y", "transform", "is"}
	eventAttr   = []string{"onClick", "onclick", "onMouseDown", "onChange", "on", "one", "onx", "ON", "oN-x"}
	unknownAttr = []string{"fooBar", "foobar", "a b", "x>y", "1abc", "z\"q", "_under", "colon:name", "ünï", "x.y",
		"autoCapitalize", "enterKeyHint", "popover", "inputMode", "nonce", "fetchPriority", "CLASSNAME"}
	cssNames = []string{"width", "height", "marginTop", "backgroundColor", "display", "fontSize", "paddingLeft", "float",
		"content", "borderTopLeftRadius", "transform", "gridTemplateColumns", "zIndex", "opacity"}
	cssVendor = []string{"WebkitTransition", "msTransform", "MozOsxFontSmoothing", "OTransform", "webkitAppearance",
		"MsFlex", "ms-box"}
	cssCustom = []string{"--main-color", "--x", "--Camel-Case", "--a&b"}
)

// metadata draws the elements React hoists or preloads: <title>, <meta>,
// <link> (stylesheets with precedence, preloads, icons), <script async>,
// <style href precedence>, <img> with the props that decide its preload.
func (g *Gen) metadata() any {
	opt := func(props []any, pct int, name string, vals ...any) []any {
		if g.chance(pct) {
			props = append(props, []any{name, pick(g, vals)})
		}
		return props
	}
	var props []any
	el := map[string]any{}
	switch g.r.IntN(8) {
	case 6:
		// A head's worth: charset and viewport metas go first, in that
		// order, whatever order the tree has them in.
		n := 2 + g.r.IntN(5)
		items := make([]any, n)
		for i := range items {
			switch g.r.IntN(4) {
			case 0:
				items[i] = map[string]any{"e": "meta", "p": []any{[]any{"charSet", "utf-8"}}}
			case 1:
				items[i] = map[string]any{"e": "meta", "p": []any{[]any{"name", "viewport"}, []any{"content", "width=device-width"}}}
			case 2:
				items[i] = map[string]any{"e": "title", "c": "T"}
			default:
				items[i] = pick(g, []any{"text", map[string]any{"e": "link", "p": []any{[]any{"rel", "icon"}, []any{"href", "/f.ico"}}}})
			}
		}
		return items
	case 0:
		el["e"] = "title"
		el["c"] = pick(g, []any{"Title", "a & <b>", 42, []any{"two ", "parts"}, "", []any{"x", 1}})
		props = opt(props, 20, "itemProp", "name")
	case 1:
		el["e"] = "meta"
		props = opt(props, 50, "name", "description", "viewport", "")
		props = opt(props, 30, "property", "og:title")
		props = opt(props, 20, "charSet", "utf-8")
		props = opt(props, 20, "httpEquiv", "refresh")
		props = opt(props, 80, "content", "a&b", "width=device-width", "", 1)
		props = opt(props, 15, "itemProp", "x")
	case 2:
		el["e"] = "link"
		props = opt(props, 95, "rel", "stylesheet", "icon", "preload", "modulepreload", "preconnect", "dns-prefetch", "canonical", "alternate", "")
		props = opt(props, 90, "href", "/a.css", "", "x&y.css", "https://e.example/f.woff2")
		props = opt(props, 35, "precedence", "default", "high", "")
		props = opt(props, 30, "as", "style", "script", "font", "image", "fetch")
		props = opt(props, 15, "crossOrigin", "", "anonymous", "use-credentials")
		props = opt(props, 15, "media", "(max-width: 600px)")
		props = opt(props, 10, "onLoad", sp("fn"))
		props = opt(props, 10, "disabled", true)
		props = opt(props, 10, "itemProp", "x")
		props = opt(props, 10, "type", "font/woff2")
		props = opt(props, 10, "imageSrcSet", "a.png 1x, b.png 2x")
		props = opt(props, 10, "fetchPriority", "high", "low")
	case 3:
		el["e"] = "script"
		props = opt(props, 50, "async", true, false)
		props = opt(props, 60, "src", "/a.js", "", "x&y.js")
		props = opt(props, 20, "type", "module", "text/plain")
		props = opt(props, 10, "onLoad", sp("fn"))
		props = opt(props, 10, "crossOrigin", "anonymous")
		if g.chance(40) {
			el["c"] = pick(g, []any{"var a = 1 < 2;", "</script>", ""})
		}
	case 4:
		el["e"] = "style"
		props = opt(props, 50, "href", "s1", "s2", "")
		props = opt(props, 50, "precedence", "default", "high")
		props = opt(props, 15, "media", "print")
		el["c"] = pick(g, []any{"a{color:red}", "p > b { x: '<&>' }", "", []any{"a{}", "b{}"}})
	case 5:
		// Many images: past ten, React's preloads go to its bulk list,
		// and a later high-priority duplicate promotes one.
		n := 8 + g.r.IntN(17)
		imgs := make([]any, n)
		for i := range imgs {
			src := fmt.Sprintf("/i%d.png", i)
			if i > 10 && g.chance(40) {
				src = fmt.Sprintf("/i%d.png", g.r.IntN(i)) // a repeat, maybe a promoted one
			}
			p := []any{[]any{"src", src}}
			p = opt(p, 20, "fetchPriority", "high", "low")
			p = opt(p, 10, "loading", "lazy")
			imgs[i] = map[string]any{"e": "img", "p": p, "k": i}
		}
		if g.chance(30) {
			return map[string]any{"e": pick(g, []string{"picture", "noscript", "div"}), "c": imgs}
		}
		return imgs
	default:
		el["e"] = "img"
		props = opt(props, 90, "src", "/a.png", "", "x&y.png", "data:image/png;base64,AAAA")
		props = opt(props, 10, "integrity", "sha256-x")
		props = opt(props, 10, "type", "image/webp")
		props = opt(props, 30, "srcSet", "a.png 1x, b.png 2x", "")
		props = opt(props, 20, "sizes", "100vw")
		props = opt(props, 30, "loading", "lazy", "eager")
		props = opt(props, 30, "fetchPriority", "high", "low", "auto")
		props = opt(props, 15, "decoding", "async")
		props = opt(props, 10, "crossOrigin", "anonymous")
		props = opt(props, 10, "referrerPolicy", "no-referrer")
		props = opt(props, 20, "width", 10)
		props = opt(props, 20, "alt", "i")
	}
	if len(props) > 0 {
		el["p"] = dedupe(props)
	}
	return el
}

// form draws a <form> whose action, and its buttons' and inputs'
// formAction, are functions (React writes a javascript: URL that throws,
// and once per render its form replay script) or strings.
func (g *Gen) form(depth int) any {
	action := func() any { return pick(g, []any{sp("fn"), sp("fn"), "/submit", "", nil}) }
	var props []any
	if a := action(); a != nil {
		props = append(props, []any{"action", a})
	}
	if g.chance(30) {
		props = append(props, []any{"method", pick(g, []string{"post", "get", "dialog"})})
	}
	if g.chance(20) {
		props = append(props, []any{"encType", "multipart/form-data"}, []any{"target", "_self"})
	}
	n := 1 + g.r.IntN(4)
	kids := make([]any, n)
	for i := range kids {
		var p []any
		if a := action(); a != nil && g.chance(70) {
			p = append(p, []any{"formAction", a})
		}
		if g.chance(40) {
			p = append(p, []any{"name", pick(g, []string{"b", "a&b", ""})}, []any{"value", pick(g, []any{"v", 1, ""})})
		}
		if g.chance(20) {
			p = append(p, []any{pick(g, []string{"formMethod", "formEncType", "formTarget"}), "x"})
		}
		switch g.r.IntN(4) {
		case 0:
			kids[i] = map[string]any{"e": "button", "p": p, "c": "go"}
		case 1:
			kids[i] = map[string]any{"e": "input", "p": append([]any{[]any{"type", pick(g, []string{"submit", "image", "text"})}}, p...)}
		case 2:
			kids[i] = map[string]any{"e": "input", "p": []any{[]any{"name", "q"}}}
		default:
			kids[i] = g.node(depth+1, ctxHTML)
		}
	}
	el := map[string]any{"e": "form", "c": kids}
	if len(props) > 0 {
		el["p"] = props
	}
	if g.chance(20) {
		return []any{el, map[string]any{"e": "form", "p": []any{[]any{"action", sp("fn")}}, "c": "second"}}
	}
	return el
}

// edgeValues sit on the boundaries of React's attribute rules: truthy
// non-booleans, numbers around 1 (cols/rows/size/span need at least 1),
// NaN (rowSpan/start drop it), the strings "true"/"false" and "".
var edgeValues = []any{true, false, "", 0, 1, "1", 0.5, 2, -1, sp("nan"), "0", "true", "false", "x", sp("-0"), sp("inf"), "  ", []any{}}

// element draws a host element for ctx.
func (g *Gen) element(depth int, ctx nodeCtx) any {
	switch ctx {
	case ctxSVG:
		if g.chance(8) {
			return g.host("foreignObject", depth, ctxHTML, true)
		}
		return g.host(pick(g, svgTags), depth, ctxSVG, true)
	case ctxMath:
		return g.host(pick(g, mathTags), depth, ctxMath, true)
	}
	switch g.weighted(55, 10, 5, 4, 6, 5, 6, 3, 4, 1, 1, 1, 5, 3) {
	case 0:
		return g.host(pick(g, genericTags), depth, ctxHTML, true)
	case 1:
		return g.host(pick(g, voidTags), depth, ctxHTML, false)
	case 2:
		return g.host("svg", depth, ctxSVG, true)
	case 3:
		return g.host("math", depth, ctxMath, true)
	case 4:
		return g.host(pick(g, customTags), depth, ctxHTML, true)
	case 5:
		return g.selectEl(depth)
	case 6:
		return g.input()
	case 7:
		return g.textarea()
	case 8:
		return g.option(false)
	case 10:
		return g.host(pick(g, []string{"html", "head", "body"}), depth, ctxHTML, true)
	case 12:
		return g.metadata()
	case 13:
		return g.form(depth)
	case 11:
		el := map[string]any{"e": "img", "p": []any{[]any{"src", pick(g, []string{"/a.png", "", "x&y.png"})}, []any{"alt", "i"}}}
		if g.chance(50) {
			el["p"] = append(el["p"].([]any), []any{pick(g, []string{"loading", "fetchPriority", "srcSet"}), pick(g, []string{"lazy", "high", "a.png 1x"})})
		}
		return el
	default:
		// elements with rules of their own: hoisted metadata, raw text
		tag := pick(g, []string{"title", "style", "script", "noscript", "meta", "link"})
		el := map[string]any{"e": tag}
		switch tag {
		case "title", "style", "script", "noscript":
			el["c"] = pick(g, texts)
		case "meta":
			el["p"] = []any{[]any{"name", "description"}, []any{"content", pick(g, texts)}}
		case "link":
			el["p"] = []any{[]any{"rel", pick(g, []string{"icon", "preload", "stylesheet"})}, []any{"href", "/x.css"}}
			if g.chance(50) {
				el["p"] = append(el["p"].([]any), []any{"precedence", "default"})
			}
		}
		return el
	}
}

func (g *Gen) host(tag string, depth int, childCtx nodeCtx, children bool) any {
	el := map[string]any{"e": tag}
	props, inner := g.props(tag, children)
	if len(props) > 0 {
		el["p"] = props
	}
	if children && !inner && g.chance(90) {
		el["c"] = g.children(depth+1, childCtx)
		if (tag == "pre" || tag == "listing") && g.chance(50) {
			el["c"] = pick(g, []any{"\nnewline first", "\n", "\n\ntwo", []any{"\nin array", "x"}})
		}
	}
	return el
}

// props draws a host element's props; inner reports dangerouslySetInnerHTML
// (then the element gets no children).
func (g *Gen) props(tag string, content bool) (props []any, inner bool) {
	n := g.weighted(15, 30, 25, 15, 10, 5)
	seen := map[string]bool{}
	for range n {
		var name string
		var val any
		switch g.weighted(30, 18, 14, 8, 8, 8, 9, 5) {
		case 0:
			name = pick(g, g.t.Cases)
		case 1:
			name = pick(g, g.t.Aliases)
		case 2:
			name = pick(g, commonAttr)
		case 3:
			name = pick(g, []string{"data-", "aria-"}) + pick(g, []string{"x", "hidden", "fooBar", "label", "Y"})
		case 4:
			name = pick(g, eventAttr)
		case 5:
			name = pick(g, unknownAttr)
		case 6:
			name, val = "style", g.style()
		default:
			name = "dangerouslySetInnerHTML"
			val = map[string]any{"$": "obj", "v": []any{[]any{"__html", pick(g, texts)}}}
		}
		switch name {
		case "children", "dangerouslySetInnerHTML":
			if name == "children" || inner || !content {
				continue
			}
		case "ref", "key":
			val = pick(g, []any{sp("fn"), nil})
		case "style":
			if val == nil {
				val = g.style()
			}
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		if val == nil && name != "ref" && name != "key" {
			val = g.value(0)
			if g.chance(40) {
				// The values at the edges of pushAttribute's rules.
				val = pick(g, edgeValues)
			}
		}
		if name == "dangerouslySetInnerHTML" {
			inner = true
		}
		props = append(props, []any{name, val})
	}
	return props, inner
}

func (g *Gen) style() any {
	if g.chance(5) {
		return pick(g, []any{nil, sp("undef")})
	}
	n := g.r.IntN(5)
	var entries []any
	for range n {
		var name string
		switch g.weighted(30, 40, 15, 15) {
		case 0:
			name = pick(g, g.t.Unitless)
		case 1:
			name = pick(g, cssNames)
		case 2:
			name = pick(g, cssCustom)
		default:
			name = pick(g, cssVendor)
		}
		var v any
		switch g.weighted(35, 35, 10, 10, 10, 3) {
		case 5:
			v = pick(g, []any{map[string]any{"$": "vo", "n": 7}, sp("prim"), []any{1, 2}})
		case 0:
			v = pick(g, []any{0, 1, 1.5, -2, 10, 0.5, 1e21, sp("-0"), sp("nan")})
		case 1:
			v = pick(g, []string{"red", " 10px ", `url("a&b.png")`, "1em", "0", "bold", "calc(1px + 2%)", "\"x\"<y>"})
		case 2:
			v = ""
		case 3:
			v = pick(g, []any{nil, sp("undef")})
		default:
			v = pick(g, []any{true, false})
		}
		entries = append(entries, []any{name, v})
	}
	return map[string]any{"$": "obj", "v": append([]any{}, entries...)}
}

// selectEl draws a <select> with value, defaultValue or multiple and
// option children.
func (g *Gen) selectEl(depth int) any {
	var props []any
	multiple := g.chance(35)
	if multiple {
		props = append(props, []any{"multiple", true})
	}
	optVal := func() any { return pick(g, []any{"a", "b", "c", 1, 2, "", "x&y", true, false, "true"}) }
	var v any = optVal()
	if multiple && g.chance(70) {
		v = []any{optVal(), optVal()}
		if g.chance(40) {
			v = []any{"a", "a", optVal()} // one option matched twice
		}
	}
	switch g.r.IntN(4) {
	case 0:
		props = append(props, []any{"value", v})
	case 1:
		props = append(props, []any{"defaultValue", v})
	case 2:
		props = append(props, []any{"value", v}, []any{"onChange", sp("fn")})
	}
	if g.chance(30) {
		props = append(props, []any{"name", "s"})
	}
	el := map[string]any{"e": "select"}
	if len(props) > 0 {
		el["p"] = props
	}
	el["c"] = g.array(depth+1, ctxSelect)
	return el
}

func (g *Gen) selectChild(depth int) any {
	switch g.weighted(70, 10, 10, 10) {
	case 0:
		return g.option(true)
	case 1:
		el := map[string]any{"e": "optgroup", "p": []any{[]any{"label", "G"}}}
		el["c"] = []any{g.option(true), g.option(true)}
		return el
	case 2:
		return map[string]any{"fr": []any{g.option(true), g.option(true)}}
	default:
		return map[string]any{"x": pick(g, []string{"MemoC", "Fwd", "State", "Id"}), "c": g.option(true)}
	}
}

func (g *Gen) option(inSelect bool) any {
	el := map[string]any{"e": "option"}
	var props []any
	if g.chance(60) {
		props = append(props, []any{"value", pick(g, []any{"a", "b", "c", 1, 2, "", "x&y", "true", "false", true})})
	}
	if g.chance(15) {
		props = append(props, []any{"selected", pick(g, []any{true, false})})
	}
	if g.chance(15) {
		props = append(props, []any{"disabled", true})
	}
	if len(props) > 0 {
		el["p"] = props
	}
	switch g.r.IntN(4) {
	case 0:
		el["c"] = pick(g, []any{"a", "b", "c", "x&y"})
	case 1:
		el["c"] = []any{pick(g, []any{"a", "b"}), pick(g, []any{1, "c", ""})}
	case 2:
		el["c"] = g.number()
	}
	_ = inSelect
	return el
}

func (g *Gen) input() any {
	var props []any
	props = append(props, []any{"type", pick(g, []any{"text", "checkbox", "radio", "hidden", "number", "submit", ""})})
	if g.chance(50) {
		props = append(props, []any{"name", pick(g, []string{"q", "a&b"})})
	}
	for _, p := range []string{"value", "defaultValue", "checked", "defaultChecked", "readOnly", "onChange", "disabled"} {
		if g.chance(25) {
			var v any
			switch p {
			case "checked", "defaultChecked", "readOnly", "disabled":
				v = pick(g, []any{true, false, "", "on", 0, 1})
			case "onChange":
				v = sp("fn")
			default:
				v = g.value(1)
			}
			props = append(props, []any{p, v})
		}
	}
	if g.chance(30) {
		p, _ := g.props("input", false)
		for _, kv := range p {
			if n := kv.([]any)[0]; n != "dangerouslySetInnerHTML" {
				props = append(props, kv)
			}
		}
	}
	return map[string]any{"e": "input", "p": dedupe(props)}
}

func (g *Gen) textarea() any {
	el := map[string]any{"e": "textarea"}
	var props []any
	switch g.r.IntN(4) {
	case 0:
		props = append(props, []any{"value", g.leafValue()})
	case 1:
		props = append(props, []any{"defaultValue", g.leafValue()})
	case 2:
		el["c"] = g.leafValue()
	}
	if g.chance(30) {
		props = append(props, []any{"rows", pick(g, []any{3, 0, "4", sp("nan")})})
	}
	if len(props) > 0 {
		el["p"] = props
	}
	return el
}

func (g *Gen) leafValue() any {
	if g.chance(30) {
		return g.number()
	}
	return pick(g, texts)
}

// component draws a component node wrapping children drawn for ctx.
func (g *Gen) component(depth int, ctx nodeCtx) any {
	kinds := []string{"State", "Reducer", "Memo", "Ref", "Id", "Id", "Id", "Ctx", "Use", "Sync", "Effects", "Transition",
		"ActionState", "Optimistic", "RenderSet", "Class", "Derived", "ContextClass", "MemoC", "MemoId", "Fwd",
		"MemoFwd", "Lazy", "Provider", "Provider", "Consumer", "Strict", "Profiler", "Suspense",
		"IdRerender", "UseThenable", "Bare", "Bare", "Defaults", "MemoCompare", "DispatchRender", "Legacy"}
	k := pick(g, kinds)
	if g.chance(1) {
		k = "Throw" // rare: one throw anywhere fails the whole render
	}
	c := map[string]any{"x": k}
	if g.chance(85) {
		c["c"] = g.children(depth+1, ctx)
	}
	switch k {
	case "UseThenable", "Bare", "Defaults", "Throw":
		if k != "Defaults" || g.chance(50) {
			c["v"] = g.leafValue()
		}
		c["show"] = g.r.IntN(3)
	case "State", "Reducer", "Memo", "Ref", "Sync", "Transition", "ActionState", "Optimistic", "Class", "Derived", "Legacy":
		c["v"] = g.leafValue()
		c["show"] = g.r.IntN(3)
	case "Id":
		c["n"] = 1 + g.r.IntN(3)
		c["show"] = 1 + g.r.IntN(2)
		if g.chance(25) && ctx == ctxHTML {
			c["attr"] = true
		}
	case "RenderSet", "IdRerender", "DispatchRender":
		c["n"] = 1 + g.r.IntN(3)
		c["show"] = g.r.IntN(3)
	case "Ctx", "Use", "Consumer":
		c["n"] = g.r.IntN(3)
		c["show"] = g.r.IntN(3)
	case "Provider":
		n := g.r.IntN(3)
		c["n"] = n
		c["modern"] = g.chance(50)
		if n == 2 {
			c["v"] = map[string]any{"$": "obj", "v": []any{[]any{"theme", pick(g, []string{"dark", "a&b"})}}}
		} else {
			c["v"] = pick(g, []any{"v1", "<v>", 7, 0, nil, sp("undef")})
		}
	case "ContextClass":
		c["show"] = 1 + g.r.IntN(2)
	case "Suspense":
		if g.chance(50) {
			c["fb"] = "loading"
		}
	}
	switch k {
	case "Reducer":
		c["init"] = g.chance(50)
	case "Derived":
		c["nullState"] = g.chance(30)
		c["partial"] = g.chance(50)
	case "Class":
		c["will"] = g.chance(50)
		c["ctx"] = g.chance(30)
	}
	return c
}

func isFn(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m["$"] == "fn"
}

// dedupe keeps the first of each prop name: a props object has one value per key.
func dedupe(props []any) []any {
	seen := map[string]bool{}
	out := props[:0]
	for _, kv := range props {
		n := fmt.Sprint(kv.([]any)[0])
		if !seen[n] {
			seen[n] = true
			out = append(out, kv)
		}
	}
	return out
}
