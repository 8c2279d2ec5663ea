package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
