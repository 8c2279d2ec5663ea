package reactfast_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/ssr"
)

var benchRows = []int{10, 100, 1000}

// plainProps is PlainList's input with n items, every third featured.
func plainProps(n int) map[string]any {
	items := make([]map[string]any, n)
	for i := range items {
		items[i] = map[string]any{"id": fmt.Sprint(i + 1), "name": fmt.Sprintf("Item %d", i+1),
			"price": 3 + float64(i)*0.75, "featured": i%3 == 0}
	}
	return map[string]any{"title": "Items", "items": items}
}

// BenchmarkPlainList renders components/PlainList.jsx uncached through the
// engine with each React renderer, and reports beside ns/op what Node's
// react-dom/server renderToString takes for the same props (node-ns/op,
// measured once per size by testdata/bench-node.js) and the ratio
// (x-node). It also reports process CPU time per render on both sides
// (cpu-ns/op, node-cpu-ns/op) and their ratio (x-node-cpu), which a
// machine shared with other work distorts less than wall time. Without
// node on PATH only the goja numbers are reported.
//
//	go test ./internal/reactfast -run '^$' -bench PlainList -benchtime 2s
func BenchmarkPlainList(b *testing.B) {
	nodeNs := nodeTimes(b)
	for _, renderer := range []string{ssr.ReactRendererFast, ssr.ReactRendererReact} {
		eng, err := ssr.New(ssr.Config{ComponentsDir: "../../components", Root: "../..", CacheTTL: -1, PoolSize: 1,
			ReactRenderer: renderer, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		for i, n := range benchRows {
			props := plainProps(n)
			b.Run(fmt.Sprintf("renderer=%s/rows=%d", renderer, n), func(b *testing.B) {
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := eng.Render(context.Background(), "PlainList", props); err != nil {
						b.Fatal(err)
					}
				}
				cpu := float64(cpuTime()-cpu0) / float64(b.N)
				b.ReportMetric(cpu, "cpu-ns/op")
				if nodeNs != nil {
					per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
					b.ReportMetric(nodeNs[i][0], "node-ns/op")
					b.ReportMetric(per/nodeNs[i][0], "x-node")
					b.ReportMetric(nodeNs[i][1], "node-cpu-ns/op")
					b.ReportMetric(cpu/nodeNs[i][1], "x-node-cpu")
				}
			})
		}
		eng.Close()
	}
}

// nodeTimes runs testdata/bench-node.js (bundled with the server build's
// Node settings) and returns Node's nanoseconds per render for benchRows.
func nodeTimes(b *testing.B) [][2]float64 {
	b.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		b.Logf("no node on PATH (%v): reporting goja only", err)
		return nil
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	opts := bundle.NodeOptions(root)
	opts.EntryPoints = []string{filepath.Join(root, "internal/reactfast/testdata/bench-node.js")}
	opts.Outdir = out
	opts.Write = true
	if r := api.Build(opts); len(r.Errors) > 0 {
		b.Fatalf("bundle bench-node.js: %s", bundle.FormatMessage(r.Errors[0]))
	}
	var input []map[string]any
	for _, n := range benchRows {
		input = append(input, plainProps(n))
	}
	in, _ := json.Marshal(input)
	cmd := exec.Command(node, filepath.Join(out, "bench-node.js"))
	cmd.Env = append(os.Environ(), "NODE_ENV=production")
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("node bench-node.js: %v\n%s", err, stderr.String())
	}
	var ns [][2]float64
	if err := json.Unmarshal([]byte(stdout.String()), &ns); err != nil || len(ns) != len(benchRows) {
		b.Fatalf("node bench-node.js printed %q: %v", stdout.String(), err)
	}
	return ns
}

// TestProfilePlainList writes a goja CPU profile of 100-row PlainList
// renders to $REACTFAST_GOJA_PROFILE (skipped when unset):
//
//	REACTFAST_GOJA_PROFILE=/tmp/goja.pprof go test ./internal/reactfast -run ProfilePlainList
//	go tool pprof -top /tmp/goja.pprof
func TestProfilePlainList(t *testing.T) {
	path := os.Getenv("REACTFAST_GOJA_PROFILE")
	if path == "" {
		t.Skip("set REACTFAST_GOJA_PROFILE to a file to profile")
	}
	eng, err := ssr.New(ssr.Config{ComponentsDir: "../../components", Root: "../..", CacheTTL: -1, PoolSize: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	props := plainProps(100)
	for range 20 {
		if _, err := eng.Render(context.Background(), "PlainList", props); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := goja.StartProfile(f); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if _, err := eng.Render(context.Background(), "PlainList", props); err != nil {
			t.Fatal(err)
		}
	}
	goja.StopProfile()
}

// cpuTime is the process's user+system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
