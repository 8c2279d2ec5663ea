package jsvm

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// TestSyntaxErrorMappedToLibrary bundles a library whose third line holds import(), which esbuild keeps
// (dynamic-import not lowered here) and goja cannot parse: the error names the library's file and line.
func TestSyntaxErrorMappedToLibrary(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "node_modules", "badlib")
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		filepath.Join(lib, "index.js"): "export const a = 1;\nexport function load(m) {\n  return import(m);\n}\n",
		filepath.Join(dir, "entry.js"): "import { a, load } from \"badlib\";\nglobalThis.x = [a, load];\n",
	}
	for p, s := range files {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join(dir, "entry.js")}, Bundle: true, Format: api.FormatIIFE,
		Sourcemap: api.SourceMapInline, Outdir: dir, AbsWorkingDir: dir, Write: false, LogLevel: api.LogLevelSilent,
	})
	if len(r.Errors) > 0 || len(r.OutputFiles) == 0 {
		t.Fatalf("esbuild: %v", r.Errors)
	}
	var src string
	for _, f := range r.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			src = string(f.Contents)
		}
	}
	_, err := Compile("bundle.js", src)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Compile = %v; want a *SyntaxError", err)
	}
	if se.File != "node_modules/badlib/index.js" || se.FileLine != 3 || se.Line == 0 || se.Message == "" {
		t.Errorf("SyntaxError = %+v; want node_modules/badlib/index.js line 3", se)
	}
	if !strings.Contains(err.Error(), "node_modules/badlib/index.js:3:") {
		t.Errorf("message does not name the library's file and line: %v", err)
	}
}
