// Package jsxtpl compiles the host-element parts of JSX into templates for
// the fast React renderer (package reactfast), as Vue's SSR compiler does
// for Vue templates: creating React elements is most of a plain
// component's render in goja (an element and its props object cost about
// fifteen allocations), and a row of five elements becomes one template
// instance holding an array of its dynamic values.
//
// Rewrite takes a module as esbuild's JSX transform (automatic runtime)
// prints it and replaces each outermost jsx()/jsxs() call on a lowercase
// host tag with plain props by
//
//	__ssrgateTpl(__ssrgateT0, [hole, hole, ...], key)
//
// where __ssrgateT0 is a template defined once per module by
// __ssrgateTplDef([...]) from the element's static structure: its tag,
// its props in order (a literal value, or the index of a hole), and its
// children (literal text, a hole, or a nested host element, inlined the
// same way). Holes are the dynamic expressions, copied verbatim and in
// their source order, so they are evaluated exactly when and in the order
// the jsx() calls would have evaluated them. Line breaks outside the holes
// are kept, so every hole stays on its line and stack traces keep pointing
// at the right lines of the component's source.
//
// An instance is a React element to everything that looks (type, key and
// props are there; props and child elements are built on first access),
// so React's own renderer, cloneElement and Children work on it. What the
// template may render directly and what it hands to the generic path is
// decided at run time by reactfast's js/render.js, which holds all of
// React's rules; this package only reads syntax. It leaves alone an
// element with spread props, computed or duplicate keys, key or ref props,
// a component or Fragment type, and any module it cannot parse (goja's
// parser, with the import and export statements blanked).
package jsxtpl

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// Import is the module the template functions come from.
const Import = "ssrgate:reactfast-render"

var (
	runtimeImport = regexp.MustCompile(`(?m)^import \{([^}]*)\} from "react/jsx-runtime";$`)
	importLine    = regexp.MustCompile(`(?m)^import\b[^\n]*;$`)
	importBlock   = regexp.MustCompile(`(?ms)^import \{[^}]*\} from "[^"\n]*";$`)
	exportClause  = regexp.MustCompile(`(?ms)^export (\*( as [\w$]+)? from "[^"\n]*"|\{[^}]*\}( from "[^"\n]*")?);$`)
	exportDecl    = regexp.MustCompile(`(?m)^export (default )?`)
	tagLiteral    = regexp.MustCompile(`^"[a-z][a-z0-9]*"$`)
)

// Rewrite returns code with its host elements compiled to templates, and
// how many templates it made; code itself, and 0, when there is nothing to
// do or the module is outside what it reads (it never fails: the module
// then renders through jsx() as before).
func Rewrite(code string) (string, int) {
	m := runtimeImport.FindStringSubmatch(code)
	if m == nil {
		return code, 0
	}
	callees := map[string]bool{}
	for _, spec := range strings.Split(m[1], ",") {
		f := strings.Fields(spec)
		switch {
		case len(f) == 1 && (f[0] == "jsx" || f[0] == "jsxs"):
			callees[f[0]] = true
		case len(f) == 3 && f[1] == "as" && (f[0] == "jsx" || f[0] == "jsxs"):
			callees[f[2]] = true
		}
	}
	if len(callees) == 0 {
		return code, 0
	}
	prog, err := parser.ParseFile(nil, "", blankModuleSyntax(code), 0, parser.WithDisableSourceMaps)
	if err != nil {
		return code, 0
	}
	r := &rewriter{src: code, callees: callees}
	r.walk(prog)
	if len(r.edits) == 0 || r.failed {
		return code, 0
	}
	sort.Slice(r.edits, func(i, j int) bool { return r.edits[i].from < r.edits[j].from })
	var b strings.Builder
	// The definitions go on the first line, before the module's own code, so
	// that lines do not move and top-level JSX finds them initialised.
	fmt.Fprintf(&b, "import { tpl as __ssrgateTpl, tplDef as __ssrgateTplDef } from %q; const ", Import)
	for i, d := range r.defs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "__ssrgateT%d = /* @__PURE__ */ __ssrgateTplDef(%s)", i, d)
	}
	b.WriteString("; ")
	last := 0
	for _, e := range r.edits {
		b.WriteString(code[last:e.from])
		b.WriteString(e.text)
		last = e.to
	}
	b.WriteString(code[last:])
	return b.String(), len(r.defs)
}

// blankModuleSyntax turns the import and export statements esbuild prints
// into spaces (export keywords before declarations too), offsets unchanged,
// so goja's script parser can read the rest.
func blankModuleSyntax(code string) string {
	b := []byte(code)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	for _, re := range []*regexp.Regexp{importBlock, importLine, exportClause} {
		for _, loc := range re.FindAllStringIndex(code, -1) {
			blank(loc[0], loc[1])
		}
	}
	for _, loc := range exportDecl.FindAllStringIndex(string(b), -1) {
		blank(loc[0], loc[1])
	}
	return string(b)
}

