package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// repoRoot is where node_modules lives.
const repoRoot = "../.."

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"A.jsx": "", "shop/Cart.tsx": "", "V.vue": "", "plain.js": "export default 1",
		"vueish.ts": "import { h } from 'vue'\n", "_lib/x.js": "", "A.test.jsx": "", "types.d.ts": "",
		".hidden/B.jsx": "", "style.css": "",
	}
	for p, s := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(s), 0o644)
	}
	comps, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range comps {
		got = append(got, c.Name+":"+string(c.Framework))
	}
	want := "A:react V:vue plain:react shop/Cart:react vueish:vue"
	if strings.Join(got, " ") != want {
		t.Fatalf("Discover = %v, want %s", got, want)
	}
}

func TestDiscoverDuplicate(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "A.jsx"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "A.vue"), nil, 0o644)
	if _, err := Discover(dir); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Fatalf("want duplicate error, got %v", err)
	}
}

func TestBuildDemo(t *testing.T) {
	res, err := Build(Options{ComponentsDir: repoRoot + "/components", Root: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	e, ok := res.Manifest.Components["ProductList"]
	if !ok || !strings.HasPrefix(e.JS, "islands/ProductList-") || len(e.CSS) != 1 {
		t.Fatalf("manifest entry = %+v", e)
	}
	if _, ok := res.Client[e.JS]; !ok {
		t.Fatalf("client files lack %s", e.JS)
	}
	if _, ok := res.Client[e.CSS[0]]; !ok {
		t.Fatalf("client files lack %s", e.CSS[0])
	}
	// CSS-module class names must be the same in both builds, or the
	// server's class attributes match no browser rule.
	css := string(res.Client[e.CSS[0]])
	for _, cls := range []string{"ProductList_catalog", "ProductList_price"} {
		if !strings.Contains(res.Server, `"`+cls+`"`) || !strings.Contains(css, "."+cls) {
			t.Errorf("class %s not in both the server bundle and the browser CSS:\n%s", cls, css)
		}
	}
	// ... and the browser's JS must use them too (the client minify pass
	// renames identifiers only).
	js := string(res.Client[e.JS])
	for _, cls := range []string{"ProductList_catalog", "ProductList_price"} {
		if !strings.Contains(js, `"`+cls) {
			t.Errorf("class %s not in the browser entry %s", cls, e.JS)
		}
	}
	if !strings.HasPrefix(res.Manifest.Runtime, "runtime-") {
		t.Fatalf("runtime = %q", res.Manifest.Runtime)
	}
	if _, ok := res.Manifest.Components["shop/Cart"]; !ok {
		t.Fatal("nested component shop/Cart missing")
	}
	// The server bundle renders with nothing but goja and the two globals
	// React's legacy renderer touches.
	vm := goja.New()
	if _, err := vm.RunString(res.Server); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString(`__ssr.render("Counter", '{"start":3}')`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.String(), `<button type="button" class="counter">Count<!-- -->: <!-- -->3</button>`; got != want {
		t.Fatalf("render = %s, want %s", got, want)
	}
}

// TestClientMinified: production client JS has its identifiers renamed
// (React's production CommonJS is readable source); dev builds keep them.
func TestClientMinified(t *testing.T) {
	sizes := map[bool]int{}
	for _, dev := range []bool{false, true} {
		res, err := Build(Options{ComponentsDir: repoRoot + "/components", Root: repoRoot, Dev: dev})
		if err != nil {
			t.Fatal(err)
		}
		all := ""
		for name, b := range res.Client {
			if strings.HasSuffix(name, ".js") {
				sizes[dev] += len(b)
				all += string(b)
			}
		}
		// A local variable of react-dom's production client.
		if has := strings.Contains(all, "REACT_ELEMENT_TYPE"); has != dev {
			t.Errorf("dev=%v: long local identifiers present=%v", dev, has)
		}
	}
	if sizes[false]*10 > sizes[true]*6 {
		t.Errorf("production JS %d bytes is not under 60%% of the dev build's %d", sizes[false], sizes[true])
	}
}

func TestBuildErrorHasPosition(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Bad.jsx"), []byte("export default function Bad() {\n  const x = ;\n  return x;\n}\n"), 0o644)
	_, err := Build(Options{ComponentsDir: dir, Root: repoRoot})
	var be *Error
	if !errors.As(err, &be) {
		t.Fatalf("want *Error, got %v", err)
	}
	if !strings.Contains(err.Error(), "Bad.jsx:2:") {
		t.Fatalf("error lacks file:line: %v", err)
	}
}

// TestNodeBuiltinsDocumented checks README's table of Node built-ins against the rule the build applies,
// so the documented decision for each module is the one in force.
func TestNodeBuiltinsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(readme), "### Node built-ins and libraries")
	if !ok {
		t.Fatal(`README has no "### Node built-ins and libraries" section`)
	}
	documented := map[string]string{}
	for _, line := range strings.Split(sec, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 4 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		policy := strings.TrimSpace(cells[1])
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(cells[2], -1) {
			documented[m[1]] = policy
		}
	}
	for name, policy := range NodeBuiltinPolicy() {
		if documented[name] != policy {
			t.Errorf("README documents %s as %q; the build resolves it as %q", name, documented[name], policy)
		}
	}
}

// TestNodeBuiltinStubs builds a component importing Node built-ins that have no polyfill in the demo's
// node_modules: the build succeeds, importing and subclassing work, and a call throws naming the module.
func TestNodeBuiltinStubs(t *testing.T) {
	dir := t.TempDir()
	src := `import fs from "node:fs";
import { Readable } from "stream";
import { EventEmitter } from "events";
class Lines extends Readable {}
export default function Files({ read }) {
  if (read) return fs.readFileSync("/etc/passwd", "utf8");
  return [typeof Lines, typeof fs.readFileSync, typeof EventEmitter].join(" ");
}
`
	if err := os.WriteFile(filepath.Join(dir, "Files.jsx"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{ComponentsDir: dir, Root: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	if _, err := vm.RunString(res.Server); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString(`__ssr.render("Files", '{}')`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "function function function"; v.String() != want {
		t.Errorf("render = %q, want %q", v, want)
	}
	_, err = vm.RunString(`__ssr.render("Files", '{"read": true}')`)
	want := `fs.readFileSync() is not available in ssrgate server renders: Node built-in module "fs" is a stub here`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("calling a stub: err = %v, want it to contain %q", err, want)
	}
}

// TestServerBuildCompilesTemplates: the demo's React components reach the
// server bundle as templates (package jsxtpl), and not with the React
// renderer set to "react" (NoReactFast).
func TestServerBuildCompilesTemplates(t *testing.T) {
	for _, noFast := range []bool{false, true} {
		res, err := Build(Options{ComponentsDir: repoRoot + "/components", Root: repoRoot, NoReactFast: noFast})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(res.Server, "__ssrgateT0 = "); got == noFast {
			t.Errorf("NoReactFast=%v: server bundle has templates: %v", noFast, got)
		}
	}
}
