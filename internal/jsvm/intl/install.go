package intl

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

//go:embed js/intl.js
var intlJS string

var compileIntlJS = sync.OnceValues(func() (*goja.Program, error) {
	return goja.Compile("jsvm/intl.js", intlJS, true)
})

// Install defines the global Intl object in rt, and routes Number#toLocaleString, the Date#toLocale*String
// methods and String#localeCompare through it. Each runtime gets its own Go formatter state; the CLDR data
// is parsed once per process and shared.
func Install(rt *goja.Runtime) error {
	prg, err := compileIntlJS()
	if err != nil {
		return fmt.Errorf("compile intl.js: %w", err)
	}
	v, err := rt.RunProgram(prg)
	if err != nil {
		return fmt.Errorf("intl.js: %w", err)
	}
	f, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("intl.js is not a function expression")
	}
	host := rt.NewObject()
	if err := host.Set("intl", newIntlHost(rt)); err != nil {
		return err
	}
	if _, err := f(goja.Undefined(), host); err != nil {
		return fmt.Errorf("intl.js: %w", err)
	}
	return nil
}
