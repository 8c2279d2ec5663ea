package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// faultSite serves pages whose islands throw, loop forever, return megabytes
// or wait on a timer far past the deadline, beside a page that is fine.
func faultSite(t *testing.T) *httptest.Server {
	return faultSiteWith(t, 2, 100*time.Millisecond)
}

func faultSiteWith(t *testing.T, pool int, acquire time.Duration) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, err := ssr.New(ssr.Config{
		ComponentsDir: "testdata/faults/components", Root: "../..", PoolSize: pool,
		RenderTimeout: time.Second, AcquireTimeout: acquire,
		MaxOutputBytes: 1 << 20, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	// TestBurst measures the heap: not the start-up asset compression.
	if err := eng.WaitAssets(context.Background()); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, TemplatesDir: "testdata/faults/templates", Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); eng.Close() })
	return srv
}

func TestFaultsDegradeIslands(t *testing.T) {
	srv := faultSite(t)
	tests := []struct{ path, want string }{
		{"/ok", `<p class="ok">ok <!-- -->0</p>`},
		{"/throw", `data-render="client" data-fallback="error"></ssr-island>`},
		{"/loop", `data-render="client" data-fallback="timeout"></ssr-island>`},
		{"/huge", `data-render="client" data-fallback="too-large"></ssr-island>`},
		{"/slow", `data-render="client" data-fallback="timeout"></ssr-island>`},
	}
	for _, tt := range tests {
		start := time.Now()
		resp, body := fetch(t, srv.URL+tt.path, nil)
		if resp.StatusCode != 200 || !strings.Contains(body, tt.want) || !strings.Contains(body, "<script type=\"module\"") {
			t.Errorf("GET %s: %d, want 200 with %q and the island runtime\n%.600s", tt.path, resp.StatusCode, tt.want, body)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("GET %s took %s; the render deadline is 1s", tt.path, d)
		}
		// The healthy page still renders on the server after each fault.
		if _, body := fetch(t, srv.URL+"/ok?x=1", nil); !strings.Contains(body, `<p class="ok">ok <!-- -->1</p>`) {
			t.Fatalf("after %s the healthy page is not server-rendered:\n%.600s", tt.path, body)
		}
	}
	_, metrics := fetch(t, srv.URL+"/metrics", nil)
	for _, want := range []string{`ssrgate_fallbacks_total{component="Loops",reason="timeout"}`, `ssrgate_fallbacks_total{component="Throws",reason="error"}`,
		`ssrgate_fallbacks_total{component="Huge",reason="too-large"}`, `ssrgate_fallbacks_total{component="SlowAsync",reason="timeout"}`} {
		if metricValue(t, metrics, want) < 1 {
			t.Errorf("%s is below 1 after its fault", want)
		}
	}
	// The looping and slow renders were interrupted, which breaks their
	// runtimes: at least two replacements. A throw leaves a clean runtime
	// (checked after every call) and costs none; the too-large one finished.
	if n := metricValue(t, metrics, "ssrgate_pool_replacements_total"); n < 2 {
		t.Errorf("ssrgate_pool_replacements_total = %v, want >= 2 (loop, slow)", n)
	}
}

// metricValue reads one sample of a Prometheus text exposition; a missing
// sample fails the test.
func metricValue(t *testing.T, exposition, sample string) float64 {
	t.Helper()
	for _, line := range strings.Split(exposition, "\n") {
		if v, ok := strings.CutPrefix(line, sample+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("metric %s: %v", sample, err)
			}
			return f
		}
	}
	t.Errorf("metrics lack %s", sample)
	return 0
}

