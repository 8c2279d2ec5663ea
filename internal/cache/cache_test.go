package cache

import (
	"context"
	"errors"
	"runtime"
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

// waiting returns a hook for Cache.onWait and a channel closed once n
// callers wait for a load: a barrier, so tests need no sleeps.
func waiting(n int) (func(string), <-chan struct{}) {
	var mu sync.Mutex
	all := make(chan struct{})
	seen := 0
	return func(string) {
		mu.Lock()
		defer mu.Unlock()
		if seen++; seen == n {
			close(all)
		}
	}, all
}

// loaded returns a hook for Cache.onLoaded that reports each finished load.
func loaded() (func(string), <-chan string) {
	ch := make(chan string, 100)
	return func(k string) { ch <- k }, ch
}

// TestSingleflight: 20 concurrent misses of one key load once.
// Break it: start a load per caller in join (no flights map lookup).
func TestSingleflight(t *testing.T) {
	c, _ := newTest(t, Config{MaxBytes: 1 << 20})
	var n atomic.Int32
	release := make(chan struct{})
	slow := func(context.Context) (string, error) { n.Add(1); <-release; return "v", nil }
	var all <-chan struct{}
	c.onWait, all = waiting(20)
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
	<-all // every caller waits on a load; none has finished
	close(release)
	wg.Wait()
	if n.Load() != 1 {
		t.Fatalf("20 concurrent misses rendered %d times, want 1", n.Load())
	}
}

// TestWaiterOutlivesLeavingCaller: the caller that started a load goes
// away; another caller waiting for the same key, whose ctx is live, still
// gets the value, and the load was not cancelled.
// Break it: run the load with the first caller's ctx (join: lctx := ctx).
func TestWaiterOutlivesLeavingCaller(t *testing.T) {
	c, _ := newTest(t, Config{MaxBytes: 1 << 20})
	started, release := make(chan struct{}), make(chan struct{})
	load := func(ctx context.Context) (string, error) {
		close(started)
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-release:
			return "v", nil
		}
	}
	var both <-chan struct{}
	c.onWait, both = waiting(2)
	actx, cancelA := context.WithCancel(context.Background())
	aErr := make(chan error, 1)
	go func() { _, _, err := c.Get(actx, "k", time.Minute, load); aErr <- err }()
	<-started
	bRes := make(chan error, 1)
	go func() {
		v, _, err := c.Get(context.Background(), "k", time.Minute, load)
		if err == nil && v != "v" {
			err = errors.New("wrong value " + v)
		}
		bRes <- err
	}()
	<-both
	cancelA()
	if err := <-aErr; !errors.Is(err, context.Canceled) {
		t.Errorf("the caller that left: %v, want context.Canceled", err)
	}
	close(release)
	if err := <-bRes; err != nil {
		t.Fatalf("a waiter with a live context got %v", err)
	}
}

// TestLastWaiterLeavingCancelsLoad: when every caller has gone, the load's
// context is cancelled (nobody wants the render).
// Break it: drop cl.cancel() from leave.
func TestLastWaiterLeavingCancelsLoad(t *testing.T) {
	c, _ := newTest(t, Config{MaxBytes: 1 << 20})
	started, cancelled := make(chan struct{}), make(chan struct{})
	load := func(ctx context.Context) (string, error) {
		close(started)
		<-ctx.Done()
		close(cancelled)
		return "", ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, _, err := c.Get(ctx, "k", time.Minute, load); done <- err }()
	<-started
	cancel()
	<-done
	<-cancelled // hangs (test timeout) if the load is never cancelled
}

var errBusy = errors.New("busy")

// TestBusyNotShared: a load that failed because the pool was busy for its
// caller is that caller's failure; a caller that joined it loads again for
// itself.
// Break it: return cl.err to joined callers without consulting Shared.
func TestBusyNotShared(t *testing.T) {
	c := New(Config{MaxBytes: 1 << 20, Shared: func(err error) bool { return !errors.Is(err, errBusy) }},
		func(s string) int64 { return int64(len(s)) })
	t.Cleanup(c.Close)
	var calls atomic.Int32
	release := make(chan struct{})
	load := func(context.Context) (string, error) {
		if calls.Add(1) == 1 {
			<-release
			return "", errBusy
		}
		return "v", nil
	}
	var both <-chan struct{}
	c.onWait, both = waiting(2)
	aErr, bErr := make(chan error, 1), make(chan error, 1)
	go func() { _, _, err := c.Get(context.Background(), "k", time.Minute, load); aErr <- err }()
	go func() { _, _, err := c.Get(context.Background(), "k", time.Minute, load); bErr <- err }()
	<-both
	close(release)
	errs := []error{<-aErr, <-bErr}
	busy, ok := 0, 0
	for _, err := range errs {
		switch {
		case errors.Is(err, errBusy):
			busy++
		case err == nil:
			ok++
		}
	}
	if busy != 1 || ok != 1 {
		t.Fatalf("want the loading caller busy and the joined one served, got %v", errs)
	}
}

