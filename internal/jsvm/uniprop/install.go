package uniprop

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

//go:embed js/regexp.js
var regexpJS string

var compileRegExpJS = sync.OnceValues(func() (*goja.Program, error) {
	return goja.Compile("jsvm/regexp.js", regexpJS, true)
})

// Install wraps rt's RegExp constructor so that patterns with the u or v flag have their property escapes
// expanded by Expand before goja compiles them. Regexp literals do not go through the constructor; fix those
// in the parsed program with ExpandLiterals.
func Install(rt *goja.Runtime) error {
	prg, err := compileRegExpJS()
	if err != nil {
		return fmt.Errorf("compile regexp.js: %w", err)
	}
	v, err := rt.RunProgram(prg)
	if err != nil {
		return fmt.Errorf("regexp.js: %w", err)
	}
	f, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("regexp.js is not a function expression")
	}
	host := rt.NewObject()
	err = host.Set("expandRegExp", func(p string) string {
		s, err := Expand(p)
		if err != nil {
			panic(syntaxError(rt, err.Error()))
		}
		return s
	})
	if err == nil {
		err = host.Set("originalSource", OriginalSource)
	}
	if err != nil {
		return err
	}
	if _, err := f(goja.Undefined(), host); err != nil {
		return fmt.Errorf("regexp.js: %w", err)
	}
	return nil
}

func syntaxError(rt *goja.Runtime, msg string) goja.Value {
	c, ok := goja.AssertConstructor(rt.Get("SyntaxError"))
	if !ok {
		return rt.NewTypeError(msg)
	}
	obj, err := c(nil, rt.ToValue(msg))
	if err != nil {
		return rt.NewTypeError(msg)
	}
	return obj
}
