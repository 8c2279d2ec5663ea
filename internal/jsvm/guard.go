package jsvm

import (
	"embed"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

// Guards keep one render from ending the process. goja implements many built-ins as Go code that recurses
// once per level of nesting, or allocates a whole result in one call; SetMaxCallStackSize counts JavaScript
// frames only, Runtime.Interrupt is checked only between JavaScript instructions, and a Go stack overflow or
// an out-of-memory in Go is fatal and cannot be recovered. js/guards.js wraps or replaces each such built-in;
// these are its bounds.
//
// The audit of goja (builtin_*.go at the version in go.mod), each case with a test in guard_test.go:
//
//	JSON.parse                      recursive Go decoder: fatal stack overflow at ~5e6 levels   -> nesting measured first, in Go, iteratively
//	JSON.stringify                  recursive Go encoder, quadratic cycle check                 -> value walked first, in Go, iteratively
//	Array.prototype.flat, flatMap   recursive Go flattening: fatal at ~2e6 levels               -> replaced by iterative JavaScript
//	Array.prototype.join, toString,
//	toLocaleString, String(array)   element toString -> join: Go recursion per nested array      -> nesting counted by a wrapper
//	String.prototype.repeat,
//	padStart, padEnd                whole result allocated in one call                           -> result length capped
//	Array.prototype.fill, Array.from  one Go loop over any length                                -> length capped
//	ArrayBuffer, typed arrays       whole buffer allocated in one call                           -> byte length capped
//	RegExp (backtracking, regexp2)  catastrophic backtracking runs in Go without interrupts     -> regexp2 match timeout
//	structuredClone (ours)          JavaScript recursion                                         -> JS frame limit (SetMaxCallStackSize)
//	Proxy chains, prototype chains  checked: 2e6 levels are walked without a Go stack overflow  -> no guard needed
//	Function.prototype.bind chains  calling a bound function recurses in Go per level           -> JS frame limit (each level pushes a frame)
//
// What no guard covers: a single native call that loops for a long time without allocating (for example
// `new Array(1e9).indexOf(1)` walking holes). The render deadline then abandons the runtime (Pool.Abandon)
// rather than waiting for it; see README "When components misbehave".
const (
	// guardDepth bounds nesting in the guarded built-ins, like maxCallStackSize bounds JS frames.
	guardDepth = 10000
	// guardArrayLength bounds arrays built by one native call (fill, from, flat) and arrays joined.
	guardArrayLength = 1 << 24
	// guardStringLength bounds strings built by one native call (repeat, padStart, padEnd), in UTF-16 units.
	guardStringLength = 1 << 26
	// guardBufferBytes bounds one ArrayBuffer or typed array.
	guardBufferBytes = 1 << 27
	// regexpMatchTimeout bounds one regexp2 match (goja uses regexp2 for patterns Go's regexp cannot run,
	// such as backreferences and lookaround). A match past it reports no match; the render's own deadline has
	// passed by then in any realistic configuration, so the render is interrupted right after.
	regexpMatchTimeout = 5 * time.Second
)

var setRegexpTimeout sync.Once

// The guards' JavaScript half: guards.js wraps the built-ins, integrity.js records and checks them. Each is a
// function expression taking the Go-backed host object.
//
//go:embed js/guards.js js/integrity.js
var guardFiles embed.FS

var guardScripts = []string{"guards.js", "integrity.js"}

var compileGuards = sync.OnceValues(func() ([]*goja.Program, error) {
	var prgs []*goja.Program
	for _, name := range guardScripts {
		src, err := guardFiles.ReadFile("js/" + name)
		if err != nil {
			return nil, err
		}
		prg, err := goja.Compile("jsvm/"+name, string(src), true)
		if err != nil {
			return nil, fmt.Errorf("compile %s: %w", name, err)
		}
		prgs = append(prgs, prg)
	}
	return prgs, nil
})

// installGuards runs the guard scripts in vm's runtime, after every other host global is defined, and keeps
// their host object on vm.
func installGuards(vm *VM) error {
	// regexp2 reads its default when a pattern is compiled; goja compiles patterns lazily, after this.
	setRegexpTimeout.Do(func() {
		if regexp2.DefaultMatchTimeout > regexpMatchTimeout {
			regexp2.DefaultMatchTimeout = regexpMatchTimeout
		}
	})
	prgs, err := compileGuards()
	if err != nil {
		return err
	}
	rt := vm.rt
	host := rt.NewObject()
	limits := rt.NewObject()
	if err := errors.Join(
		limits.Set("depth", guardDepth),
		limits.Set("nestedCalls", guardDepth/4),
		limits.Set("arrayLength", guardArrayLength),
		limits.Set("stringLength", guardStringLength),
		limits.Set("bufferBytes", guardBufferBytes),
		host.Set("limits", limits),
		host.Set("jsonTooDeep", func(s string) bool { return jsonTooDeep(s, guardDepth) }),
		host.Set("valueTooDeep", func(v goja.Value) bool { return valueTooDeep(v, guardDepth) }),
	); err != nil {
		return err
	}
	for i, prg := range prgs {
		v, err := rt.RunProgram(prg)
		if err != nil {
			return fmt.Errorf("%s: %w", guardScripts[i], err)
		}
		f, ok := goja.AssertFunction(v)
		if !ok {
			return fmt.Errorf("%s: not a function expression", guardScripts[i])
		}
		if _, err := f(goja.Undefined(), host); err != nil {
			return fmt.Errorf("%s: %w", guardScripts[i], err)
		}
	}
	vm.host = host
	return nil
}

// jsonTooDeep reports whether JSON text s nests arrays and objects deeper than limit. It does not validate
// s: the native parser reports syntax errors.
func jsonTooDeep(s string, limit int) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
			if depth > limit {
				return true
			}
		case ']', '}':
			depth--
		}
	}
	return false
}

// valueTooDeep reports whether v nests objects and arrays deeper than limit, walking with an explicit stack
// so the walk itself cannot overflow. Each object is visited once (cycles are JSON.stringify's to report).
func valueTooDeep(v goja.Value, limit int) bool {
	type frame struct {
		obj   *goja.Object
		depth int
	}
	root, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	seen := map[*goja.Object]bool{root: true}
	stack := []frame{{root, 1}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.depth > limit {
			return true
		}
		for _, k := range f.obj.Keys() {
			child, ok := f.obj.Get(k).(*goja.Object)
			if !ok || seen[child] {
				continue
			}
			if _, isFunc := goja.AssertFunction(child); isFunc {
				continue
			}
			seen[child] = true
			stack = append(stack, frame{child, f.depth + 1})
		}
	}
	return false
}
