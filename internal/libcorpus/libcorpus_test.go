package libcorpus_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/vuesfc"
	"github.com/ssrgate/ssrgate/ssr"
)

// Layout: testdata/components/NAME.{jsx,tsx,vue} with NAME.props.json beside it (prop-set name -> props);
// testdata/node_modules from testdata/package-lock.json; testdata/components/_node/render.js is the Node
// side. Each (component, prop set) is one case.
const (
	root       = "testdata"
	components = "testdata/components"
)

// knownDifferences are cases whose goja output is not yet Node's, each with the reason. The test fails
// if one of them starts matching, so the list cannot go stale, and README lists the same cases.
var knownDifferences = map[string]string{}

type corpusCase struct {
	Name      string `json:"case"`
	Component string `json:"component"`
	Ext       string `json:"ext"`
	Props     string `json:"props"`
}

type nodeResult struct {
	HTML  *string `json:"html"`
	Error string  `json:"error"`
}

func requireInstalled(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("node not found on PATH and SSRGATE_REQUIRE_NODE=1: %v", err)
		}
		t.Skipf("node not found on PATH (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", ".package-lock.json")); err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("the corpus packages are not installed: run npm ci --prefix internal/libcorpus/testdata (make test does)")
		}
		t.Skip("the corpus packages are not installed: run npm ci --prefix internal/libcorpus/testdata")
	}
	return node
}

// TestLibraryCorpus renders every case with ssrgate (goja) and with Node's renderToString and compares
// the HTML byte for byte.
func TestLibraryCorpus(t *testing.T) {
	node := requireInstalled(t)
	cases := loadCases(t)
	if len(cases) < 20 {
		t.Fatalf("only %d cases: the corpus must cover at least 20 components", len(cases))
	}
	// make test runs with TZ=UTC, where time.Local is UTC already and is
	// not written: writing it races with any goroutine's timer reading it
	// (time.Now), which -race reports. Run with another TZ, the test swaps it.
	if os.Getenv("TZ") != "UTC" {
		saved := time.Local
		time.Local = time.UTC
		t.Cleanup(func() { time.Local = saved })
	}

	want := renderNode(t, node, cases)
	eng, err := ssr.New(ssr.Config{ComponentsDir: components, Root: root, CacheTTL: -1, Strict: true, PoolSize: 1, AcquireTimeout: time.Minute,
		// Identity, not speed, is tested here: highlight.js auto-detection tries every
		// grammar and takes seconds under -race on a busy machine.
		RenderTimeout: time.Minute})
	if err != nil {
		t.Fatalf("ssr.New over the library corpus: %v", err)
	}
	t.Cleanup(func() { eng.Close() })

	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			w := want[c.Name]
			if w.Error != "" || w.HTML == nil {
				t.Fatalf("node failed to render %s (fix the case; Node is the reference):\n%s", c.Name, w.Error)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			got, err := eng.Render(ctx, c.Component, json.RawMessage(c.Props))
			diff := ""
			if err != nil {
				var re *ssr.RenderError
				diff = "goja render failed: " + err.Error()
				if errors.As(err, &re) && re.Stack != "" {
					diff += "\n" + re.Stack
				}
			} else {
				diff = compare(*w.HTML, got)
			}
			if len(diff) > 3000 {
				diff = diff[:3000] + " …"
			}
			if reason, known := knownDifferences[c.Name]; known {
				if diff == "" {
					t.Fatalf("%s now matches Node: remove it from knownDifferences (and README)", c.Name)
				}
				t.Logf("known difference (%s):\n%s", reason, diff)
				return
			}
			if diff != "" {
				t.Errorf("goja output differs from Node's\n%s", diff)
			}
		})
	}
}

func compare(want, got string) string {
	if want == got {
		return ""
	}
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	ex := func(s string) string { return fmt.Sprintf("%q", s[max(0, min(i, len(s))-60):min(i+80, len(s))]) }
	return fmt.Sprintf("first difference at byte %d (node %d bytes, goja %d)\n  node: %s\n  goja: %s", i, len(want), len(got), ex(want), ex(got))
}

func loadCases(t *testing.T) []corpusCase {
	t.Helper()
	comps, err := bundle.Discover(components)
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	for _, c := range comps {
		raw, err := os.ReadFile(filepath.Join(components, c.Name+".props.json"))
		if err != nil {
			t.Fatalf("component %s has no props file %s.props.json", c.Name, c.Name)
		}
		var sets map[string]json.RawMessage
		if err := json.Unmarshal(raw, &sets); err != nil || len(sets) == 0 {
			t.Fatalf("%s.props.json: want an object from prop-set name to props (%v)", c.Name, err)
		}
		for set, props := range sets {
			cases = append(cases, corpusCase{Name: c.Name + "/" + set, Component: c.Name, Ext: filepath.Ext(c.Path), Props: string(props)})
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	for name := range knownDifferences {
		if !slicesContainsCase(cases, name) {
			t.Errorf("knownDifferences lists %s, which is not a case", name)
		}
	}
	return cases
}

func slicesContainsCase(cases []corpusCase, name string) bool {
	for _, c := range cases {
		if c.Name == name {
			return true
		}
	}
	return false
}

// renderNode bundles _node/render.js for Node with the server build's settings and runs it over all cases.
func renderNode(t *testing.T, node string, cases []corpusCase) map[string]nodeResult {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	sfc, err := vuesfc.New(filepath.Join(abs, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opts := bundle.NodeOptions(abs)
	opts.EntryPoints = []string{filepath.Join(abs, "components", "_node", "render.js")}
	opts.Outdir = out
	opts.Plugins = []api.Plugin{sfc.Plugin(vuesfc.PluginOptions{SSR: true, Root: abs})}
	r := api.Build(opts)
	if len(r.Errors) > 0 {
		msgs := make([]string, len(r.Errors))
		for i, m := range r.Errors {
			msgs[i] = bundle.FormatMessage(m)
		}
		t.Fatalf("bundle the node renderer:\n%s", strings.Join(msgs, "\n"))
	}
	script := ""
	for _, f := range r.OutputFiles {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.Path, f.Contents, 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f.Path, ".js") {
			script = f.Path
		}
	}
	input, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = out
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "TZ" && k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "TZ=UTC", "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\nstderr:\n%s", script, err, stderr.String())
	}
	var res map[string]nodeResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("node output is not JSON: %v\nstderr:\n%s", err, stderr.String())
	}
	return res
}
