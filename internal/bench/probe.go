package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// runtimeMem is the memory one warm JS runtime costs, measured by
// probeRuntimeMem in a process of its own.
type runtimeMem struct {
	Extra             int   `json:"extra"`          // k: runtimes added
	HeapPerRuntime    int64 `json:"heapPerRuntime"` // Go heap (live, after GC) per runtime
	RSSPerRuntime     int64 `json:"rssPerRuntime"`  // VmRSS per runtime
	HeapBase, RSSBase int64
}

// probeRuntimeMem measures one warm runtime's memory: an engine with a pool
// of 1 runtime, warmed by rendering every benchmark component, then the heap
// after a forced GC; then the same with a pool of 1+k. The difference over k
// is one runtime (goja heap objects, the runtime's copy of the bundle's
// globals and whatever React/Vue allocate and keep). The compiled
// *goja.Program, the bundle and the engine's fixed parts are in both
// measurements and cancel out: that is "a pool of 1 vs 0", averaged over k
// runtimes to damp noise. The Vue SFC compiler is cached per process, so it
// too is in both. VmRSS deltas are shown as well; they also include Go's
// heap headroom and are noisier.
func probeRuntimeMem(root string, k int) (runtimeMem, error) {
	measure := func(pool int) (heap, rss int64, err error) {
		eng, err := newEngine(root, pool)
		if err != nil {
			return 0, 0, err
		}
		defer eng.Close()
		// The pool hands runtimes out in FIFO order, so 2×pool sequential
		// renders per component use (and warm) every runtime twice.
		for range 2 * pool {
			for _, c := range components {
				if _, err := eng.RenderWith(context.Background(), c.Name, props(c.Name, 10), ssr.RenderOptions{NoCache: true}); err != nil {
					return 0, 0, err
				}
			}
		}
		// Not the background asset compression's buffers either.
		if err := eng.WaitAssets(context.Background()); err != nil {
			return 0, 0, err
		}
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rss, err = procStatus(os.Getpid(), "VmRSS")
		runtime.KeepAlive(eng)
		return int64(ms.HeapAlloc), rss, err
	}
	// One throwaway engine first, so one-time process costs (SFC compiler,
	// metrics registry, esbuild's own caches) are in neither measurement.
	if _, _, err := measure(1); err != nil {
		return runtimeMem{}, err
	}
	h1, r1, err := measure(1)
	if err != nil {
		return runtimeMem{}, err
	}
	hk, rk, err := measure(1 + k)
	if err != nil {
		return runtimeMem{}, err
	}
	return runtimeMem{Extra: k, HeapPerRuntime: (hk - h1) / int64(k), RSSPerRuntime: (rk - r1) / int64(k), HeapBase: h1, RSSBase: r1}, nil
}

// runProbe is the -probe runtime-mem child: it prints runtimeMem as JSON.
func runProbe(root string, k int) error {
	m, err := probeRuntimeMem(root, k)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(m)
}

// coldStart starts B's server (ProductList, rows) trials times and returns
// the time from starting the process to its first 200 page: process start,
// esbuild bundling of all components, goja compile, pool warm-up and the
// first render.
//
// The first trial starts with the compile caches in
// node_modules/.cache/ssrgate removed, as the first start after npm ci
// does; the others find them filled, as every later start (or one after
// `ssrgate build`) does.
func coldStart(self, root string, rows, trials int) ([]time.Duration, error) {
	var out []time.Duration
	if err := os.RemoveAll(filepath.Join(root, "node_modules", ".cache", "ssrgate")); err != nil {
		return nil, err
	}
	for range trials {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		addr := "127.0.0.1:" + strconv.Itoa(port)
		t0 := time.Now()
		c, err := startChild("cold start", nil, self, "-serve", "ssr", "-cold", "-addr", addr, "-root", root,
			"-component", "ProductList", "-rows", strconv.Itoa(rows))
		if err != nil {
			return nil, err
		}
		_, err = waitHTTP(c, 2*time.Minute, getReq("http://"+addr+"/"))
		d := time.Since(t0)
		c.stop()
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// runtimeMemProbe runs the probe in a child process.
func runtimeMemProbe(self, root string, k int) (runtimeMem, error) {
	c, err := startChild("runtime memory probe", nil, self, "-probe", "runtime-mem", "-root", root, "-mem-runtimes", strconv.Itoa(k))
	if err != nil {
		return runtimeMem{}, err
	}
	select {
	case <-c.done:
	case <-time.After(3 * time.Minute):
		c.stop()
		return runtimeMem{}, fmt.Errorf("runtime memory probe timed out")
	}
	c.stop()
	if c.err != nil {
		return runtimeMem{}, fmt.Errorf("runtime memory probe: %v\n%s", c.err, c.log.String())
	}
	var m runtimeMem
	out := c.log.String()
	// The probe's last line is the JSON (engine logs are discarded).
	if i := lastLine(out); i != "" {
		if err := json.Unmarshal([]byte(i), &m); err != nil {
			return m, fmt.Errorf("runtime memory probe output: %v\n%s", err, out)
		}
	}
	return m, nil
}

func lastLine(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '\n' {
			return s[i+1:]
		}
	}
	return s
}

// serverMem asks a -serve child for its memory (after a forced GC there).
func serverMem(addr string) (memReport, error) {
	var m memReport
	resp, err := http.Get("http://" + addr + "/_bench/mem")
	if err != nil {
		return m, err
	}
	defer resp.Body.Close()
	return m, json.NewDecoder(resp.Body).Decode(&m)
}