type edit struct {
	from, to int
	text     string
}

type rewriter struct {
	src     string
	callees map[string]bool
	defs    []string
	edits   []edit // in source order, not overlapping
	failed  bool
}

func idx0(n ast.Node) int { return int(n.Idx0()) - 1 }
func idx1(n ast.Node) int { return int(n.Idx1()) - 1 }

// walk visits the program in source order and rewrites every outermost
// host element it meets; it descends into what it does not rewrite.
func (r *rewriter) walk(n ast.Node) {
	visit(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpression)
		if !ok || r.failed || !r.isHostCall(call) {
			return true
		}
		tpl := &template{r: r}
		text := tpl.compile(call)
		if tpl.failed {
			r.failed = true
			return false
		}
		r.edits = append(r.edits, edit{idx0(call), idx1(call), text})
		return false
	})
}

// isHostCall reports whether call is jsx("tag", {plain props}) or with a
// key as third argument.
func (r *rewriter) isHostCall(call *ast.CallExpression) bool {
	id, ok := call.Callee.(*ast.Identifier)
	if !ok || !r.callees[id.Name.String()] || len(call.ArgumentList) < 2 || len(call.ArgumentList) > 3 {
		return false
	}
	tag, ok := call.ArgumentList[0].(*ast.StringLiteral)
	if !ok || !tagLiteral.MatchString(tag.Literal) {
		return false
	}
	obj, ok := call.ArgumentList[1].(*ast.ObjectLiteral)
	if !ok {
		return false
	}
	seen := map[string]bool{}
	for i, p := range obj.Value {
		name, ok := propName(p)
		if !ok || seen[name] || name == "key" || name == "ref" || (name == "children" && i != len(obj.Value)-1) {
			return false
		}
		seen[name] = true
	}
	return true
}

// propName is the name of a plain property: key: value, "key": value or a
// shorthand; false for spreads, computed keys, methods and accessors.
func propName(p ast.Property) (string, bool) {
	switch p := p.(type) {
	case *ast.PropertyKeyed:
		if p.Computed || p.Kind != ast.PropertyKindValue {
			return "", false
		}
		switch k := p.Key.(type) {
		case *ast.Identifier:
			return k.Name.String(), true
		case *ast.StringLiteral:
			return k.Value.String(), true
		}
	case *ast.PropertyShort:
		if p.Initializer == nil {
			return p.Name.Name.String(), true
		}
	}
	return "", false
}

// template compiles one outermost host element: its definition, its holes
// and the instance expression that replaces it.
type template struct {
	r      *rewriter
	holes  []hole
	failed bool // the source around a hole is not as expected: leave the module alone
}

type span struct{ from, to int }

// hole is a dynamic expression of a template: its source and its syntax.
type hole struct {
	span
	expr ast.Node
}

// compile returns the instance expression; t.failed says the source was
// not as expected and the module must be left alone.
func (t *template) compile(call *ast.CallExpression) string {
	def := t.node(call)
	if t.failed {
		return ""
	}
	var key *hole
	if len(call.ArgumentList) == 3 {
		s, ok := t.r.argSpan(call, 2)
		if !ok {
			t.failed = true
			return ""
		}
		key = &hole{s, call.ArgumentList[2]}
	}
	n := len(t.r.defs)
	t.r.defs = append(t.r.defs, def)
	// The instance: holes rewritten recursively, each after as many line
	// breaks as preceded it in the original.
	var b strings.Builder
	fmt.Fprintf(&b, "__ssrgateTpl(__ssrgateT%d, [", n)
	pos := idx0(call)
	for i, h := range t.holes {
		b.WriteString(strings.Repeat("\n", strings.Count(t.r.src[pos:h.from], "\n")))
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.r.rewriteSpan(h))
		pos = h.to
	}
	b.WriteString("]")
	if key != nil {
		b.WriteString(strings.Repeat("\n", strings.Count(t.r.src[pos:key.from], "\n")))
		b.WriteString(", ")
		b.WriteString(t.r.rewriteSpan(*key))
		pos = key.to
	}
	b.WriteString(strings.Repeat("\n", strings.Count(t.r.src[pos:idx1(call)], "\n")))
	b.WriteString(")")
	return b.String()
}

