package ssr

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/vuesfc"
)

// BenchmarkVuePlainUncached renders components/PlainListVue.vue without the
// render cache at 10, 100 and 1,000 rows: the cost of a typical Vue island
// (no Intl) on a cache miss. When node is on PATH each size also reports
// Node's own renderToString of the same SFC, compiled by the same compiler
// (node-ms/op), and the ratio (x-node); the HTML must be identical.
//
//	go test ./ssr -run '^$' -bench BenchmarkVuePlainUncached -benchtime 2s
//
// Where the time goes (pprof, Dec 2026, shared 2-core machine): at 10 rows
// JSON.parse of the props is 10% of CPU, the built-ins integrity check
// after the call 8% and GC 16%; at 100 rows JSON.parse is 16% (goja's
// decoder reads encoding/json tokens). In the JS profile of an empty SFC the
// fixed Vue cost is createComponentInstance 24%, createSSRApp 20% and
// applyOptions 12%. Reusing an untouched app between renders saved only ~3%
// at 10 rows end to end, and escaping fast paths were within noise, so
// neither is kept; the buffer push fast path (10-13%) is.
//
// Later (3 Dec 2026), at 100 rows: JavaScript ~70% of a render's CPU,
// ssrhost.ParseJSON ~12%, island.EncodeProps ~8%, the integrity check ~3%.
// goja's Array.prototype.push is always its generic path (it reads and
// writes "length" and boxes the index), 0.5-0.9 us a call: Vue's buffer
// moved to Go (ssrhost __ssrgateBuffer), then the attribute, class and text
// helpers (__ssrgateVueHelper). Together: 2.78 -> 1.70-1.97 ms at 100 rows,
// 19.0 -> 12.3-13.5 ms at 1,000.
//
// Then the Go side of a render: island.EncodeProps writes the props itself
// (island/encode.go: byte for byte json.Marshal, without reflection; 200 ->
// 55-65 us for BenchmarkEncodeProps' 100 rows), and ssrhost.ParseJSON keeps
// plain keys as Go strings, decodes escaped strings (json.Marshal writes &
// as \u0026) to UTF-8, reads small integers without ParseFloat and shares
// one element stack between arrays (~12% off ParseJSON). Timed in one
// process, old and new alternating, as the machine was shared: 0.89-0.94x
// of the old render at 100 rows, 0.86x at 1,000; this benchmark, runs
// interleaved: 2.81 -> 2.60 ms (median of 3) at 100 rows, 18.2 -> 15.3 ms
// at 1,000. What stays is goja's: DefineDataProperty (~300 ns a property,
// its try wrapper and descriptor included) is now most of ParseJSON, and
// the integrity check (~80 us) is Object.Get and Keys() as cheap as goja's
// API goes; calling Object.keys natively instead re-materialises the
// prototypes' templates on every call and saved nothing.
func BenchmarkVuePlainUncached(b *testing.B) {
	e := benchEngine(b, -1)
	nodeBundle := vueNodeBundle(b)
	for _, n := range []int{10, 100, 1000} {
		props := plainItems(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			ctx := context.Background()
			html, err := e.RenderWith(ctx, "PlainListVue", props, RenderOptions{NoCache: true})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := e.RenderWith(ctx, "PlainListVue", props, RenderOptions{NoCache: true}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if nodeBundle == "" {
				return
			}
			nodeMs, nodeHTML := vueNodeTime(b, nodeBundle, props, n)
			if nodeHTML != html {
				b.Fatalf("goja's HTML differs from Node's at %d rows:\n goja %.200s\n node %.200s", n, html, nodeHTML)
			}
			gojaMs := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / 1e6
			b.ReportMetric(nodeMs, "node-ms/op")
			b.ReportMetric(gojaMs/nodeMs, "x-node")
		})
	}
}

// vueNodeBundle bundles PlainListVue.vue for Node the way the benchmark
// harness does (internal/bench: the server build's options, the same SFC
// compiler in SSR mode, the frameworks external), or returns "" without
// node.
func vueNodeBundle(b *testing.B) string {
	if _, err := exec.LookPath("node"); err != nil {
		b.Logf("node not on PATH: no Node figure (%v)", err)
		return ""
	}
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	sfc, err := vuesfc.New(filepath.Join(root, "node_modules"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	opts := bundle.NodeOptions(root)
	opts.EntryPoints = []string{filepath.Join(root, "components", "PlainListVue.vue")}
	opts.Outdir = dir
	opts.Write = true
	opts.External = []string{"vue", "vue/*", "@vue/*"}
	opts.Plugins = []api.Plugin{sfc.Plugin(vuesfc.PluginOptions{SSR: true, Root: root})}
	r := api.Build(opts)
	if len(r.Errors) > 0 {
		b.Fatalf("bundle PlainListVue for node: %s", bundle.FormatMessage(r.Errors[0]))
	}
	for _, f := range r.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			return f.Path
		}
	}
	b.Fatal("bundle PlainListVue for node: no JavaScript output")
	return ""
}

// vueNodeTime runs internal/bench/node/render.js (a fresh SSR app and
// renderToString per iteration, props parsed from JSON each time) and
// returns its mean in ms and the HTML it rendered.
func vueNodeTime(b *testing.B, bundlePath string, props map[string]any, rows int) (float64, string) {
	root, _ := filepath.Abs("..")
	propsJSON, err := json.Marshal(props)
	if err != nil {
		b.Fatal(err)
	}
	pf := filepath.Join(b.TempDir(), "props.json")
	if err := os.WriteFile(pf, propsJSON, 0o644); err != nil {
		b.Fatal(err)
	}
	iters := max(200, 200_000/rows)
	cmd := exec.Command("node", filepath.Join(root, "internal/bench/node/render.js"), bundlePath, "vue", pf, fmt.Sprint(iters), fmt.Sprint(iters))
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(root, "node_modules"), "NODE_ENV=production")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("node render.js: %v", err)
	}
	var res struct {
		HTML   string  `json:"html"`
		MeanMs float64 `json:"meanMs"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		b.Fatalf("node render.js output: %v", err)
	}
	return res.MeanMs, res.HTML
}
