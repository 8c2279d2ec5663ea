package vuesfc

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/render/*.html golden files from Node's output")

// TestNodeDiff renders every component of testdata/render in Node (CommonJS
// bundle, Node's own vue and @vue/server-renderer) and requires the bytes of
// its golden file; -update writes Node's output there. The golden files are
// thus Node's renders, never goja's: TestEngineMatchesNodeGoldens (in
// engine_parity_test.go) requires the same bytes from the engine that serves
// pages, so goja is held to Node through them.
//
// Break it: edit a golden file, or change a component without -update.
func TestNodeDiff(t *testing.T) {
	c := testCompiler(t)
	files, err := filepath.Glob("testdata/render/*.vue")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	node := requireNode(t)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".vue")
		t.Run(name, func(t *testing.T) {
			propsFile := strings.TrimSuffix(file, ".vue") + ".props.json"
			bundle := writeTemp(t, name+".cjs", buildComponent(t, c, file, true))
			cmd := exec.Command(node, abs(t, "testdata/render-node.cjs"), bundle, abs(t, propsFile))
			cmd.Env = append(nodeEnv(), "NODE_PATH="+abs(t, nodeModules), "NODE_ENV=production")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			got, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, stderr.String())
			}
			golden := strings.TrimSuffix(file, ".vue") + ".html"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(golden); err != nil {
				t.Errorf("missing golden file (run with -update): %v", err)
			} else if string(got) != string(want) {
				t.Errorf("Node's output differs from %s\nnode:   %s\ngolden: %s\nfirst difference at byte %d", golden, got, want, firstDiff(string(got), string(want)))
			}
		})
	}

	// Golden files without a component are stale: fail like esbuild's
	// snapshot tests do on orphaned snapshots.
	goldens, _ := filepath.Glob("testdata/render/*.html")
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".html") + ".vue"); err != nil {
			t.Errorf("orphaned golden file %s", g)
		}
	}
}

func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
