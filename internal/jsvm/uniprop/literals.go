package uniprop

import (
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
)

// ExpandLiterals rewrites Unicode property escapes in the regexp literals of a parsed program, as the
// RegExp wrapper (js/regexp.js) does for new RegExp(...). goja compiles literals itself, without calling the
// global RegExp, and its engine does not know \p{...}: outside a class it silently never matches, inside a
// class it is read as the letters p, {, L, }. esbuild lowers most such literals to new RegExp(...), but not
// all (it leaves /[^\p{L}\p{N}\s]/u alone), so the bundle's AST is fixed here before compiling.
//
// goja's ast package has no walker; reflection visits every node. It runs once per Compile.
func ExpandLiterals(prg *ast.Program) error {
	var firstErr error
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if lit, ok := v.Interface().(*ast.RegExpLiteral); ok {
				if err := expandLiteral(lit); err != nil && firstErr == nil {
					firstErr = err
				}
				return
			}
			if _, ok := v.Interface().(*file.File); ok {
				return
			}
			if seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(prg))
	return firstErr
}

func expandLiteral(lit *ast.RegExpLiteral) error {
	if !strings.ContainsAny(lit.Flags, "uv") || !strings.Contains(lit.Pattern, `\p{`) && !strings.Contains(lit.Pattern, `\P{`) {
		return nil
	}
	p, err := Expand(lit.Pattern)
	if err != nil {
		return err
	}
	lit.Pattern = p
	lit.Flags = strings.ReplaceAll(lit.Flags, "v", "u")
	return nil
}
