package server

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// The rows of issue 11's table, one test each, through the real engine and router. Each shows that the
// process is alive (the probes used to end it: this test binary would die), /healthz answers 200, the
// healthy island beside the probe is still server-rendered, and the heap is back under a bound afterwards.

// containSite is faultSite with the containment settings the probes exercise.
func containSite(t *testing.T, tune func(*ssr.Config)) (*httptest.Server, *ssr.Engine) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := ssr.Config{
		ComponentsDir: "testdata/faults/components", Root: "../..", PoolSize: 2,
		RenderTimeout: 10 * time.Second, AcquireTimeout: 5 * time.Second, // generous: the probes end by their guards, not by time
		MaxOutputBytes: 1 << 20, Logger: log, RenderMaxAllocBytes: 256 << 20,
	}
	if tune != nil {
		tune(&cfg)
	}
	eng, err := ssr.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, TemplatesDir: "testdata/faults/templates", Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); eng.Close() })
	return srv, eng
}

// healthy checks the aftermath of a probe: /healthz, a server-rendered healthy island, a bounded heap.
func healthy(t *testing.T, srv *httptest.Server) {
	t.Helper()
	if resp, body := fetch(t, srv.URL+"/healthz", nil); resp.StatusCode != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", resp.StatusCode, body)
	}
	if _, body := fetch(t, srv.URL+"/ok?after=1", nil); !strings.Contains(body, `<p class="ok">ok <!-- -->1</p>`) {
		t.Errorf("after the probe the healthy page is not server-rendered:\n%.600s", body)
	}
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 256<<20 {
		t.Errorf("heap after the probe: %d MiB, want under 256 MiB", ms.HeapAlloc>>20)
	}
	t.Logf("heap after the probe: %d MiB", ms.HeapAlloc>>20)
}

func TestProbeNativeRecursion(t *testing.T) {
	srv, _ := containSite(t, nil)
	for _, path := range []string{"/probe/deepparse", "/probe/deepflat", "/probe/deepstringify"} {
		resp, body := fetch(t, srv.URL+path+"?x=1", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `data-fallback="error"`) || !strings.Contains(body, `<p class="ok">ok <!-- -->1</p>`) {
			t.Errorf("GET %s: %d, fallbacks %q, want the probe fallen back (a RangeError) beside the healthy island\n%.800s", path, resp.StatusCode, fallbacks(body), body)
		}
	}
	healthy(t, srv)
}

func TestProbeAllocationLoop(t *testing.T) {
	srv, _ := containSite(t, func(c *ssr.Config) { c.RenderTimeout = time.Minute; c.ComponentMaxRuntimes = 2 })
	var wg sync.WaitGroup
	for range 2 { // the issue: two such renders killed the process under a 4 GiB limit
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, body := fetch(t, srv.URL+"/probe/allocloop?x=1", nil)
			if resp.StatusCode != 200 || !strings.Contains(body, `data-fallback="memory"`) || !strings.Contains(body, `<p class="ok">ok <!-- -->1</p>`) {
				t.Errorf("allocloop: %d, fallbacks %q, want a memory fallback beside the healthy island\n%.800s", resp.StatusCode, fallbacks(body), body)
			}
		}()
	}
	wg.Wait()
	_, metrics := fetch(t, srv.URL+"/metrics", nil)
	if !strings.Contains(metrics, `ssrgate_fallbacks_total{component="probe/AllocLoop",reason="memory"} 2`) || !strings.Contains(metrics, "ssrgate_memory_interrupts_total") {
		t.Errorf("metrics lack the memory fallbacks")
	}
	healthy(t, srv)
}

func TestProbePrototypePollution(t *testing.T) {
	srv, _ := containSite(t, func(c *ssr.Config) { c.PoolSize = 1 })
	_, body := fetch(t, srv.URL+"/probe/pollute", nil)
	// The polluting render sees its own pollution (settings inherits "polluted")...
	if !strings.Contains(body, `<p class="pollute">yes</p>`) {
		t.Fatalf("pollute page:\n%.600s", body)
	}
	// ...but one runtime only, and without the integrity check the victim would render on the polluted one.
	for i := range 3 {
		_, body := fetch(t, srv.URL+"/probe/victim?x=1", nil)
		if !strings.Contains(body, `<p class="victim">polluted=<!-- -->undefined</p>`) {
			t.Fatalf("victim render %d sees the pollution:\n%.600s", i, body)
		}
	}
	_, metrics := fetch(t, srv.URL+"/metrics", nil)
	if !strings.Contains(metrics, "ssrgate_runtimes_tainted_total 1") {
		t.Errorf("want one tainted runtime in the metrics: %s", grepLines(metrics, "tainted"))
	}
	healthy(t, srv)
}

