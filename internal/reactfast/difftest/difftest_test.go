package difftest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// Budget and thresholds of TestDifferential.
const (
	// defaultCases is the budget without -race: about 25 s on two cores.
	defaultCases = 20000
	// defaultRaceCases is the budget under -race, as make test runs it:
	// about 20 s on two cores.
	defaultRaceCases = 3000
	// defaultSeed makes `make test` deterministic; SSRGATE_REACT_FUZZ_SEED
	// picks another base seed ("random" draws one and prints it).
	defaultSeed = 1
	// maxFallback is the highest share of cases the fast path may decline
	// with Unsupported: above it the fuzzer would pass by not testing.
	maxFallback = 0.10
	// maxErrors is the highest share of cases where both renderers throw
	// (the same error): above it the generator makes too many invalid trees.
	maxErrors = 0.05
	// maxShrink is how many failing cases are shrunk to a minimal spec.
	maxShrink = 3
	// gojaBatch is how many cases one Invoke renders.
	gojaBatch = 50
)

// outcome is one renderer's result for a case.
type outcome struct {
	HTML     *string `json:"html"`
	Fallback string  `json:"fallback"`
	Error    string  `json:"error"`
}

func (o outcome) String() string {
	switch {
	case o.Fallback == "" && o.HTML != nil:
		return strconv.Quote(*o.HTML)
	case o.Fallback != "" && o.HTML != nil:
		return fmt.Sprintf("Unsupported (%s), then React's renderer: %q", o.Fallback, *o.HTML)
	case o.Fallback != "":
		return fmt.Sprintf("Unsupported (%s), then React's renderer threw: %s", o.Fallback, o.Error)
	default:
		return "error: " + o.Error
	}
}

// fuzzCase is a spec with the seed that made it (0 for a regression case).
type fuzzCase struct {
	Name string
	File string // the regression file, "" for generated cases
	Seed uint64
	Spec Spec
}

