package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrgate/ssrgate/internal/jsvm/ssrhost"
)

// TestPatchesApply checks every patch against the installed framework
// version: each edit matches exactly once.
func TestPatchesApply(t *testing.T) {
	files := map[string]string{
		"react-dom server": filepath.Join(repoRoot, "node_modules/react-dom/cjs/react-dom-server-legacy.browser.production.js"),
		"vue server":       filepath.Join(repoRoot, "node_modules/@vue/server-renderer/dist/server-renderer.esm-bundler.js"),
		"vue reactivity":   filepath.Join(repoRoot, "node_modules/@vue/reactivity/dist/reactivity.esm-bundler.js"),
		"vue shared":       filepath.Join(repoRoot, "node_modules/@vue/shared/dist/shared.esm-bundler.js"),
	}
	for label, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for _, p := range patches {
			if !p.file.MatchString(path) {
				continue
			}
			matched++
			out, err := p.apply(string(src))
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			if out == string(src) {
				t.Fatalf("%s: patch changed nothing", label)
			}
		}
		if matched == 0 {
			t.Errorf("no patch for %s", label)
		}
	}
	// A changed framework fails loudly.
	if _, err := patches[0].apply("function renderToStringImpl() {}"); err == nil || !strings.Contains(err.Error(), "found 0 times") {
		t.Errorf("missing code not reported: %v", err)
	}
}

// TestVuePatchReadsNativeHelpers: the patched @vue/server-renderer reads
// each native helper it is meant to use, so dropping an edit (which
// TestPatchesApply and the Node-diff corpus would not notice: Vue's own
// code is correct, only slower) fails here.
func TestVuePatchReadsNativeHelpers(t *testing.T) {
	path := filepath.Join(repoRoot, "node_modules/@vue/server-renderer/dist/server-renderer.esm-bundler.js")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(src)
	for _, p := range patches {
		if p.file.MatchString(path) {
			if out, err = p.apply(out); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range []string{ssrhost.EscapeHTML, ssrhost.JoinChunks, ssrhost.Buffer, ssrhost.VueHelper} {
		if !strings.Contains(out, "globalThis."+name) {
			t.Errorf("the patched Vue server renderer never reads %s", name)
		}
	}
	for _, helper := range []string{"attr", "interpolate", "class"} {
		if !strings.Contains(out, ssrhost.VueHelper+`("`+helper+`"`) {
			t.Errorf("the patched Vue server renderer does not install the native %q helper", helper)
		}
	}
}