func TestProbeModuleState(t *testing.T) {
	// Documented behaviour: module state persists across renders on one runtime...
	srv, _ := containSite(t, func(c *ssr.Config) { c.PoolSize = 1 })
	fetch(t, srv.URL+"/probe/visitor?user=alice", nil)
	if _, body := fetch(t, srv.URL+"/probe/visitor?user=bob", nil); !strings.Contains(body, "previous <!-- -->alice") {
		t.Fatalf("without FreshRuntimePerRender the module state is shared (README says so):\n%.600s", body)
	}
	// ...and FreshRuntimePerRender gives every render a runtime no one else used.
	srv, _ = containSite(t, func(c *ssr.Config) { c.PoolSize = 1; c.FreshRuntimePerRender = true })
	for _, user := range []string{"alice", "bob", "carol"} {
		_, body := fetch(t, srv.URL+"/probe/visitor?user="+user, nil)
		if !strings.Contains(body, "hello <!-- -->"+user+"<!-- -->, previous <!-- -->nobody") {
			t.Fatalf("FreshRuntimePerRender: %s sees another visitor:\n%.600s", user, body)
		}
	}
	healthy(t, srv)
}

// TestProbeMixedPage: a page with a healthy, a throwing and a looping island under concurrent load. The
// breakers open for the bad two, after which every page has the healthy island server-rendered and the bad
// ones cost no runtime at all; throws never cost a runtime rebuild.
func TestProbeMixedPage(t *testing.T) {
	srv, _ := containSite(t, func(c *ssr.Config) {
		c.RenderTimeout = 300 * time.Millisecond
		c.AcquireTimeout = 250 * time.Millisecond // the defaults' ratio: busy long before a loop ends
		c.BreakerFailures = 3
		c.BreakerCooldown = time.Hour
	})
	get := func() string {
		_, body := fetch(t, srv.URL+"/probe/mixed", nil)
		return body
	}
	burst := func() (rendered int, p50 time.Duration) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var took []time.Duration
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				ok := strings.Contains(get(), `<p class="ok">ok <!-- -->7</p>`)
				mu.Lock()
				defer mu.Unlock()
				took = append(took, time.Since(start))
				if ok {
					rendered++
				}
			}()
		}
		wg.Wait()
		slices.Sort(took)
		return rendered, took[len(took)/2]
	}
	n, p50 := burst()
	t.Logf("first burst: %d of 16 pages with the healthy island server-rendered, p50 %s", n, p50)
	// Until both breakers are open (deterministic: each failure counts, and the window is 30s).
	for !breakersOpen(t, srv) {
		get()
	}
	n, p50 = burst()
	t.Logf("with the breakers open: %d of 16, p50 %s", n, p50)
	if n != 16 {
		t.Errorf("with the breakers open, %d of 16 pages had the healthy island server-rendered, want all", n)
	}
	body := get()
	for _, want := range []string{`data-fallback="breaker"`, `<p class="ok">ok <!-- -->7</p>`} {
		if !strings.Contains(body, want) {
			t.Errorf("mixed page lacks %s:\n%.900s", want, body)
		}
	}
	_, metrics := fetch(t, srv.URL+"/metrics", nil)
	for _, want := range []string{`ssrgate_breaker_open_total{component="Throws"} 1`, `ssrgate_breaker_open_total{component="Loops"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	healthy(t, srv)
}

func breakersOpen(t *testing.T, srv *httptest.Server) bool {
	_, metrics := fetch(t, srv.URL+"/metrics", nil)
	return strings.Contains(metrics, `ssrgate_breaker_open_total{component="Throws"}`) &&
		strings.Contains(metrics, `ssrgate_breaker_open_total{component="Loops"}`)
}

// TestProbeDegradedPageNotCached: a page that sets a public Cache-Control is sent private and uncacheable
// when an island fell back, without an ETag, and a conditional request with the healthy version's ETag gets
// the degraded page, not a 304.
func TestProbeDegradedPageNotCached(t *testing.T) {
	srv, _ := containSite(t, nil)
	resp, _ := fetch(t, srv.URL+"/probe/cdn", nil)
	etag := resp.Header.Get("ETag")
	if resp.Header.Get("Cache-Control") != "public, s-maxage=60" || etag == "" {
		t.Fatalf("healthy page headers: %v", resp.Header)
	}
	resp, body := fetch(t, srv.URL+"/probe/cdn?fail=1", map[string]string{"If-None-Match": etag})
	if resp.StatusCode != 200 || !strings.Contains(body, `data-fallback="error"`) {
		t.Fatalf("degraded page: %d\n%.600s", resp.StatusCode, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" || resp.Header.Get("ETag") != "" {
		t.Errorf("degraded page: Cache-Control %q, ETag %q; want private, no-store and no ETag", cc, resp.Header.Get("ETag"))
	}
	healthy(t, srv)
}

// grepLines returns the lines of s containing sub, for failure messages.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestTrustedProxies: X-Forwarded-For is not believed unless the peer is a configured proxy (the access log
// shows the address the server believes).
func TestTrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		proxies []string
		want    string
	}{{nil, "remote=127.0.0.1"}, {[]string{"127.0.0.1"}, "remote=203.0.113.9"}} {
		var logs strings.Builder
		var mu sync.Mutex
		log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
		eng, err := ssr.New(ssr.Config{ComponentsDir: "testdata/faults/components", Root: "../..", PoolSize: 1, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(Config{Engine: eng, TemplatesDir: "testdata/faults/templates", Logger: log, AccessLog: true, TrustedProxies: tt.proxies})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(s.Handler())
		fetch(t, srv.URL+"/healthz", map[string]string{"X-Forwarded-For": "203.0.113.9"})
		srv.Close()
		eng.Close()
		mu.Lock()
		got := logs.String()
		mu.Unlock()
		if !strings.Contains(got, tt.want) {
			t.Errorf("TrustedProxies %v: access log %q, want %s", tt.proxies, got, tt.want)
		}
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestProbeStuckBuiltin: a render stuck inside one native call falls back at the deadline; its runtime is
// abandoned and replaced (counted), the healthy island beside it renders, and the stuck runtime is dropped
// when its call finally returns.
func TestProbeStuckBuiltin(t *testing.T) {
	srv, _ := containSite(t, func(c *ssr.Config) { c.RenderTimeout = 200 * time.Millisecond })
	resp, body := fetch(t, srv.URL+"/probe/stuck?x=1", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-fallback="timeout"`) || !strings.Contains(body, `<p class="ok">ok <!-- -->1</p>`) {
		t.Fatalf("stuck page: %d\n%.800s", resp.StatusCode, body)
	}
	metric := func(name string) string {
		_, m := fetch(t, srv.URL+"/metrics", nil)
		for _, l := range strings.Split(m, "\n") {
			if strings.HasPrefix(l, name+" ") {
				return l
			}
		}
		return ""
	}
	for metric("ssrgate_runtimes_abandoned_total") != "ssrgate_runtimes_abandoned_total 1" {
		time.Sleep(10 * time.Millisecond)
	}
	healthy(t, srv)
	if resp, body := fetch(t, srv.URL+"/readyz", nil); resp.StatusCode != 200 {
		t.Errorf("/readyz with one stuck runtime (under MaxStuckRuntimes): %d %s", resp.StatusCode, body)
	}
	for metric("ssrgate_runtimes_stuck") != "ssrgate_runtimes_stuck 0" {
		time.Sleep(20 * time.Millisecond)
	}
}

var fallbackAttr = regexp.MustCompile(`data-fallback="([a-z-]+)"`)

// fallbacks lists the data-fallback reasons in a page, for failure messages.
func fallbacks(body string) []string {
	var out []string
	for _, m := range fallbackAttr.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}
