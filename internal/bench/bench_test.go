package main

import (
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
