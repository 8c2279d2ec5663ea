package vuesfc

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDiskCache: the driver bundle is made once, reused while its inputs
// are unchanged, and made again when one changes; a compiled file is
// reused by the next Compiler, which then starts no runtime, and compiled
// again when the compiler changes. It works on a copy of
// @vue/compiler-sfc, so the change is real.
//
// Break it: drop the input check in cachedDriver (the edited compiler is
// not picked up), stop writing an entry (the second call bundles or
// compiles), or leave the driver out of the output folder's name.
func TestDiskCache(t *testing.T) {
	nm := t.TempDir()
	pkg := filepath.Join(nm, "@vue", "compiler-sfc")
	for _, f := range []string{"package.json", "dist/compiler-sfc.esm-browser.js"} {
		b, err := os.ReadFile(filepath.Join(nodeModules, "@vue", "compiler-sfc", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(pkg, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkg, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cacheDir := filepath.Join(nm, ".cache", "ssrgate")
	src := "<template><p class=\"x\">{{ msg }}</p></template>\n<script setup>\ndefineProps(['msg'])\n</script>\n"
	compileWith := func(step string) (Result, int64, bool) {
		t.Helper()
		c, err := New(nm)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		res, err := c.Compile("Hello.vue", src, true)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return res, c.compiles.Load(), c.program != nil
	}
	if _, ok := cachedDriver(nm, cacheDir); ok {
		t.Fatal("a cache hit before anything was stored")
	}
	first, err := driver(nm, cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(driverCacheFile(cacheDir)); err != nil {
		t.Fatalf("no cache entry after the first bundle: %v", err)
	}
	hit, ok := cachedDriver(nm, cacheDir)
	if !ok || hit != first {
		t.Fatalf("second start: hit %v, same code %v", ok, hit == first)
	}

	compiled, n, started := compileWith("first compile")
	if n != 1 || !started {
		t.Fatalf("first compile: %d compilations, runtime started %v", n, started)
	}
	again, n, started := compileWith("second compile")
	if n != 0 || started || again.JS != compiled.JS || again.Map != compiled.Map || again.Lang != compiled.Lang {
		t.Fatalf("second Compiler: %d compilations, runtime started %v, same result %v", n, started, again.JS == compiled.JS)
	}

	// The installed compiler changes (an upgrade, a patch): the entry is stale.
	browser := filepath.Join(pkg, "dist", "compiler-sfc.esm-browser.js")
	b, err := os.ReadFile(browser)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(b, []byte("\nexport {"))
	if i < 0 {
		t.Fatal("no export statement in the browser build")
	}
	edited := append(append(slices.Clone(b[:i]), "\nglobalThis.__driverCacheMarker = 1;"...), b[i:]...)
	if err := os.WriteFile(browser, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := cachedDriver(nm, cacheDir); ok {
		t.Fatal("cache hit after the compiler's file changed")
	}
	rebundled, err := driver(nm, cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rebundled, "__driverCacheMarker") || strings.Contains(first, "__driverCacheMarker") {
		t.Fatal("the rebundled driver does not hold the changed compiler")
	}
	if hit, ok := cachedDriver(nm, cacheDir); !ok || hit != rebundled {
		t.Fatal("the new bundle was not stored")
	}
	if _, n, started := compileWith("compile after the compiler changed"); n != 1 || !started {
		t.Fatalf("a changed compiler reused old output: %d compilations", n)
	}

	// An unwritable cache only costs the bundling.
	if _, err := driver(nm, filepath.Join(browser, "not-a-dir")); err != nil {
		t.Fatalf("unwritable cache: %v", err)
	}
}

// TestDriverAssembled: the installed compiler's browser build is assembled
// into the driver without esbuild reading it, and compiles a component to
// the same output as the bundled driver (the way it was built before, and
// the fallback for a layout assembleDriver does not know).
//
// Break it: change the export statement the assembly looks for (the
// installed compiler falls back to bundling and this fails), or map an
// export to the wrong local name (the compile fails).
func TestDriverAssembled(t *testing.T) {
	assembled, inputs, err := assembleDriver(abs(t, nodeModules))
	if err != nil {
		t.Fatalf("the installed @vue/compiler-sfc is not assembled (did its browser build change?): %v", err)
	}
	if len(inputs) != 2 {
		t.Errorf("inputs %v", inputs)
	}
	bundled, _, err := bundleDriver(abs(t, nodeModules))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/render/Greeting.vue")
	if err != nil {
		t.Fatal(err)
	}
	for _, ssr := range []bool{true, false} {
		a, err := newCompiler(assembled, "").Compile("render/Greeting.vue", string(src), ssr)
		if err != nil {
			t.Fatalf("assembled driver, ssr=%v: %v", ssr, err)
		}
		b, err := newCompiler(bundled, "").Compile("render/Greeting.vue", string(src), ssr)
		if err != nil {
			t.Fatalf("bundled driver, ssr=%v: %v", ssr, err)
		}
		if a.JS != b.JS || a.CSS != b.CSS || a.Map != b.Map || a.Lang != b.Lang {
			t.Errorf("ssr=%v: the assembled and the bundled driver compile differently:\n%s\n---\n%s", ssr, a.JS, b.JS)
		}
	}
}
