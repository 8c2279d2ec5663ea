// Command bench is ssrgate's side-by-side benchmark (make bench):
//
//	go run ./internal/bench [-rows 10,100,1000] [-duration 5s] [-out internal/bench/RESULTS.md]
//
// In one run, for the ProductList (React) catalog at each row count and the
// Comments (Vue) island at the same counts, it measures the scenarios below;
// the plain PlainList (React) and PlainListVue (Vue) islands get D and E
// only (-components, -http-components). The scenarios:
//
//	A  html/template serving the page with the island pre-rendered (the ceiling)
//	B  the same page through ssrgate, render cache warm
//	C  the same page with "cache=off": every request renders in goja
//	D  Node's renderToString, timed in-process in Node (per render)
//	E  ssrgate's render, timed in-process (per render, pool of 1, no cache)
//	F  the same page from a Go handler that calls a Hypernova server (Node)
//
// A, B, C and F each run in a child process (this binary with -serve) on a
// free loopback port, loaded by wrk (or ./load) from another process for a
// fixed time; peak RSS is the child's VmHWM. It also measures B's cold start
// and the memory of one warm runtime, checks that B's and C's memory does not
// grow with requests served, checks that every scenario serves the same
// markup and that ssrgate's HTML is byte-identical to Node's, and writes a
// markdown report. Every child is killed when the harness exits, panics or
// is interrupted.
package main

import (
	"embed"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

//go:embed node/*.js
var nodeScripts embed.FS

type config struct {
	root         string
	rows         []int
	components   []string
	httpComps    map[string]bool // components that also run the HTTP scenarios
	duration     time.Duration
	warm         time.Duration
	conns        int
	loaderKind   string
	out          string
	warmup       int
	iters        int
	renderBudget time.Duration
	coldTrials   int
	memK         int
}

func main() {
	var (
		rows       = flag.String("rows", "10,100,1000", "row counts: products of ProductList, comments of Comments (a single count with -serve)")
		comps      = flag.String("components", "ProductList,Comments,PlainList,PlainListVue", "components to benchmark per render (D/E)")
		httpComps  = flag.String("http-components", "ProductList,Comments", "of -components, those that also run the HTTP scenarios (A, Ag, B, Bb, C, F)")
		duration   = flag.Duration("duration", 5*time.Second, "measured load per HTTP scenario")
		warm       = flag.Duration("warm", time.Second, "unmeasured load before each HTTP scenario")
		conns      = flag.Int("conns", 8, "concurrent connections of the load generator")
		loaderKind = flag.String("loader", "auto", "load generator: wrk, go (./internal/bench/load) or auto (wrk if installed)")
		out        = flag.String("out", "internal/bench/RESULTS.md", "markdown report to write (empty: stdout only)")
		root       = flag.String("root", ".", "repository root: components/ and node_modules/")
		warmup     = flag.Int("warmup", 20, "D/E: renders before timing")
		iters      = flag.Int("iters", 200, "D/E: timed renders (fewer if -render-budget runs out; D does as many as E did)")
		budget     = flag.Duration("render-budget", 3*time.Second, "D/E: time budget of E's timed renders per case")
		coldTrials = flag.Int("cold-trials", 4, "cold-start trials (the first with the compile caches emptied)")
		memK       = flag.Int("mem-runtimes", 4, "runtimes added by the runtime-memory probe")

		// Child modes.
		serveMode = flag.String("serve", "", "child mode: serve one HTTP scenario (static, ssr, ssr-nocache, hypernova)")
		addr      = flag.String("addr", "127.0.0.1:0", "-serve: listen address")
		component = flag.String("component", "ProductList", "-serve: component")
		pageFile  = flag.String("page", "", "-serve static|hypernova: pre-rendered page parts (JSON)")
		hnURL     = flag.String("hypernova", "", "-serve hypernova: the Hypernova server's /batch URL")
		maxLife   = flag.Duration("max-life", 15*time.Minute, "-serve: exit after this long whatever happens")
		cold      = flag.Bool("cold", false, "-serve ssr: serve at once instead of after the background asset compression (the cold-start probe)")
		probe     = flag.String("probe", "", "child mode: runtime-mem")
	)
	flag.Parse()
	absRoot, err := filepath.Abs(*root)
	if err != nil {
		fatal(err)
	}

	switch {
	case *serveMode != "":
		n, err := strconv.Atoi(*rows)
		if err != nil {
			fatal(fmt.Errorf("-serve takes a single -rows count: %w", err))
		}
		err = serve(serveOptions{mode: *serveMode, addr: *addr, root: absRoot, component: *component,
			pageFile: *pageFile, hypernovaURL: *hnURL, rows: n, maxLife: *maxLife, cold: *cold})
		fatal(err)
	case *probe == "runtime-mem":
		if err := runProbe(absRoot, *memK); err != nil {
			fatal(err)
		}
		return
	case *probe != "":
		fatal(fmt.Errorf("unknown -probe %q", *probe))
	}

	cfg := config{root: absRoot, duration: *duration, warm: *warm, conns: *conns, loaderKind: *loaderKind,
		out: *out, warmup: *warmup, iters: *iters, renderBudget: *budget, coldTrials: *coldTrials, memK: *memK}
	for _, s := range strings.Split(*rows, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fatal(fmt.Errorf("-rows: bad count %q", s))
		}
		cfg.rows = append(cfg.rows, n)
	}
	for _, s := range strings.Split(*comps, ",") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.components = append(cfg.components, s)
		}
	}
	cfg.httpComps = map[string]bool{}
	for _, s := range strings.Split(*httpComps, ",") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.httpComps[s] = true
		}
	}
	os.Exit(runHarness(cfg))
}

// runHarness runs the benchmark and guarantees that no child outlives it:
// on return, on panic (re-raised after the cleanup) and on SIGINT, SIGTERM
// or SIGHUP. Children also carry Pdeathsig=SIGKILL for the case where the
// harness is killed outright.
func runHarness(cfg config) (code int) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sigs
		killChildren()
		removeTempDir()
		fmt.Fprintf(os.Stderr, "bench: %v: children killed\n", s)
		os.Exit(130)
	}()
	defer killChildren()
	defer func() {
		if r := recover(); r != nil {
			killChildren()
			panic(r)
		}
	}()
	if err := harness(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	return 0
}

func fatal(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// logf prints progress to stderr.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
