package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/ssr"
)

// faultSite serves pages whose islands throw, loop forever, return megabytes
// or wait on a timer far past the deadline, beside a page that is fine.
func faultSite(t *testing.T) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, err := ssr.New(ssr.Config{
		ComponentsDir: "testdata/faults/components", Root: "../..", PoolSize: 2,
		RenderTimeout: time.Second, AcquireTimeout: 100 * time.Millisecond,
		MaxOutputBytes: 1 << 20, Logger: log,
	})
	if err != nil {
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
		`ssrgate_fallbacks_total{component="Huge",reason="too-large"}`, "ssrgate_pool_replacements_total"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestBurst sends many more concurrent requests than there are runtimes,
// mixing faulty pages with healthy ones, several times over. Every request
// gets a whole page; healthy islands are server-rendered or, when no runtime
// is free in time, degrade to "busy"; memory does not grow with the rounds.
func TestBurst(t *testing.T) {
	srv := faultSite(t)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	paths := []string{"/ok", "/ok?a=1", "/throw", "/ok?a=1&b=2", "/loop", "/ok", "/huge", "/slow"}
	round := func() (busy, rendered int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := 0; i < 40; i++ { // 20 times the pool size
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				path := paths[i%len(paths)]
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
		t.Logf("round %d: %d healthy islands rendered, %d degraded", r, rendered, busy)
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
	if growth > 64<<20 {
		t.Errorf("heap grew by %d MB over three bursts", growth>>20)
	}
	// And afterwards a calm request renders on the server again.
	if _, body := fetch(t, srv.URL+"/ok", nil); !strings.Contains(body, `<p class="ok">ok`) {
		t.Errorf("after the bursts: %.600s", body)
	}
}
