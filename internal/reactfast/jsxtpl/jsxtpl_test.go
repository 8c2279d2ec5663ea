package jsxtpl

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
)

// transform is esbuild's JSX transform as the server build's plugin runs it.
func transform(t *testing.T, name, src string) string {
	t.Helper()
	loader := api.LoaderJSX
	if strings.HasSuffix(name, ".tsx") {
		loader = api.LoaderTSX
	}
	r := api.Transform(src, api.TransformOptions{Loader: loader, JSX: api.JSXAutomatic, Target: api.ESNext, Sourcefile: name})
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %v", name, r.Errors[0].Text)
	}
	return string(r.Code)
}

// expressionIdentifiers lists the identifiers a module's code uses (not
// property names) with their lines, leaving out the names the rewrite
// adds and the jsx functions it removes.
func expressionIdentifiers(t *testing.T, code string, drop map[string]bool) []string {
	t.Helper()
	prog, err := parser.ParseFile(nil, "", blankModuleSyntax(code), 0, parser.WithDisableSourceMaps)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, code)
	}
	return expressionIdentifiersOf(prog, file.NewFile("", code, 1), drop)
}

func expressionIdentifiersOf(n ast.Node, f *file.File, drop map[string]bool) []string {
	var out []string
	visit(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.PropertyKeyed:
			if !n.Computed {
				out = append(out, expressionIdentifiersOf(n.Value, f, drop)...)
				return false
			}
		case *ast.Identifier:
			name := n.Name.String()
			if !drop[name] && !strings.HasPrefix(name, "__ssrgate") {
				out = append(out, fmt.Sprintf("%s@%d", name, f.Position(int(n.Idx)-1).Line))
			}
		}
		return true
	})
	return out
}

// corpus is every JSX component in the repository's test corpora and demo.
func corpus(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, pattern := range []string{"../../../components/*.[jt]sx", "../../../ssr/testdata/corpus/*.[jt]sx", "../../libcorpus/testdata/components/*.[jt]sx"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files[p] = string(b)
		}
	}
	if len(files) < 50 {
		t.Fatalf("found %d JSX files; the corpora have more", len(files))
	}
	return files
}

// TestRewriteKeepsCodeOnItsLines rewrites every corpus component and checks
// that each identifier the code uses is still there, in order, on the line
// it was on: the holes are the original expressions, in place.
func TestRewriteKeepsCodeOnItsLines(t *testing.T) {
	templated := 0
	for path, src := range corpus(t) {
		code := transform(t, filepath.Base(path), src)
		out, n := Rewrite(code)
		if n == 0 {
			continue
		}
		templated++
		if strings.Count(out, "\n") != strings.Count(code, "\n") {
			t.Errorf("%s: %d lines became %d", path, strings.Count(code, "\n"), strings.Count(out, "\n"))
		}
		drop := map[string]bool{"jsx": true, "jsxs": true}
		before, after := expressionIdentifiers(t, code, drop), expressionIdentifiers(t, out, drop)
		if strings.Join(before, " ") != strings.Join(after, " ") {
			t.Errorf("%s: the code's identifiers moved:\n before %v\n after  %v\n%s", path, before, after, out)
		}
	}
	if templated < 40 {
		t.Errorf("only %d corpus components got templates", templated)
	}
	t.Logf("%d corpus components compiled to templates", templated)
}

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the output
		templates int
	}{
		{"parenthesized holes", `export default function X({a, f}) { return <p title={(0, f)(a)} data-x={(a, 1)}>{(a)}</p>; }`,
			[]string{`__ssrgateTpl(__ssrgateT0, [ (0, f)(a),  (a, 1),  a])`, `__ssrgateTplDef(["p", ["title", 1, 0, "data-x", 1, 1], [1, 2]])`}, 1},
		{"literals and nesting", `export const X = () => <ul className="l" hidden={true} tabIndex={-1}><li>a</li>{"b"}<li id="z">{1}</li></ul>;`,
			[]string{`["ul", ["className", 0, "l", "hidden", 0, true, "tabIndex", 1, 0], [[2, ["li", [], [0, "a"]]], [0, "b"], [2, ["li", ["id", 0, "z"], [1, 1]]]]]`}, 1},
		{"keyed rows in a hole", `export default ({rows}) => <ul>{rows.map((r) => <li key={r.id}>{r.name}</li>)}</ul>;`,
			[]string{`__ssrgateTpl(__ssrgateT1, [ r.name],  r.id)`}, 2},
		{"shorthand children", `export default function X({children}) { return <div>{children}</div>; }`,
			[]string{`__ssrgateTpl(__ssrgateT0, [children])`}, 1},
		{"spread props stay jsx", `export default (p) => <div {...p}>x</div>;`, nil, 0},
		{"key after spread stays createElement", `export default (p) => <div {...p} key="k" />;`, nil, 0},
		{"components and fragments stay jsx", `import C from "./C"; export default () => <><C a="1" /></>;`, nil, 0},
		{"custom elements stay jsx", `export default () => <my-el a="1" />;`, nil, 0},
		{"ref stays jsx", `export default ({r}) => <div ref={r} />;`, nil, 0},
		{"a module goja's parser cannot read is left alone", `const u = import.meta.url; export default () => <p>{u}</p>;`, nil, 0},
		{"classic JSX is left alone", `/** @jsxRuntime classic */ import React from "react"; export default () => <p>x</p>;`, nil, 0},
	}
	for _, tt := range tests {
		code := transform(t, "X.jsx", tt.src)
		out, n := Rewrite(code)
		if n != tt.templates {
			t.Errorf("%s: %d templates, want %d:\n%s", tt.name, n, tt.templates, out)
			continue
		}
		if n == 0 && out != code {
			t.Errorf("%s: no templates but the code changed", tt.name)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %s:\n%s", tt.name, w, out)
			}
		}
	}
}
