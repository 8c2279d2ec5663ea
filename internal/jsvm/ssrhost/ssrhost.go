// Package ssrhost gives goja runtimes native versions of the string work
// that dominates a server render once the framework is warm: HTML escaping
// and joining nested chunk buffers. React and Vue escape every text node
// and attribute value with a regular-expression test and a JavaScript
// loop, and Vue joins its render buffers one push at a time; goja runs
// both slowly (about two microseconds an escaped string). These functions
// do the same work in Go on the strings' UTF-16 code units, so lone
// surrogates and every other code unit pass through unchanged.
//
// The globals, defined non-enumerable:
//
//	__ssrgateEscapeHTML(s)       & < > " ' as &amp; &lt; &gt; &quot; &#39; (Vue's escapeHtml)
//	__ssrgateEscapeHTMLReact(s)  the same with ' as &#x27; (React's escapeTextForBrowser)
//	__ssrgateJoinChunks(buffer)  the strings of a buffer of strings and nested buffers, in order,
//	                             or undefined when it holds anything else
//	__ssrgateBuffer(isAsyncItem) Vue's render buffer, {getBuffer, push}, kept in Go (buffer.go)
//	__ssrgateVueHelper(kind, fn) a native ssrRenderAttr, ssrInterpolate or ssrRenderClass for the
//	                             common values, fn (Vue's own) for the rest (vuehelpers.go)
//
// The escapers take a string (callers convert with "" + value first, so
// ToPrimitive runs in JavaScript with the framework's own semantics), return
// the argument itself when nothing needs escaping, and throw a TypeError
// for any other argument. The renderers' code reads the globals once, at
// module load, and keeps its own JavaScript when they are absent (in Node),
// so a bundle runs unchanged in either; internal/bundle's patches and
// internal/reactfast are the callers.
package ssrhost

import (
	"strconv"

	"github.com/dop251/goja"
)

// Names of the globals Install defines.
const (
	EscapeHTML      = "__ssrgateEscapeHTML"
	EscapeHTMLReact = "__ssrgateEscapeHTMLReact"
	JoinChunks      = "__ssrgateJoinChunks"
	Buffer          = "__ssrgateBuffer"
	VueHelper       = "__ssrgateVueHelper"
)

// How Vue's escapeHtml and React's escapeTextForBrowser write '.
const (
	vueApos   = "&#39;"
	reactApos = "&#x27;"
)

// maxNesting bounds the nesting of the buffers JoinChunks walks (one level
// per component in Vue's); deeper input gets undefined, and the caller's
// JavaScript, with the runtime's own recursion guard, takes over.
const maxNesting = 10000

// Install defines the globals in rt.
func Install(rt *goja.Runtime) error {
	g := rt.GlobalObject()
	fns := []struct {
		name string
		fn   func(goja.FunctionCall) goja.Value
	}{
		{EscapeHTML, escaper(rt, EscapeHTML, vueApos)},
		{EscapeHTMLReact, escaper(rt, EscapeHTMLReact, reactApos)},
		{JoinChunks, joiner()},
		{Buffer, bufferMaker(rt)},
		{VueHelper, vueHelper(rt)},
	}
	for _, f := range fns {
		if err := g.DefineDataProperty(f.name, rt.ToValue(f.fn), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}

func escaper(rt *goja.Runtime, name, apos string) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		s, ok := call.Argument(0).(goja.String)
		if !ok {
			panic(rt.NewTypeError("%s takes a string; convert the value with \"\" + value first", name))
		}
		return Escape(s, apos)
	}
}

// Escape returns s with & < > " and ' replaced by entities, ' by apos;
// s itself when none occurs.
func Escape(s goja.String, apos string) goja.String {
	n := s.Length()
	i := 0
	for ; i < n; i++ {
		if c := s.CharAt(i); c < 128 && special[c] {
			break
		}
	}
	if i == n {
		return s
	}
	var b goja.StringBuilder
	b.Grow(n + 16)
	last := 0
	for ; i < n; i++ {
		var rep string
		switch s.CharAt(i) {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		case '\'':
			rep = apos
		default:
			continue
		}
		if last < i {
			b.WriteSubstring(s, last, i)
		}
		b.WriteUTF8String(rep)
		last = i + 1
	}
	if last < n {
		b.WriteSubstring(s, last, n)
	}
	return b.String()
}

var special = [128]bool{'&': true, '<': true, '>': true, '"': true, '\'': true}

func joiner() func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		var b goja.StringBuilder
		if !join(&b, call.Argument(0), 0) {
			return goja.Undefined()
		}
		return b.String()
	}
}

// join appends the strings of buffer v to b; false when v, or anything in
// it, is neither a string nor an array, or nests past maxNesting.
func join(b *goja.StringBuilder, v goja.Value, depth int) bool {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Array" || depth > maxNesting {
		return false
	}
	n := o.Get("length").ToInteger()
	for i := int64(0); i < n; i++ {
		it := o.Get(index(i))
		if s, ok := it.(goja.String); ok {
			b.WriteString(s)
		} else if !join(b, it, depth+1) {
			return false
		}
	}
	return true
}

// indexes holds the property names of the first array indexes, so that
// reading a buffer's items allocates nothing.
var indexes = func() []string {
	s := make([]string, 4096)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

func index(i int64) string {
	if i < int64(len(indexes)) {
		return indexes[i]
	}
	return strconv.FormatInt(i, 10)
}
