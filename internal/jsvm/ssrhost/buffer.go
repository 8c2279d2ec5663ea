package ssrhost

import "github.com/dop251/goja"

// bufferMaker is __ssrgateBuffer(isAsyncItem): Vue's createBuffer() with
// its storage in Go. Vue's compiled ssrRender pushes a string for every
// run of markup between dynamic holes, and each push in JavaScript is a
// closure call, a type test and goja's generic Array.prototype.push (which
// reads and writes "length" and boxes the index on every call): about a
// microsecond, three or four times a list row. Here a push of a string is
// one native call that appends to a goja.StringBuilder.
//
// The buffer it hands back from getBuffer() is the array Vue's own would
// hold at that point: adjacent strings joined into one item, every other
// item (a child component's buffer, a promise) in its place, and hasAsync
// set when isAsyncItem said so for an item. A push after getBuffer() works
// on that array with Vue's own rule (a string joins a string pushed just
// before it), so nothing Vue does with a buffer can tell the difference.
func bufferMaker(rt *goja.Runtime) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		isAsync, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(rt.NewTypeError("%s takes the function that tells an async item (a promise, or a buffer with hasAsync)", Buffer))
		}
		b := &renderBuffer{rt: rt, isAsync: isAsync}
		o := rt.NewObject()
		o.Set("getBuffer", b.getBuffer)
		o.Set("push", b.push)
		return o
	}
}

type renderBuffer struct {
	rt      *goja.Runtime
	isAsync goja.Callable

	items      []any              // what Vue's array would hold, but for text
	text       goja.StringBuilder // the strings pushed since the last other item
	appendable bool               // the last push was a string: until getBuffer(), text holds an item (maybe "")
	hasAsync   bool

	arr *goja.Object // the array getBuffer() returned; pushes then go to it
}

func (b *renderBuffer) push(call goja.FunctionCall) goja.Value {
	item := call.Argument(0)
	s, isString := item.(goja.String)
	if b.arr != nil {
		b.pushArray(item, s, isString)
		return goja.Undefined()
	}
	if isString {
		b.text.WriteString(s)
		b.appendable = true
		return goja.Undefined()
	}
	b.flush()
	b.items = append(b.items, item)
	b.appendable = false
	b.noteAsync(item)
	return goja.Undefined()
}

// flush moves the pending text into items; it runs only before getBuffer().
func (b *renderBuffer) flush() {
	if !b.appendable {
		return
	}
	b.items = append(b.items, b.text.String())
	b.text = goja.StringBuilder{} // String may share the builder's memory
}

func (b *renderBuffer) noteAsync(item goja.Value) {
	r, err := b.isAsync(goja.Undefined(), item)
	if err != nil {
		panic(err)
	}
	if r.ToBoolean() {
		b.hasAsync = true
		if b.arr != nil {
			b.arr.Set("hasAsync", true)
		}
	}
}

func (b *renderBuffer) getBuffer(goja.FunctionCall) goja.Value {
	if b.arr == nil {
		b.flush()
		b.arr = b.rt.NewArray(b.items...)
		b.items = nil
		if b.hasAsync {
			b.arr.Set("hasAsync", true)
		}
	}
	return b.arr
}

// pushArray is Vue's push on the materialized array.
func (b *renderBuffer) pushArray(item goja.Value, s goja.String, isString bool) {
	n := b.arr.Get("length").ToInteger()
	if b.appendable && isString && n > 0 {
		last := b.arr.Get(index(n - 1))
		var sum goja.StringBuilder
		if ls, ok := last.(goja.String); ok {
			sum.WriteString(ls)
		} else { // only if something other than Vue rewrote the array
			sum.WriteUTF8String(last.String())
		}
		sum.WriteString(s)
		b.arr.Set(index(n-1), sum.String())
		return
	}
	b.arr.Set(index(n), item)
	b.appendable = isString
	if !isString {
		b.noteAsync(item)
	}
}