// node returns the definition of a host element: [tag, props, children]
// with props as [name, 0, literal] or [name, 1, hole index] and children
// as null (none), one child or an array of children; a child is [0,
// literal text], [1, hole index] or [2, node].
func (t *template) node(call *ast.CallExpression) string {
	tag := call.ArgumentList[0].(*ast.StringLiteral)
	obj := call.ArgumentList[1].(*ast.ObjectLiteral)
	var props []string
	children := "null"
	for i, p := range obj.Value {
		name, _ := propName(p)
		var value ast.Expression
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			value = p.Value
		case *ast.PropertyShort:
			value = &p.Name
		}
		if name == "children" {
			children = t.children(obj, i, value)
			continue
		}
		props = append(props, fmt.Sprintf("%q, %s", name, t.value(obj, i, value)))
	}
	return fmt.Sprintf("[%s, [%s], %s]", tag.Literal, strings.Join(props, ", "), children)
}

// value is a prop's definition: 0 and the literal, or 1 and a hole.
func (t *template) value(obj *ast.ObjectLiteral, i int, v ast.Expression) string {
	if lit, ok := literal(v); ok {
		return "0, " + lit
	}
	s, ok := t.r.propSpan(obj, i)
	if !ok {
		t.failed = true
		return "0, null"
	}
	return fmt.Sprintf("1, %d", t.hole(s, v))
}

func (t *template) hole(s span, e ast.Node) int {
	t.holes = append(t.holes, hole{s, e})
	return len(t.holes) - 1
}

func (t *template) children(obj *ast.ObjectLiteral, i int, v ast.Expression) string {
	arr, ok := v.(*ast.ArrayLiteral)
	if !ok {
		s, ok := t.r.propSpan(obj, i)
		if !ok {
			t.failed = true
			return "null"
		}
		return t.child(v, s)
	}
	var kids []string
	for j, e := range arr.Value {
		if e == nil {
			t.failed = true // an elision: leave it to jsx()
			return "null"
		}
		if _, spread := e.(*ast.SpreadElement); spread {
			t.failed = true
			return "null"
		}
		s, ok := t.r.elementSpan(arr, j)
		if !ok {
			t.failed = true
			return "null"
		}
		kids = append(kids, t.child(e, s))
	}
	return "[" + strings.Join(kids, ", ") + "]"
}

func (t *template) child(e ast.Expression, s span) string {
	if lit, ok := e.(*ast.StringLiteral); ok {
		return "[0, " + lit.Literal + "]"
	}
	if call, ok := e.(*ast.CallExpression); ok && len(call.ArgumentList) == 2 && t.r.isHostCall(call) {
		// A nested host element without a key is inlined: its holes join the template's.
		return "[2, " + t.node(call) + "]"
	}
	return fmt.Sprintf("[1, %d]", t.hole(s, e))
}

// literal returns the source of a string, number, boolean or null literal.
func literal(e ast.Expression) (string, bool) {
	switch l := e.(type) {
	case *ast.StringLiteral:
		return l.Literal, true
	case *ast.NumberLiteral:
		return l.Literal, true
	case *ast.BooleanLiteral:
		return l.Literal, true
	case *ast.NullLiteral:
		return "null", true
	}
	return "", false
}

// rewriteSpan is the source of hole h with the host elements inside it
// rewritten too (a hole may hold JSX of its own, such as a map's rows).
func (r *rewriter) rewriteSpan(h hole) string {
	inner := &rewriter{src: r.src, callees: r.callees, defs: r.defs}
	inner.walk(h.expr)
	r.defs = inner.defs
	if inner.failed {
		r.failed = true
	}
	sort.Slice(inner.edits, func(i, j int) bool { return inner.edits[i].from < inner.edits[j].from })
	var b strings.Builder
	last := h.from
	for _, e := range inner.edits {
		if e.from < last || e.to > h.to {
			r.failed = true
			break
		}
		b.WriteString(r.src[last:e.from])
		b.WriteString(e.text)
		last = e.to
	}
	b.WriteString(r.src[last:h.to])
	return b.String()
}

var (
	// leading is what may come between a hole's delimiter and the start
	// goja reports for its expression: space, the expression's own opening
	// parentheses, esbuild's annotations.
	leading = regexp.MustCompile(`^(?:\s|\(|/\* @__PURE__ \*/)*$`)
	// trailing is what may come between a hole's reported end and the next
	// delimiter: space and the expression's own closing parentheses.
	trailing = regexp.MustCompile(`^[\s)]*$`)
)

// between splits the source between the end goja reports for one
// expression (end) and the start it reports for the next (next) at the
// comma that separates them: the first's true end and the second's true
// start. ok is false when the text there is anything else.
func (r *rewriter) between(end, next int) (to, from int, ok bool) {
	if end > next {
		return 0, 0, false
	}
	gap := r.src[end:next]
	c := strings.IndexByte(gap, ',')
	if c < 0 || !trailing.MatchString(gap[:c]) || !leading.MatchString(gap[c+1:]) {
		return 0, 0, false
	}
	return end + strings.LastIndexByte(gap[:c+1], ')') + 1, end + c + 1, true
}

