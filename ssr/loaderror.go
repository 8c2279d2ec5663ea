package ssr

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// LoadError is a server bundle that goja could not compile or run at start-up. All components share one
// bundle, so the engine cannot start; the error names the file that failed (mapped through the bundle's
// source map), its npm package and the components that import it, so the one library at fault can be
// fixed, upgraded or dropped.
type LoadError struct {
	// Stage is "compile" (goja's parser rejected the code) or "load" (it threw while the bundle's modules
	// were initialised).
	Stage string
	// File and Line locate the failure in the original sources ("node_modules/x/index.js"); "" and 0
	// when unknown.
	File string
	Line int
	// Package is the npm package File belongs to; "" for the project's own files.
	Package string
	// Components are the components whose server code includes File.
	Components []string
	Err        error
}

func (e *LoadError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s server bundle: ", e.Stage)
	if e.File != "" {
		fmt.Fprintf(&b, "%s:%d", e.File, e.Line)
		if e.Package != "" {
			fmt.Fprintf(&b, " (package %s)", e.Package)
		}
		if len(e.Components) > 0 {
			fmt.Fprintf(&b, ", imported by component %s", strings.Join(e.Components, ", "))
		}
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%v", e.Err)
	if e.Package != "" {
		fmt.Fprintf(&b, "; goja cannot %s %s: upgrade or replace the package, or import it only in the browser (client:only)", map[string]string{"compile": "parse", "load": "load"}[e.Stage], e.Package)
	}
	return b.String()
}

func (e *LoadError) Unwrap() error { return e.Err }

// loadStackFrame matches a position in a stack trace: "(file:line:col)" or "at file:line:col".
var loadStackFrame = regexp.MustCompile(`(?:\(|at )([^()\s]+):(\d+):\d+`)

// explainLoadError turns a compile or load failure of the server bundle into a *LoadError.
func explainLoadError(res *bundle.Result, stage string, err error) error {
	le := &LoadError{Stage: stage, Err: err}
	var se *jsvm.SyntaxError
	var je *jsvm.JSError
	switch {
	case errors.As(err, &se) && se.File != "":
		le.File, le.Line = se.File, se.FileLine
	case errors.As(err, &je):
		for _, m := range loadStackFrame.FindAllStringSubmatch(je.Stack, -1) {
			f := m[1]
			if strings.HasPrefix(f, "jsvm/") || strings.HasPrefix(f, "ssrgate") || strings.Contains(f, "native") {
				continue
			}
			le.File = f
			le.Line, _ = strconv.Atoi(m[2])
			break
		}
		if je.Stack != "" {
			le.Err = fmt.Errorf("%w\n%s", err, je.Stack)
		}
	}
	if le.File != "" {
		le.Package = bundle.PackageOf(le.File)
		le.Components = res.ComponentsUsing(le.File)
	}
	return le
}
