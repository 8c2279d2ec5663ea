package ssr_test

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

// The Node-diff corpus guards the rule that server HTML is byte-identical to
// Node's react-dom/server renderToString: hydration depends on it.
//
// Layout of testdata/corpus: every component (Name.jsx or Name.tsx) has a
// Name.props.json beside it, a JSON object from prop-set name to props:
//
//	{"default": {"title": "x"}, "empty": {}}
//
// Each (component, prop set) is one case, "Name/set". A component without a
// props file, or a props file without a component, fails the test, so cases
// cannot silently drop out. _node/render.js is the Node side; directories
// starting with "_" are not components (bundle.Discover skips them).
const nodeDiffCorpus = "testdata/corpus"

// nodeDiffCase is one render compared between goja and Node.
type nodeDiffCase struct {
	Name      string `json:"case"`      // "Component/set"
	Component string `json:"component"` // component name as the engine knows it
	Ext       string `json:"ext"`       // ".jsx" or ".tsx"
	Props     string `json:"props"`     // the prop set's JSON text, as written in the file
}

// nodeDiffResult is one entry of the Node script's output.
type nodeDiffResult struct {
	HTML  *string `json:"html"`
	Error string  `json:"error"`
}

func TestNodeDiff(t *testing.T) {
	node := nodeDiffNode(t)
	cases := nodeDiffLoadCorpus(t)

	// Both sides render in UTC. Node reads TZ per process (set on the
	// command below). goja reads Go's time.Local on every Date operation,
	// and the time package loads it from $TZ only once, so set it directly
	// for the duration of this test (no other test runs in parallel).
	// make test runs with TZ=UTC, where time.Local is UTC already and is
	// not written: writing it races with any goroutine's timer reading it
	// (time.Now), which -race reports. Run with another TZ, the test swaps it.
	if os.Getenv("TZ") != "UTC" {
		saved := time.Local
		time.Local = time.UTC
		t.Cleanup(func() { time.Local = saved })
	}

	want := nodeDiffRenderNode(t, node, cases)

	// The comparison must be able to fail: a mutated copy of a real Node
	// output has to be reported as different.
	for _, c := range cases {
		r := want[c.Name]
		if r.HTML == nil || len(*r.HTML) < 2 {
			continue
		}
		h := *r.HTML
		mutated := h[:len(h)/2] + "X" + h[len(h)/2+1:]
		if h[len(h)/2] == 'X' {
			mutated = h[:len(h)/2] + "Y" + h[len(h)/2+1:]
		}
		if nodeDiff(h, mutated) == "" {
			t.Fatalf("self-check: nodeDiff found no difference between %s's Node output and a mutated copy", c.Name)
		}
		break
	}

	eng, err := ssr.New(ssr.Config{
		ComponentsDir: nodeDiffCorpus,
		Root:          "..", // node_modules is at the repository root
		CacheTTL:      -1,
		Strict:        true,
		PoolSize:      1,
	})
	if err != nil {
		t.Fatalf("ssr.New over the corpus: %v", err)
	}
	t.Cleanup(func() { eng.Close() })

	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			w, ok := want[c.Name]
			switch {
			case !ok:
				t.Fatalf("node printed no result for %s", c.Name)
			case w.Error != "":
				t.Fatalf("node failed to render %s (fix the case; Node is the reference):\n%s", c.Name, w.Error)
			case w.HTML == nil:
				t.Fatalf("node printed neither html nor error for %s", c.Name)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := eng.Render(ctx, c.Component, json.RawMessage(c.Props))
			if err != nil {
				var re *ssr.RenderError
				if errors.As(err, &re) && re.Stack != "" {
					t.Fatalf("goja render failed: %v\n%s", err, re.Stack)
				}
				t.Fatalf("goja render failed: %v", err)
			}
			nodeDiffKeep(t, c.Name, *w.HTML, got)
			if d := nodeDiff(*w.HTML, got); d != "" {
				t.Errorf("goja output differs from node's renderToString\n%s", d)
			}
		})
	}
}

// TestNodeDiffDetectsMismatch checks nodeDiff itself, without Node: equal
// strings pass, and each kind of alteration is reported at the right offset.
func TestNodeDiffDetectsMismatch(t *testing.T) {
	const html = `<div class="a"><p>Hello <!-- -->World<!-- -->!</p><span>1,234.50 €</span></div>`
	if d := nodeDiff(html, html); d != "" {
		t.Fatalf("identical strings reported as different:\n%s", d)
	}
	sep := strings.Index(html, "<!-- -->")
	nbsp := strings.Index(html, " €")
	tests := []struct {
		name   string
		got    string
		offset int
	}{
		{"changed byte", strings.Replace(html, "World", "Wxrld", 1), strings.Index(html, "World") + 1},
		{"missing separator", strings.Replace(html, "<!-- -->", "", 1), sep},
		{"space instead of no-break space", strings.Replace(html, " €", "\u00a0€", 1), nbsp},
		{"truncated", html[:len(html)-6], len(html) - 6},
		{"extra suffix", html + "\n", len(html)},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := nodeDiff(html, tt.got)
			if d == "" {
				t.Fatalf("mutation not detected: %q", tt.got)
			}
			if wantOff := fmt.Sprintf("first difference at byte %d ", tt.offset); !strings.Contains(d, wantOff) {
				t.Errorf("diff does not report %q:\n%s", wantOff, d)
			}
		})
	}
}

