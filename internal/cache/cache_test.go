package cache

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTest(t *testing.T, cfg Config) (*Cache[string], *clock) {
	c := New(cfg, func(s string) int64 { return int64(len(s)) })
	clk := &clock{t: time.Unix(1e9, 0)}
	c.now = clk.now
	t.Cleanup(c.Close)
	return c, clk
}

func counting(v string, n *atomic.Int32) Load[string] {
	return func(context.Context) (string, error) { n.Add(1); return v, nil }
}

func TestHitMissAndOnlySuccess(t *testing.T) {
	c, _ := newTest(t, Config{MaxBytes: 1 << 20})
	var n atomic.Int32
	ctx := context.Background()
	if v, st, _ := c.Get(ctx, "k", time.Minute, counting("a", &n)); v != "a" || st != Miss {
		t.Fatalf("first: %q %v", v, st)
	}
	if v, st, _ := c.Get(ctx, "k", time.Minute, counting("b", &n)); v != "a" || st != Hit {
		t.Fatalf("second: %q %v", v, st)
	}
	fail := func(context.Context) (string, error) { return "", errors.New("boom") }
	if _, _, err := c.Get(ctx, "bad", time.Minute, fail); err == nil {
		t.Fatal("error not returned")
	}
	if _, st, _ := c.Get(ctx, "bad", time.Minute, counting("ok", &n)); st != Miss {
		t.Fatalf("a failed load was cached: %v", st)
	}
	if n.Load() != 2 {
		t.Fatalf("loads = %d, want 2", n.Load())
	}
}

func TestSingleflight(t *testing.T) {
	c, _ := newTest(t, Config{MaxBytes: 1 << 20})
	var n atomic.Int32
	release := make(chan struct{})
	slow := func(context.Context) (string, error) { n.Add(1); <-release; return "v", nil }
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, _, err := c.Get(context.Background(), "k", time.Minute, slow); v != "v" || err != nil {
				t.Errorf("got %q %v", v, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n.Load() != 1 {
		t.Fatalf("20 concurrent misses rendered %d times, want 1", n.Load())
	}
}

func TestStaleWhileRevalidate(t *testing.T) {
	c, clk := newTest(t, Config{MaxBytes: 1 << 20, Stale: time.Minute})
	ctx := context.Background()
	var n atomic.Int32
	c.Get(ctx, "k", time.Second, counting("old", &n))
	clk.add(2 * time.Second) // expired, inside the stale window
	refreshed := make(chan struct{})
	v, st, _ := c.Get(ctx, "k", time.Second, func(context.Context) (string, error) {
		defer close(refreshed)
		return "new", nil
	})
	if v != "old" || st != Stale {
		t.Fatalf("want stale old value, got %q %v", v, st)
	}
	<-refreshed
	time.Sleep(10 * time.Millisecond) // let the refresh store its value
	if v, st, _ := c.Get(ctx, "k", time.Second, counting("x", &n)); v != "new" || st != Hit {
		t.Fatalf("after refresh: %q %v", v, st)
	}
	clk.add(5 * time.Minute) // past the stale window: a plain miss
	if v, st, _ := c.Get(ctx, "k", time.Second, counting("fresh", &n)); v != "fresh" || st != Miss {
		t.Fatalf("past stale window: %q %v", v, st)
	}
}

func TestBoundedBytes(t *testing.T) {
	const max = 64 << 10
	c, clk := newTest(t, Config{MaxBytes: max})
	ctx := context.Background()
	big := strings.Repeat("x", 1000)
	for i := 0; i < 1000; i++ {
		clk.add(time.Millisecond)
		key := string(rune('a'+i%26)) + strings.Repeat("k", i%7) + time.Duration(i).String()
		c.Get(ctx, key, time.Hour, func(context.Context) (string, error) { return big, nil })
		if b := c.Bytes(); b > max {
			t.Fatalf("after %d inserts the cache holds %d bytes, bound %d", i+1, b, max)
		}
	}
	if c.Len() == 0 || c.Bytes() < max/2 {
		t.Fatalf("eviction too eager: %d entries, %d bytes", c.Len(), c.Bytes())
	}
	// Oversized values are returned but not stored.
	huge := strings.Repeat("y", max*2)
	if v, _, _ := c.Get(ctx, "huge", time.Hour, func(context.Context) (string, error) { return huge, nil }); v != huge {
		t.Fatal("huge value not returned")
	}
	if _, st, _ := c.Get(ctx, "huge", time.Hour, func(context.Context) (string, error) { return huge, nil }); st != Miss {
		t.Fatal("value larger than the cache was stored")
	}
}

func BenchmarkGetHit(b *testing.B) {
	c := New(Config{MaxBytes: 1 << 20}, func(s string) int64 { return int64(len(s)) })
	defer c.Close()
	load := func(context.Context) (string, error) { return "<p>cached</p>", nil }
	c.Get(context.Background(), "key", time.Hour, load)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, st, _ := c.Get(context.Background(), "key", time.Hour, load); st != Hit {
				b.Fatal("miss")
			}
		}
	})
}