// TestBurst sends many more concurrent requests than there are runtimes,
// mixing faulty pages with healthy ones, several times over. Every request
// gets a whole page. Every faulty render holds its runtime for at most the
// 1 s render deadline (the endless loop, the timer past the deadline, and
// under -race on a loaded machine the megabyte render too): at most four
// runtime-seconds per round on three runtimes. A runtime is waited for 5 s,
// well past that, so the healthy islands find one: nearly all of them are
// server-rendered (the bound leaves room for a healthy render that itself
// runs past the deadline on an overloaded machine).
// Memory does not grow with the rounds.
//
// Break it: stop interrupting renders at RenderTimeout (the faults keep
// their runtimes), or leak each request's runtime.
func TestBurst(t *testing.T) {
	srv := faultSiteWith(t, 3, 5*time.Second)
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	// 40 requests: 1 loop, 1 slow, 4 throw, 2 huge, 32 healthy.
	path := func(i int) string {
		switch {
		case i == 0:
			return "/loop"
		case i == 20:
			return "/slow"
		case i%10 == 5:
			return "/throw"
		case i%20 == 9:
			return "/huge"
		}
		return [...]string{"/ok", "/ok?a=1", "/ok?a=1&b=2"}[i%3]
	}
	healthy := 0
	for i := range 40 {
		if strings.HasPrefix(path(i), "/ok") {
			healthy++
		}
	}
	round := func() (busy, rendered int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				path := path(i)
				resp, err := client.Get(srv.URL + path)
				if err != nil {
					t.Errorf("GET %s: %v", path, err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				body := string(b)
				if resp.StatusCode != 200 || !strings.Contains(body, "</html>") {
					t.Errorf("GET %s: %d %.300s", path, resp.StatusCode, body)
					return
				}
				if strings.HasPrefix(path, "/ok") {
					mu.Lock()
					defer mu.Unlock()
					switch {
					case strings.Contains(body, `<p class="ok">ok`):
						rendered++
					case strings.Contains(body, `data-fallback="busy"`) || strings.Contains(body, `data-fallback="timeout"`):
						busy++
					default:
						t.Errorf("GET %s: neither rendered nor degraded:\n%.600s", path, body)
					}
				}
			}(i)
		}
		wg.Wait()
		return
	}
	var before runtime.MemStats
	for r := 0; r < 4; r++ {
		busy, rendered := round()
		t.Logf("round %d: %d of %d healthy islands rendered, %d degraded", r, rendered, healthy, busy)
		if rendered < healthy*9/10 {
			t.Errorf("round %d: only %d of %d healthy islands were server-rendered", r, rendered, healthy)
		}
		if r == 0 {
			runtime.GC()
			runtime.ReadMemStats(&before)
		}
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	growth := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap after round 1: %d MB, after round 4: %d MB", before.HeapAlloc>>20, after.HeapAlloc>>20)
	if growth > 8<<20 {
		t.Errorf("heap grew by %d MB over three bursts", growth>>20)
	}
	// And afterwards a calm request renders on the server again.
	if _, body := fetch(t, srv.URL+"/ok", nil); !strings.Contains(body, `<p class="ok">ok`) {
		t.Errorf("after the bursts: %.600s", body)
	}
}

// TestBusyDegrades: with every runtime held by a render, a healthy island
// does not queue past AcquireTimeout: it falls back with reason busy.
// Break it: acquire with no timeout (the page waits for the loop).
func TestBusyDegrades(t *testing.T) {
	srv := faultSiteWith(t, 1, 100*time.Millisecond)
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		fetch(t, srv.URL+"/loop", nil) // holds the only runtime for the 1s deadline
	}()
	// Wait until the loop holds the runtime (ssrgate_pool_idle drops to 0).
	for {
		_, m := fetch(t, srv.URL+"/metrics", nil)
		if metricValue(t, m, "ssrgate_pool_idle") == 0 {
			break
		}
		select {
		case <-loopDone:
			t.Fatal("the loop finished before it was seen holding the runtime")
		case <-time.After(5 * time.Millisecond):
		}
	}
	_, body := fetch(t, srv.URL+"/ok", nil)
	if !strings.Contains(body, `data-render="client" data-fallback="busy"></ssr-island>`) {
		t.Errorf("with the only runtime busy, the island is not a busy fallback:\n%.600s", body)
	}
	<-loopDone
}