// TestDifferential renders seeded random element trees with the fast
// renderer in goja and with Node's react-dom/server renderToString, and
// fails on any byte difference, on a fallback rate above maxFallback, and
// on too many cases where both throw (either way, whatever the message). Regression cases in
// testdata/regressions (specs that once differed) run first, every time.
//
// Re-run one case: SSRGATE_REACT_FUZZ_SEED=<seed> SSRGATE_REACT_FUZZ_CASES=1.
// Every case's verdict and outputs: SSRGATE_REACT_FUZZ_VERBOSE=1.
// Fuzz another module with render.js's exports (a mutant, say):
// SSRGATE_REACT_FUZZ_RENDERER=/abs/path/render.js.
// A longer run: SSRGATE_REACT_FUZZ_CASES=200000 (about 4 minutes without -race).
func TestDifferential(t *testing.T) {
	node := requireNode(t)
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	tables, err := ReadTables(filepath.Join(root, "node_modules", "react-dom", "cjs", "react-dom-server-legacy.browser.production.js"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("react-dom tables: %d pushAttribute cases, %d aliases, %d unitless style names",
		len(tables.Cases), len(tables.Aliases), len(tables.Unitless))

	n, seed := budget(t)
	cases := regressions(t)
	for i := range n {
		s := seed + uint64(i)
		cases = append(cases, fuzzCase{Name: fmt.Sprintf("seed %d", s), Seed: s, Spec: NewCase(tables, s)})
	}
	t.Logf("%d regression cases, %d generated cases from seed %d (generated case i has seed base+i; a failure prints its own seed N, which SSRGATE_REACT_FUZZ_SEED=N SSRGATE_REACT_FUZZ_CASES=1 replays)",
		len(cases)-n, n, seed)

	start := time.Now()
	fast, renderer := newGojaRenderer(t, root)
	t.Logf("goja side: %s", renderer)
	specs := make([]Spec, len(cases))
	for i, c := range cases {
		specs[i] = c.Spec
	}
	nodeOut := make(chan []outcome, 1)
	nodeErr := make(chan error, 1)
	script := buildNodeScript(t, root)
	go func() {
		out, err := renderNode(node, script, specs)
		nodeOut <- out
		nodeErr <- err
	}()
	// Each regression file, then the generated cases, on a runtime of
	// their own: a leak a regression reproduces must not spill into the
	// generated cases (Node renders all in one process, but React there
	// cleans up after itself).
	renderGroups := func(f *fastRenderer) []outcome {
		var got []outcome
		for lo := 0; lo < len(cases); {
			hi := lo + 1
			for hi < len(cases) && cases[hi].File == cases[lo].File {
				hi++
			}
			got = append(got, f.renderAllFresh(t, specs[lo:hi])...)
			lo = hi
		}
		return got
	}
	got := renderGroups(fast)
	want := <-nodeOut
	if err := <-nodeErr; err != nil {
		t.Fatal(err)
	}
	if len(want) != len(cases) {
		t.Fatalf("node returned %d results for %d cases", len(want), len(cases))
	}

	// The comparison must be able to fail.
	if r := compare(outcome{HTML: ptr("<p>a</p>")}, outcome{HTML: ptr("<p>b</p>")}); r != verdictMismatch {
		t.Fatalf("self-check: compare accepted different HTML (%v)", r)
	}
	if r := compare(outcome{HTML: ptr("<p>a</p>")}, outcome{Fallback: "x", HTML: ptr("<p>b</p>")}); r != verdictMismatch {
		t.Fatalf("self-check: compare accepted a fallback render with different HTML (%v)", r)
	}

	verbose := os.Getenv("SSRGATE_REACT_FUZZ_VERBOSE") == "1"
	var st stats
	st.fallbacks = map[string]int{}
	shrunk := 0
	for i, c := range cases {
		v := compare(want[i], got[i])
		st.add(v, got[i])
		if verbose {
			b, _ := json.Marshal(c.Spec)
			t.Logf("%s: %s\n  spec: %.300s\n  node: %.300s\n  fast: %.300s", c.Name, v, b, want[i], got[i])
		}
		if v == verdictMismatch {
			b, _ := json.Marshal(c.Spec)
			t.Errorf("%s: fast renderer differs from node's renderToString\n  spec: %s\n  node: %s\n  fast: %s%s",
				c.Name, b, want[i], got[i], firstDiff(want[i], got[i]))
			if c.Seed != 0 && shrunk < maxShrink {
				shrunk++
				shrinkAndReport(t, c, node, script, fast)
			}
		}
	}
	t.Logf("%d cases in %s: %d identical, %d both threw the same error, %d fell back (%.1f%%), %d mismatches",
		len(cases), time.Since(start).Round(time.Millisecond), st.same, st.errors, st.fallback,
		100*float64(st.fallback)/float64(len(cases)), st.mismatch)
	if st.fallback > 0 {
		t.Logf("fallbacks by feature:\n%s", st.byFeature())
	}
	if rate := float64(st.fallback) / float64(len(cases)); len(cases) >= 100 && rate > maxFallback {
		t.Errorf("the fast renderer declined %.1f%% of the cases (limit %.0f%%): the fuzzer cannot prove much; widen the fast path or lower the generator's weight of those features", 100*rate, 100*maxFallback)
	}
	if rate := float64(st.errors) / float64(len(cases)); len(cases) >= 100 && rate > maxErrors {
		t.Errorf("both renderers threw on %.1f%% of the cases (limit %.0f%%): the generator makes too many invalid trees", 100*rate, 100*maxErrors)
	}
}

// shrinkAndReport reduces a failing case to a small spec that still fails
// and prints it with both outputs, ready for testdata/regressions.
func shrinkAndReport(t *testing.T, c fuzzCase, node, script string, fast *fastRenderer) {
	t.Helper()
	var lastWant, lastGot outcome
	fails := func(specs []Spec) []bool {
		want, err := renderNode(node, script, specs)
		if err != nil || len(want) != len(specs) {
			return make([]bool, len(specs))
		}
		got := fast.renderAllFresh(t, specs)
		res := make([]bool, len(specs))
		for i := range specs {
			res[i] = compare(want[i], got[i]) == verdictMismatch
			if res[i] && lastGot.HTML == nil && lastGot.Error == "" {
				lastWant, lastGot = want[i], got[i]
			}
		}
		return res
	}
	small := Shrink(c.Spec, 60, func(specs []Spec) []bool {
		lastWant, lastGot = outcome{}, outcome{}
		return fails(specs)
	})
	// Render the result once more, alone on a fresh runtime, for its outputs.
	lastWant, lastGot = outcome{}, outcome{}
	if !fails([]Spec{small})[0] {
		t.Errorf("%s does not differ when rendered alone on a fresh runtime: an earlier case left state behind\n"+
			"  (replay it after the cases before it: SSRGATE_REACT_FUZZ_SEED=<an earlier seed>, and keep both as a sequence in testdata/regressions)", c.Name)
		return
	}
	b, _ := json.Marshal(small)
	t.Errorf("%s shrunk to a minimal spec (save it as testdata/regressions/NAME.json):\n%s\n  node: %s\n  fast: %s%s",
		c.Name, b, lastWant, lastGot, firstDiff(lastWant, lastGot))
}

type verdict int

func (v verdict) String() string {
	return [...]string{"identical", "both threw", "fell back", "MISMATCH"}[v]
}

const (
	verdictSame verdict = iota
	verdictBothThrew
	verdictFallback
	verdictMismatch
)

// compare judges the fast renderer's outcome against Node's.
func compare(node, fast outcome) verdict {
	switch {
	case fast.Fallback != "" && node.HTML == nil && fast.HTML == nil:
		// The fast path declined a tree React refuses too: React's
		// renderer in goja then threw, as Node's did.
		return verdictBothThrew
	case fast.Fallback != "" && node.HTML != nil && fast.HTML != nil && *node.HTML == *fast.HTML:
		return verdictFallback
	case fast.Fallback != "":
		// React's renderer, run after the fast path gave up, wrote other
		// bytes than Node's: the abandoned fast render left state behind.
		return verdictMismatch
	case node.HTML != nil && fast.HTML != nil && *node.HTML == *fast.HTML:
		return verdictSame
	case node.HTML == nil && fast.HTML == nil && node.Error != "" && fast.Error != "":
		// Both refuse the tree. The messages differ by build (Node's has
		// React's full texts, the browser build's are minified codes).
		return verdictBothThrew
	default:
		return verdictMismatch
	}
}

type stats struct {
	same, errors, fallback, mismatch int
	fallbacks                        map[string]int
}

func (s *stats) add(v verdict, fast outcome) {
	switch v {
	case verdictSame:
		s.same++
	case verdictBothThrew:
		s.errors++
	case verdictFallback:
		s.fallback++
		s.fallbacks[fast.Fallback]++
	default:
		s.mismatch++
	}
}

func (s *stats) byFeature() string {
	type kv struct {
		k string
		n int
	}
	var all []kv
	for k, n := range s.fallbacks {
		all = append(all, kv{k, n})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n > all[j].n || all[i].n == all[j].n && all[i].k < all[j].k })
	var b strings.Builder
	for _, e := range all {
		fmt.Fprintf(&b, "  %5d  %s\n", e.n, e.k)
	}
	return b.String()
}

func ptr(s string) *string { return &s }

// firstDiff points at the first differing byte of two HTML outcomes.
func firstDiff(a, b outcome) string {
	if a.HTML == nil || b.HTML == nil {
		return ""
	}
	x, y := *a.HTML, *b.HTML
	i := 0
	for i < len(x) && i < len(y) && x[i] == y[i] {
		i++
	}
	lo := max(i-40, 0)
	return fmt.Sprintf("\n  first difference at byte %d: node …%q vs fast …%q", i, x[lo:min(i+40, len(x))], y[lo:min(i+40, len(y))])
}

// budget reads SSRGATE_REACT_FUZZ_CASES and SSRGATE_REACT_FUZZ_SEED.
func budget(t *testing.T) (int, uint64) {
	n := defaultCases
	if raceBuild {
		n = defaultRaceCases
	}
	if s := os.Getenv("SSRGATE_REACT_FUZZ_CASES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			t.Fatalf("SSRGATE_REACT_FUZZ_CASES=%q: want a number of cases", s)
		}
		n = v
	}
	seed := uint64(defaultSeed)
	switch s := os.Getenv("SSRGATE_REACT_FUZZ_SEED"); s {
	case "":
	case "random":
		seed = uint64(time.Now().UnixNano()) & (1<<53 - 1)
	default:
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("SSRGATE_REACT_FUZZ_SEED=%q: want a number or \"random\"", s)
		}
		seed = v
	}
	return n, seed
}

