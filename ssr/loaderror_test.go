package ssr

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestLoadErrorNamesLibrary starts an engine over two components, one importing a library that throws
// while the bundle loads (it touches window at import, as browser-only libraries do): New fails with a
// *LoadError naming the library's file and line, its package and the component that imports it.
func TestLoadErrorNamesLibrary(t *testing.T) {
	root := t.TempDir()
	nm := filepath.Join(root, "node_modules")
	for _, pkg := range []string{"react", "react-dom", "scheduler"} {
		abs, err := filepath.Abs(filepath.Join("..", "node_modules", pkg))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); err != nil {
			continue
		}
		if err := os.MkdirAll(nm, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(abs, filepath.Join(nm, pkg)); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"node_modules/browser-only/package.json": `{"name": "browser-only", "main": "index.js"}`,
		"node_modules/browser-only/index.js":     "// a library that assumes a browser\nwindow.addEventListener(\"resize\", () => {});\nexports.size = () => 1;\n",
		"components/Widget.jsx":                  "import { size } from \"browser-only\";\nexport default function Widget() { return <p>{size()}</p>; }\n",
		"components/Plain.jsx":                   "export default function Plain() { return <p>plain</p>; }\n",
	}
	for p, s := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := New(Config{ComponentsDir: filepath.Join(root, "components"), Root: root, PoolSize: 1})
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("New = %v; want a *LoadError", err)
	}
	if le.Stage != "load" || le.File != "node_modules/browser-only/index.js" || le.Line != 2 || le.Package != "browser-only" ||
		!reflect.DeepEqual(le.Components, []string{"Widget"}) {
		t.Errorf("LoadError = %+v", le)
	}
	for _, want := range []string{"node_modules/browser-only/index.js:2", "package browser-only", "component Widget", "window is not defined"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}
