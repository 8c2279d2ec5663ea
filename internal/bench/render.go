package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// renderStats are per-render timings of D (Node) or E (ssrgate).
type renderStats struct {
	N              int
	Warmup         int
	Mean, P50, P99 time.Duration
	HTML           string
	NodeRSS        int64 // D only: Node's RSS at the end
	Truncated      bool  // E stopped at -render-budget before -iters
}

// summarize computes mean, p50 and p99 (nearest rank) of ts.
func summarize(ts []time.Duration) (mean, p50, p99 time.Duration) {
	if len(ts) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(ts)
	slices.Sort(s)
	var sum time.Duration
	for _, t := range s {
		sum += t
	}
	rank := func(p float64) time.Duration {
		i := int(p/100*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return sum / time.Duration(len(s)), rank(50), rank(99)
}

// measureE times ssrgate's per-render cost in-process: RenderWith with
// NoCache on an engine with one runtime, so every call is a full render
// (props encoded to JSON in Go, JSON.parse and renderToString in goja). It
// warms up with up to warmup renders, then renders up to iters times, both
// phases bounded by budget so that 1,000-row cases stay quick; the number
// of renders it managed is what D then does as well.
func measureE(eng *ssr.Engine, component string, p any, warmup, iters int, budget time.Duration) (renderStats, error) {
	ctx := context.Background()
	opts := ssr.RenderOptions{NoCache: true}
	st := renderStats{}
	start := time.Now()
	for st.Warmup < warmup && (st.Warmup == 0 || time.Since(start) < budget/4) {
		h, err := eng.RenderWith(ctx, component, p, opts)
		if err != nil {
			return st, err
		}
		st.HTML = h
		st.Warmup++
	}
	start = time.Now()
	var ts []time.Duration
	for len(ts) < iters && (len(ts) < 10 || time.Since(start) < budget) {
		t0 := time.Now()
		h, err := eng.RenderWith(ctx, component, p, opts)
		ts = append(ts, time.Since(t0))
		if err != nil {
			return st, err
		}
		st.HTML = h
	}
	st.N = len(ts)
	st.Truncated = st.N < iters
	st.Mean, st.P50, st.P99 = summarize(ts)
	return st, nil
}

// measureD runs node/render.js on the component bundled for Node, with the
// same props, warm-up and iteration count as E.
func measureD(env []string, script, bundle, framework, propsFile string, warmup, iters int) (renderStats, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script, bundle, framework, propsFile, fmt.Sprint(warmup), fmt.Sprint(iters))
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = filepath.Dir(script)
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return renderStats{}, fmt.Errorf("node render.js: %v\n%s", err, ee.Stderr)
		}
		return renderStats{}, fmt.Errorf("node render.js: %w", err)
	}
	var r struct {
		HTML                 string
		N                    int
		MeanMs, P50Ms, P99Ms float64
		RSS                  int64
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return renderStats{}, fmt.Errorf("node render.js output: %v: %.300s", err, out)
	}
	ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
	return renderStats{N: r.N, Warmup: warmup, Mean: ms(r.MeanMs), P50: ms(r.P50Ms), P99: ms(r.P99Ms), HTML: r.HTML, NodeRSS: r.RSS}, nil
}

// firstDiff describes where a and b first differ, or "" if equal.
func firstDiff(a, b string) string {
	if a == b {
		return ""
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	ctx := func(s string) string { return s[max(0, i-40):min(len(s), i+40)] }
	return fmt.Sprintf("first difference at byte %d (node %d bytes, ssrgate %d bytes): node %q ssrgate %q", i, len(a), len(b), ctx(a), ctx(b))
}
