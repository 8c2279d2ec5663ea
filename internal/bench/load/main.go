// Command load is the benchmark's fallback HTTP load generator, used when
// wrk is not installed: C connections (goroutines with keep-alive) GET one
// URL back to back for a fixed duration; the result is printed as JSON in
// the harness's loadResult shape. Like wrk it is closed-loop: each
// connection sends its next request when the previous answer arrived.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	url := flag.String("url", "", "URL to GET")
	conns := flag.Int("c", 8, "concurrent connections")
	dur := flag.Duration("d", 5*time.Second, "duration")
	timeout := flag.Duration("timeout", 30*time.Second, "per-request timeout")
	accept := flag.String("accept-encoding", "", "Accept-Encoding to send (the body is read as it comes, not decoded)")
	flag.Parse()
	if *url == "" {
		fmt.Fprintln(os.Stderr, "load: -url is required")
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConns: *conns, MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: *timeout}

	var (
		mu     sync.Mutex
		lat    []time.Duration
		errors int64
		wg     sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(*dur)
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var errs int64
			for time.Now().Before(end) {
				t0 := time.Now()
				req, _ := http.NewRequest(http.MethodGet, *url, nil)
				if *accept != "" {
					req.Header.Set("Accept-Encoding", *accept)
				}
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode/100 != 2 {
						errs++
					}
				}
				if err != nil {
					errs++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		i := int(p/100*float64(len(lat))+0.999999) - 1
		return lat[min(max(i, 0), len(lat)-1)]
	}
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{
		"requests": len(lat), "errors": errors, "rps": float64(len(lat)) / elapsed.Seconds(),
		"p50": pct(50), "p99": pct(99),
	})
}