// closing is the true end of an expression reported to end at end, the
// last one before the closing delimiter at close (a trailing comma may
// come between).
func (r *rewriter) closing(end, close int) (int, bool) {
	if end > close {
		return 0, false
	}
	gap := strings.TrimRight(r.src[end:close], " \t\r\n")
	gap = strings.TrimSuffix(gap, ",")
	if !trailing.MatchString(gap) {
		return 0, false
	}
	return end + strings.LastIndexByte(gap, ')') + 1, true
}

// opening is the true start of an expression reported to start at start,
// the first after the opening delimiter ending at open.
func (r *rewriter) opening(open, start int) (int, bool) {
	if open > start || !leading.MatchString(r.src[open:start]) {
		return 0, false
	}
	return open, true
}

func keyStart(p ast.Property) int {
	switch p := p.(type) {
	case *ast.PropertyKeyed:
		return idx0(p.Key)
	case *ast.PropertyShort:
		return idx0(&p.Name)
	}
	return -1
}

// propSpan is the source of property i's value in obj.
func (r *rewriter) propSpan(obj *ast.ObjectLiteral, i int) (span, bool) {
	switch p := obj.Value[i].(type) {
	case *ast.PropertyShort:
		return span{idx0(&p.Name), idx1(&p.Name)}, true
	case *ast.PropertyKeyed:
		k := idx1(p.Key)
		rest := r.src[k:idx0(p.Value)]
		colon := strings.IndexByte(rest, ':')
		if colon < 0 || strings.TrimSpace(rest[:colon]) != "" {
			return span{}, false
		}
		from, ok := r.opening(k+colon+1, idx0(p.Value))
		if !ok {
			return span{}, false
		}
		var to int
		if i == len(obj.Value)-1 {
			to, ok = r.closing(idx1(p.Value), int(obj.RightBrace)-1)
		} else {
			to, _, ok = r.between(idx1(p.Value), keyStart(obj.Value[i+1]))
		}
		return span{from, to}, ok
	}
	return span{}, false
}

// elementSpan is the source of element j of arr.
func (r *rewriter) elementSpan(arr *ast.ArrayLiteral, j int) (span, bool) {
	e := arr.Value[j]
	var from, to int
	var ok bool
	if j == 0 {
		from, ok = r.opening(int(arr.LeftBracket), idx0(e))
	} else {
		_, from, ok = r.between(idx1(arr.Value[j-1]), idx0(e))
	}
	if !ok {
		return span{}, false
	}
	if j == len(arr.Value)-1 {
		to, ok = r.closing(idx1(e), int(arr.RightBracket)-1)
	} else {
		to, _, ok = r.between(idx1(e), idx0(arr.Value[j+1]))
	}
	return span{from, to}, ok
}

// argSpan is the source of argument i (not the first) of call.
func (r *rewriter) argSpan(call *ast.CallExpression, i int) (span, bool) {
	a := call.ArgumentList[i]
	_, from, ok := r.between(idx1(call.ArgumentList[i-1]), idx0(a))
	if !ok {
		return span{}, false
	}
	if i == len(call.ArgumentList)-1 {
		to, ok := r.closing(idx1(a), int(call.RightParenthesis)-1)
		return span{from, to}, ok
	}
	to, _, ok := r.between(idx1(a), idx0(call.ArgumentList[i+1]))
	return span{from, to}, ok
}

// visit calls f on n and, while f returns true, on its descendants in
// source order.
func visit(n ast.Node, f func(ast.Node) bool) {
	if n == nil {
		return
	}
	v := reflect.ValueOf(n)
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return
	}
	if !f(n) {
		return
	}
	walkValue(v, f)
}

var nodeType = reflect.TypeFor[ast.Node]()

func walkValue(v reflect.Value, f func(ast.Node) bool) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Kind() == reflect.Pointer && v.Type().Elem().PkgPath() != astPkg {
			return
		}
		e := v.Elem()
		if v.Kind() == reflect.Interface {
			if n, ok := e.Interface().(ast.Node); ok && e.Kind() == reflect.Pointer {
				visit(n, f)
				return
			}
			walkValue(e, f)
			return
		}
		walkValue(e, f)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fv := v.Field(i)
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if fv.Kind() == reflect.Pointer && fv.Type().Implements(nodeType) {
				if !fv.IsNil() {
					visit(fv.Interface().(ast.Node), f)
				}
				continue
			}
			if fv.Kind() == reflect.Struct && reflect.PointerTo(fv.Type()).Implements(nodeType) && fv.CanAddr() {
				visit(fv.Addr().Interface().(ast.Node), f)
				continue
			}
			walkValue(fv, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkValue(v.Index(i), f)
		}
	}
}

var astPkg = reflect.TypeFor[ast.Identifier]().PkgPath()
