package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"
)

// wrk 4.1's --latency output, abridged.
const wrkOutput = `Running 5s test @ http://127.0.0.1:40123/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   780.12us    1.02ms  20.11ms   95.12%
    Req/Sec    10.51k   512.33    11.20k    70.00%
  Latency Distribution
     50%  512.00us
     75%  700.00us
     90%    1.10ms
     99%    5.25ms
  52310 requests in 5.00s, 214.20MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  10461.92
Transfer/sec:     42.84MB
`

func TestParseWrk(t *testing.T) {
	r, err := parseWrk(wrkOutput)
	if err != nil {
		t.Fatal(err)
	}
	want := loadResult{Requests: 52310, Errors: 7, RPS: 10461.92, P50: 512 * time.Microsecond, P99: 5250 * time.Microsecond}
	if r != want {
		t.Fatalf("parseWrk = %+v, want %+v", r, want)
	}
	if _, err := parseWrk("connection refused"); err == nil {
		t.Fatal("parseWrk accepted output without results")
	}
}

func TestSummarize(t *testing.T) {
	var ts []time.Duration
	for i := 1; i <= 100; i++ {
		ts = append(ts, time.Duration(i)*time.Millisecond)
	}
	mean, p50, p99 := summarize(ts)
	if mean != 50500*time.Microsecond || p50 != 50*time.Millisecond || p99 != 99*time.Millisecond {
		t.Fatalf("summarize = %v %v %v", mean, p50, p99)
	}
}

// BenchmarkPageHandlers runs the very handlers of scenarios A, B, Ag and
// Bb in one process, one request at a time through net/http on loopback,
// so that a loaded machine slows them alike:
//
//	go test ./internal/bench -run X -bench PageHandlers -benchtime 3s
//
// b.N requests per handler; compare ns/op: B/A and Bb/Ag are the
// throughput ratios of make bench.
func BenchmarkPageHandlers(b *testing.B) {
	root, _ := filepath.Abs("../..")
	tmp := b.TempDir()
	eng, err := newEngine(root, 1)
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	for _, comp := range []string{"ProductList", "Comments"} {
		for _, rows := range []int{10, 100} {
			pageFile := filepath.Join(tmp, fmt.Sprintf("%s-%d.json", comp, rows))
			if err := writeStaticParts(eng, comp, props(comp, rows), pageFile); err != nil {
				b.Fatal(err)
			}
			for _, sc := range []struct{ name, mode, accept string }{
				{"A", "static", ""}, {"B", "ssr", ""}, {"Ag", "static-gzip", browserEncoding}, {"Bb", "ssr", browserEncoding},
			} {
				h, err := pageHandler(serveOptions{mode: sc.mode, root: root, component: comp, pageFile: pageFile, rows: rows})
				if err != nil {
					b.Fatal(err)
				}
				srv := httptest.NewServer(h)
				tr := &http.Transport{DisableCompression: true}
				client := &http.Client{Transport: tr}
				get := func() {
					req, _ := http.NewRequest(http.MethodGet, srv.URL+"/", nil)
					if sc.accept != "" {
						req.Header.Set("Accept-Encoding", sc.accept)
					}
					resp, err := client.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				for range 50 {
					get() // warm: render cache, compressed-body cache, pools
				}
				b.Run(fmt.Sprintf("%s/%d/%s", comp, rows, sc.name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						get()
					}
				})
				tr.CloseIdleConnections()
				srv.Close()
			}
		}
	}
}
