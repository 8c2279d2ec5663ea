package ssr

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/rediscache/redistest"
)

// benchReplica is an engine on the demo components, with the shared cache
// at url ("" for none).
func benchReplica(b *testing.B, url string) *Engine {
	b.Helper()
	e, err := New(Config{ComponentsDir: "../components", Root: "..", PoolSize: 2, CacheRedis: url,
		RenderTimeout: 30 * time.Second, AcquireTimeout: 30 * time.Second, CacheRedisLockWait: 30 * time.Second,
		// Past a loaded machine's hiccups: a timeout means a local render,
		// which would count as a second render of the key.
		CacheRedisTimeout: time.Second,
		Logger:            slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	return e
}

// BenchmarkSharedCacheHit compares a hit in the in-process cache with a
// hit in Redis (local cache emptied first): the latency Redis adds on a
// replica that has not seen a page yet. The two are timed alternately in
// one loop, so load from other processes affects both alike; it reports
// the median of each. 100-row demo catalog: 18 KB of HTML, 1.5 KB gzipped
// in Redis.
func BenchmarkSharedCacheHit(b *testing.B) {
	srv := redistest.Start(b)
	e := benchReplica(b, srv.URL())
	props := catalog(100)
	ctx := context.Background()
	if _, err := e.Render(ctx, "ProductList", props); err != nil {
		b.Fatal(err)
	}
	before := renders(b, "ProductList")
	var local, shared []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := e.Render(ctx, "ProductList", props); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		e.cache.c.Flush()
		t2 := time.Now()
		if _, err := e.Render(ctx, "ProductList", props); err != nil {
			b.Fatal(err)
		}
		local, shared = append(local, t1.Sub(t0)), append(shared, time.Since(t2))
	}
	if n := renders(b, "ProductList") - before; n != 0 {
		b.Fatalf("%d renders: the Redis hits were not all hits", n)
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds())
	}
	b.ReportMetric(median(local), "µs/local-hit")
	b.ReportMetric(median(shared), "µs/redis-hit")
}

// BenchmarkColdBurst sends a burst of cold requests to a cluster of two
// replicas: keys distinct pages, each requested 10 times on each replica
// at once (as after a deploy, when every key has a new build id). It
// reports renders per key across the cluster, with and without Redis.
func BenchmarkColdBurst(b *testing.B) {
	srv := redistest.Start(b)
	const keys, perReplica = 20, 10
	for _, mode := range []string{"local", "redis"} {
		b.Run(mode, func(b *testing.B) {
			url := ""
			if mode == "redis" {
				url = srv.URL()
			}
			cluster := []*Engine{benchReplica(b, url), benchReplica(b, url)}
			ctx := context.Background()
			var total uint64
			round := 0
			for b.Loop() {
				round++
				before := renders(b, "ProductList")
				var wg sync.WaitGroup
				for k := range keys {
					props := catalog(20)
					props["burst"] = fmt.Sprintf("%s-%d-%d", mode, round, k) // a cold key
					for _, e := range cluster {
						for range perReplica {
							wg.Go(func() {
								if _, err := e.Render(ctx, "ProductList", props); err != nil {
									b.Error(err)
								}
							})
						}
					}
				}
				wg.Wait()
				total += renders(b, "ProductList") - before
			}
			b.ReportMetric(float64(total)/float64(round*keys), "renders/key")
			for i, e := range cluster {
				if l, ok := e.cache.l2.(*redisLevel); ok {
					b.Logf("replica %d: %+v", i, l.c.Stats())
				}
			}
		})
	}
}