// TestOneRefreshPerKey: many stale hits start one background refresh, not
// a goroutine each.
// Break it: drop the c.flights check in refresh (or go back to a goroutine
// per stale hit).
func TestOneRefreshPerKey(t *testing.T) {
	c, clk := newTest(t, Config{MaxBytes: 1 << 20, Stale: time.Hour})
	ctx := context.Background()
	c.Get(ctx, "k", time.Second, func(context.Context) (string, error) { return "old", nil })
	clk.add(2 * time.Second)
	var loads atomic.Int32
	release := make(chan struct{})
	before := runtime.NumGoroutine()
	for range 1000 {
		v, st, _ := c.Get(ctx, "k", time.Second, func(context.Context) (string, error) {
			loads.Add(1)
			<-release
			return "new", nil
		})
		if v != "old" || st != Stale {
			t.Fatalf("stale hit: %q %v", v, st)
		}
	}
	grew := runtime.NumGoroutine() - before
	close(release)
	if grew > 10 {
		t.Errorf("1000 stale hits left %d more goroutines, want one refresh", grew)
	}
}

// TestRefreshFailureBacksOff: after a failed refresh, stale hits serve the
// old value without rendering again until the backoff has passed; the wait
// doubles while failures go on; success clears it.
// Break it: skip the retryAt check in refresh.
func TestRefreshFailureBacksOff(t *testing.T) {
	c, clk := newTest(t, Config{MaxBytes: 1 << 20, Stale: time.Hour, RefreshBackoff: time.Second})
	var done <-chan string
	c.onLoaded, done = loaded()
	ctx := context.Background()
	c.Get(ctx, "k", time.Second, func(context.Context) (string, error) { return "old", nil })
	<-done
	clk.add(2 * time.Second)
	var fails atomic.Int32
	failing := func(ctx context.Context) (string, error) {
		if !IsRefresh(ctx) {
			t.Error("a background refresh's ctx does not say so (IsRefresh)")
		}
		fails.Add(1)
		return "", errors.New("component throws")
	}
	c.Get(ctx, "k", time.Second, failing) // starts the refresh
	<-done
	for range 100 { // within the backoff: no render
		if v, st, _ := c.Get(ctx, "k", time.Second, failing); v != "old" || st != Stale {
			t.Fatalf("stale hit after failed refresh: %q %v", v, st)
		}
	}
	if n := fails.Load(); n != 1 {
		t.Fatalf("100 stale hits after a failed refresh rendered %d times, want 1 (back off)", n)
	}
	clk.add(1100 * time.Millisecond) // past the first backoff: one more try, which fails
	c.Get(ctx, "k", time.Second, failing)
	<-done
	clk.add(1100 * time.Millisecond) // the wait doubled to 2s: still backing off
	c.Get(ctx, "k", time.Second, failing)
	if n := fails.Load(); n != 2 {
		t.Fatalf("renders = %d, want 2 (second backoff is 2s)", n)
	}
	clk.add(time.Second)
	c.Get(ctx, "k", time.Second, func(context.Context) (string, error) { return "new", nil })
	<-done
	if v, st, _ := c.Get(ctx, "k", time.Second, failing); v != "new" || st != Hit {
		t.Fatalf("after a successful refresh: %q %v", v, st)
	}
}

// TestExpiredEntrySize: storing a key again after its entry expired
// replaces the old entry's bytes instead of adding to them.
// Break it: subtract the old size only for entries still fresh.
func TestExpiredEntrySize(t *testing.T) {
	// The real clock: go-cache, which stores the entries, expires them by
	// it too.
	c := New(Config{MaxBytes: 1 << 20}, func(s string) int64 { return int64(len(s)) })
	t.Cleanup(c.Close)
	ctx := context.Background()
	load := func(context.Context) (string, error) { return strings.Repeat("x", 1000), nil }
	const ttl = time.Microsecond
	c.Get(ctx, "k", ttl, load)
	one := c.Bytes()
	for range 5 {
		for end := time.Now().Add(2 * ttl); time.Now().Before(end); {
			// let the entry expire (no stale window): the next Get renders again
		}
		if _, st, _ := c.Get(ctx, "k", ttl, load); st != Miss {
			t.Fatalf("expired entry: %v, want a miss", st)
		}
	}
	if b := c.Bytes(); b != one {
		t.Fatalf("one key rendered 6 times after expiring: Bytes() = %d, want %d (one entry)", b, one)
	}
}

func TestStaleWhileRevalidate(t *testing.T) {
	c, clk := newTest(t, Config{MaxBytes: 1 << 20, Stale: time.Minute})
	var done <-chan string
	c.onLoaded, done = loaded()
	ctx := context.Background()
	var n atomic.Int32
	c.Get(ctx, "k", time.Second, counting("old", &n))
	<-done
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
	<-done // the refresh stored its value
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
