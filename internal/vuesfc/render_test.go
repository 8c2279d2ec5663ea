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

var update = flag.Bool("update", false, "rewrite testdata/render/*.html golden files from goja's output")

// TestNodeDiff renders every component of testdata/render in goja (server
// bundle built like the lead's: IIFE, platform neutral) and in Node (CommonJS
// bundle, Node's own vue and @vue/server-renderer) and requires identical
// bytes: hydration depends on it. The goja output is also kept as a golden
// file so that an unintended change shows up even without Node.
func TestNodeDiff(t *testing.T) {
	c := testCompiler(t)
	files, err := filepath.Glob("testdata/render/*.vue")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	node, nodeErr := exec.LookPath("node")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".vue")
		t.Run(name, func(t *testing.T) {
			propsFile := strings.TrimSuffix(file, ".vue") + ".props.json"
			props, err := os.ReadFile(propsFile)
			if err != nil {
				t.Fatal(err)
			}
			got := renderGoja(t, buildComponent(t, c, file, false), string(props))

			golden := strings.TrimSuffix(file, ".vue") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(golden); err != nil {
				t.Errorf("missing golden file (run with -update): %v", err)
			} else if got != string(want) {
				t.Errorf("goja output differs from %s:\ngot:  %s\nwant: %s", golden, got, want)
			}

			if nodeErr != nil {
				t.Skip("node not installed; compared with the golden file only")
			}
			bundle := writeTemp(t, name+".cjs", buildComponent(t, c, file, true))
			cmd := exec.Command(node, abs(t, "testdata/render-node.cjs"), bundle, abs(t, propsFile))
			cmd.Env = append(os.Environ(), "NODE_PATH="+abs(t, nodeModules), "NODE_ENV=production")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, stderr.String())
			}
			if got != string(want) {
				t.Errorf("goja and Node differ\ngoja: %s\nnode: %s\nfirst difference at byte %d", got, want, firstDiff(got, string(want)))
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