// regressions loads testdata/regressions/*.json: each file is one spec
// that once rendered differently, or an array of specs rendered in that
// order (for a difference that one render leaves behind for the next), kept
// so the difference stays fixed.
func regressions(t *testing.T) []fuzzCase {
	files, err := filepath.Glob("testdata/regressions/*.json")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var out []fuzzCase
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var seq []Spec
		if raw = bytes.TrimSpace(raw); len(raw) > 0 && raw[0] == '[' {
			err = json.Unmarshal(raw, &seq)
		} else {
			var s Spec
			err = json.Unmarshal(raw, &s)
			seq = []Spec{s}
		}
		for i, s := range seq {
			if _, ok := s["root"]; err != nil || !ok {
				t.Fatalf("%s: want a case spec {\"root\": ...} or an array of them: %v", f, err)
			}
			name := filepath.Base(f)
			if len(seq) > 1 {
				name += fmt.Sprintf("[%d]", i)
			}
			out = append(out, fuzzCase{Name: name, File: f, Spec: s})
		}
	}
	return out
}

func requireNode(t *testing.T) string {
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

// fastRenderer is a goja runtime set up as in production (jsvm), running a
// server bundle built by package bundle with the fuzz entry as its one
// component.
type fastRenderer struct {
	prog *goja.Program
	pool *jsvm.Pool
}

// newGojaRenderer builds the goja bundle. The fast renderer is
// internal/reactfast/js/render.js; where it does not exist the entry uses
// js/standin.js (React's own renderToString in goja), which still checks
// goja against Node.
func newGojaRenderer(t *testing.T, root string) (*fastRenderer, string) {
	t.Helper()
	entry, err := filepath.Abs("js/goja-entry.js")
	if err != nil {
		t.Fatal(err)
	}
	renderer := filepath.Join(root, "internal", "reactfast", "js", "render.js")
	label := "internal/reactfast/js/render.js"
	if p := os.Getenv("SSRGATE_REACT_FUZZ_RENDERER"); p != "" {
		// Another renderer module with the same exports, for example a
		// mutated copy of render.js to see that the fuzzer catches the bug.
		renderer, label = p, p
	} else if _, err := os.Stat(renderer); err != nil {
		renderer, label = filepath.Join(filepath.Dir(entry), "standin.js"), "stand-in (React's own renderToString in goja)"
	}
	dir := t.TempDir()
	src := fmt.Sprintf("import %q;\nexport default function Fuzz() { return null; }\n", entry)
	if err := os.WriteFile(filepath.Join(dir, "Fuzz.jsx"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	resolve := api.Plugin{Name: "fuzz-renderer", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^fuzz:renderer$`}, func(api.OnResolveArgs) (api.OnResolveResult, error) {
			return api.OnResolveResult{Path: renderer}, nil
		})
	}}
	res, err := bundle.Build(bundle.Options{
		ComponentsDir: dir,
		Root:          root,
		Plugins:       func(bool) []api.Plugin { return []api.Plugin{resolve} },
	})
	if err != nil {
		t.Fatalf("bundle the fuzz entry for goja: %v", err)
	}
	prog, err := jsvm.Compile("ssrgate-server.js", res.Server)
	if err != nil {
		t.Fatal(err)
	}
	f := &fastRenderer{prog: prog}
	f.pool = f.newPool(t)
	return f, label
}

// newPool starts one runtime of the bundle, as production's pool does.
func (f *fastRenderer) newPool(t *testing.T) *jsvm.Pool {
	t.Helper()
	pool, err := jsvm.NewPool(jsvm.Config{Size: 1, Programs: []*goja.Program{f.prog}, Logger: slog.New(slog.DiscardHandler), MaxUses: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// renderAllFresh renders specs in order on a new runtime, so that what one
// group of cases leaves behind cannot change another group's results.
func (f *fastRenderer) renderAllFresh(t *testing.T, specs []Spec) []outcome {
	t.Helper()
	g := &fastRenderer{prog: f.prog, pool: f.newPool(t)}
	defer g.pool.Close()
	return g.renderAll(t, specs)
}

// renderAll renders specs in batches, one Invoke per batch.
func (f *fastRenderer) renderAll(t *testing.T, specs []Spec) []outcome {
	t.Helper()
	var out []outcome
	for i := 0; i < len(specs); i += gojaBatch {
		batch := specs[i:min(i+gojaBatch, len(specs))]
		in, err := json.Marshal(batch)
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.invoke(string(in))
		if err != nil {
			// A batch that breaks the runtime (a timeout, a stack overflow)
			// is rendered case by case so the report names the case.
			for _, s := range batch {
				one, _ := json.Marshal([]Spec{s})
				r, err := f.invoke(string(one))
				if err != nil {
					r = []outcome{{Error: "goja: " + err.Error()}}
				}
				out = append(out, r...)
			}
			continue
		}
		if len(res) != len(batch) {
			t.Fatalf("goja returned %d results for %d cases", len(res), len(batch))
		}
		out = append(out, res...)
	}
	return out
}

func (f *fastRenderer) invoke(specsJSON string) ([]outcome, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	vm, err := f.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer f.pool.Release(vm)
	v, err := vm.Invoke(ctx, "Fuzz", "__fuzz.render", specsJSON)
	if err != nil {
		return nil, err
	}
	var res []outcome
	if err := json.Unmarshal([]byte(v.String()), &res); err != nil {
		return nil, fmt.Errorf("goja output is not JSON: %w", err)
	}
	return res, nil
}

// buildNodeScript bundles js/node-entry.js with the server build's settings
// for Node, where react-dom/server is Node's own build.
func buildNodeScript(t *testing.T, root string) string {
	t.Helper()
	entry, err := filepath.Abs("js/node-entry.js")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opts := bundle.NodeOptions(root)
	opts.EntryPoints = []string{entry}
	opts.Outdir = out
	r := api.Build(opts)
	if len(r.Errors) > 0 {
		msgs := make([]string, len(r.Errors))
		for i, m := range r.Errors {
			msgs[i] = bundle.FormatMessage(m)
		}
		t.Fatalf("bundle the node renderer:\n%s", strings.Join(msgs, "\n"))
	}
	for _, f := range r.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			p := filepath.Join(out, "node-entry.js")
			if err := os.WriteFile(p, f.Contents, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	t.Fatal("esbuild produced no node script")
	return ""
}

// renderNode runs the Node script once over all specs.
func renderNode(node, script string, specs []Spec) ([]outcome, error) {
	in, err := json.Marshal(specs)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Env = append(os.Environ(), "TZ=UTC", "LC_ALL=C.UTF-8")
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("node %s: %v\nstderr:\n%s", script, err, stderr.String())
	}
	var res []outcome
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("node output is not JSON: %v\nstderr:\n%s", err, stderr.String())
	}
	return res, nil
}