// nodeDiff compares want (Node) with got (goja) byte for byte. It returns ""
// when they are equal, otherwise the first differing byte offset, both
// lengths and ±60 bytes of context from each side.
func nodeDiff(want, got string) string {
	if want == got {
		return ""
	}
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	const ctx = 60
	excerpt := func(s string) string {
		lo, hi := max(i-ctx, 0), min(i+ctx, len(s))
		if lo > len(s) {
			lo = len(s)
		}
		return fmt.Sprintf("%q ⟦at⟧ %q", s[lo:min(i, len(s))], s[min(i, len(s)):hi])
	}
	return fmt.Sprintf("first difference at byte %d (node %d bytes, goja %d bytes)\n  node: %s\n  goja: %s",
		i, len(want), len(got), excerpt(want), excerpt(got))
}

// nodeDiffNode finds node on PATH. Without it the test is skipped, unless
// SSRGATE_REQUIRE_NODE=1 (set in CI), where a skip would hide the guard.
func nodeDiffNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("node not found on PATH and SSRGATE_REQUIRE_NODE=1: %v", err)
		}
		t.Skipf("node not found on PATH (%v); set SSRGATE_REQUIRE_NODE=1 to make this a failure", err)
	}
	return node
}

// nodeDiffLoadCorpus pairs components with their props files and expands
// each prop set into a case, sorted by name.
func nodeDiffLoadCorpus(t *testing.T) []nodeDiffCase {
	t.Helper()
	comps, err := bundle.Discover(nodeDiffCorpus)
	if err != nil {
		t.Fatal(err)
	}
	propsFiles, err := filepath.Glob(filepath.Join(nodeDiffCorpus, "*.props.json"))
	if err != nil {
		t.Fatal(err)
	}
	unused := map[string]bool{}
	for _, p := range propsFiles {
		unused[filepath.Base(p)] = true
	}
	var cases []nodeDiffCase
	for _, c := range comps {
		ext := filepath.Ext(c.Path)
		if (ext != ".jsx" && ext != ".tsx" && ext != ".vue") || strings.Contains(c.Name, "/") {
			t.Fatalf("corpus component %s: only top-level .jsx, .tsx and .vue components are supported (the Node side imports ../NAME.ext)", c.Path)
		}
		file := c.Name + ".props.json"
		delete(unused, file)
		raw, err := os.ReadFile(filepath.Join(nodeDiffCorpus, file))
		if err != nil {
			t.Fatalf("corpus component %s has no props file: add %s with {\"default\": {...}}", c.Name, file)
		}
		var sets map[string]json.RawMessage
		if err := json.Unmarshal(raw, &sets); err != nil {
			t.Fatalf("%s: want an object from prop-set name to props: %v", file, err)
		}
		if len(sets) == 0 {
			t.Fatalf("%s: no prop sets", file)
		}
		for set, props := range sets {
			if !bytes.HasPrefix(bytes.TrimSpace(props), []byte("{")) {
				t.Fatalf("%s: prop set %q is not a JSON object", file, set)
			}
			cases = append(cases, nodeDiffCase{
				Name: c.Name + "/" + set, Component: c.Name, Ext: ext, Props: string(props),
			})
		}
	}
	for f := range unused {
		t.Errorf("orphaned props file %s: no component %s.jsx, .tsx or .vue beside it", f, strings.TrimSuffix(f, ".props.json"))
	}
	if t.Failed() {
		t.FailNow()
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases
}

func nodeDiffVuePlugin(t *testing.T, wd string) api.Plugin {
	t.Helper()
	root := filepath.Dir(wd)
	c, err := vuesfc.New(filepath.Join(root, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	return c.Plugin(vuesfc.PluginOptions{SSR: true, Root: root})
}

// nodeDiffRenderNode bundles _node/render.js for Node (react-dom/server is
// Node's own build there) with the server bundle's JSX, define and loader
// settings, runs it once over all cases and returns its results by case.
func nodeDiffRenderNode(t *testing.T, node string, cases []nodeDiffCase) map[string]nodeDiffResult {
	t.Helper()
	wd, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opts := bundle.NodeOptions(filepath.Dir(wd)) // react resolves from ../node_modules
	opts.EntryPoints = []string{filepath.Join(wd, nodeDiffCorpus, "_node", "render.js")}
	opts.Outdir = out
	// .vue files compile with the same SFC compiler as the server build;
	// they then render with Node's own (unpatched) @vue/server-renderer.
	opts.Plugins = []api.Plugin{nodeDiffVuePlugin(t, wd)}
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
	if script == "" {
		t.Fatal("esbuild produced no node script")
	}

	input, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = out
	// TZ=UTC like the Go side; a fixed default locale so a developer's LANG
	// cannot change Node's toLocaleString() (goja's default is en-US).
	cmd.Env = append(nodeDiffEnviron(), "TZ=UTC", "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\nstderr:\n%s", script, err, stderr.String())
	}
	var res map[string]nodeDiffResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("node output is not JSON: %v\nstdout: %.500s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		t.Logf("node stderr:\n%s", stderr.String())
	}
	return res
}

// nodeDiffEnviron is the test's environment without the variables that
// decide Node's time zone and default locale.
func nodeDiffEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "TZ" || k == "LANG" || k == "LANGUAGE" || strings.HasPrefix(k, "LC_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// nodeDiffKeep writes both outputs of a case below $SSRGATE_NODEDIFF_OUT
// (when set), as NAME.node.html and NAME.goja.html, for review and for a
// full diff tool.
func nodeDiffKeep(t *testing.T, name, node, goja string) {
	dir := os.Getenv("SSRGATE_NODEDIFF_OUT")
	if dir == "" {
		return
	}
	base := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		t.Log(err)
		return
	}
	for ext, s := range map[string]string{".node.html": node, ".goja.html": goja} {
		if err := os.WriteFile(base+ext, []byte(s), 0o644); err != nil {
			t.Log(err)
		}
	}
}
