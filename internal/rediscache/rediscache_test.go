package rediscache

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/rediscache/redistest"
)

func newCache(t *testing.T, url string, mod func(*Options)) *Cache {
	t.Helper()
	// Generous timeouts unless a test sets its own: a loaded test machine
	// must not turn a slow reply into a second render.
	o := Options{URL: url, Timeout: 5 * time.Second, LockWait: 30 * time.Second, BreakerFailures: 2, BreakerCooldown: time.Hour}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// renders is a render that counts its calls.
type renders struct{ n atomic.Int64 }

func (r *renders) render(html string) Render {
	return func(ctx context.Context) (string, error) {
		r.n.Add(1)
		return html, nil
	}
}

func TestEncodeDecode(t *testing.T) {
	fresh := time.UnixMilli(1_700_000_000_123)
	for _, html := range []string{"", "<p>hi</p>", strings.Repeat("<li>row</li>", 1000)} {
		b := encode(value{html: html, fresh: fresh})
		if len(html) >= compressFrom && len(b) >= len(html)/4 {
			t.Errorf("%d bytes of HTML stored as %d: not compressed", len(html), len(b))
		}
		v, err := decode(b)
		if err != nil || v.html != html || !v.fresh.Equal(fresh) {
			t.Fatalf("round trip of %d bytes: %v, %d bytes, fresh %v", len(html), err, len(v.html), v.fresh)
		}
	}
	if _, err := decode([]byte("plain old value")); err == nil {
		t.Fatal("decode accepted a foreign value")
	}
}

func TestBadURL(t *testing.T) {
	_, err := New(Options{URL: "http://secret@example:6379"})
	if err == nil || !strings.Contains(err.Error(), "redis://HOST:PORT/DB") || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error = %v", err)
	}
}

// Two caches are two replicas: what one renders, the other serves.
func TestShared(t *testing.T) {
	srv := redistest.Start(t)
	a, b := newCache(t, srv.URL(), nil), newCache(t, srv.URL(), nil)
	var r renders
	key := a.Key("build1", "Counter", []byte(`{"start":1}`))
	if key != b.Key("build1", "Counter", []byte(`{"start":1}`)) || key == a.Key("build2", "Counter", []byte(`{"start":1}`)) {
		t.Fatal("keys must depend on build, component and props only")
	}
	html := strings.Repeat("<b>x</b>", 200)
	for _, c := range []*Cache{a, b, b} {
		got, err := c.Fetch(context.Background(), key, time.Minute, time.Minute, r.render(html))
		if err != nil || got != html {
			t.Fatalf("Fetch = %q, %v", got, err)
		}
	}
	if r.n.Load() != 1 {
		t.Fatalf("%d renders, want 1", r.n.Load())
	}
	if s := b.Stats(); s.Hits != 2 || s.Misses != 0 {
		t.Fatalf("second replica's stats = %+v", s)
	}
	ttl := srv.Do("PTTL", key).(int64)
	if ttl <= int64(time.Minute/time.Millisecond) || ttl > int64(2*time.Minute/time.Millisecond) {
		t.Fatalf("PTTL = %d ms, want ttl+stale (2m)", ttl)
	}
}

// Twenty concurrent cold requests across two replicas render once.
func TestLockRendersOnce(t *testing.T) {
	srv := redistest.Start(t)
	a, b := newCache(t, srv.URL(), nil), newCache(t, srv.URL(), nil)
	var n atomic.Int64
	render := func(ctx context.Context) (string, error) {
		n.Add(1)
		time.Sleep(50 * time.Millisecond) // a render long enough for the others to arrive
		return "<p>once</p>", nil
	}
	key := a.Key("b", "Slow", nil)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		c := []*Cache{a, b}[i%2]
		wg.Go(func() {
			html, err := c.Fetch(context.Background(), key, time.Minute, 0, render)
			if err == nil && html != "<p>once</p>" {
				err = fmt.Errorf("html %q", html)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != 1 {
		t.Fatalf("%d renders for 20 cold requests on two replicas, want 1", n.Load())
	}
}

// Many cold keys at once, each asked for on both replicas: a replica that
// looked before the other stored and takes the lock after it let go must
// not render again.
func TestLockManyKeys(t *testing.T) {
	srv := redistest.Start(t)
	a, b := newCache(t, srv.URL(), nil), newCache(t, srv.URL(), nil)
	var n atomic.Int64
	render := func(ctx context.Context) (string, error) {
		n.Add(1)
		time.Sleep(time.Millisecond)
		return "<p>x</p>", nil
	}
	const keys = 100
	var wg sync.WaitGroup
	for k := range keys {
		key := a.Key("b", "Many", []byte(fmt.Sprint(k)))
		for i := range 6 {
			c := []*Cache{a, b}[i%2]
			wg.Go(func() { c.Fetch(context.Background(), key, time.Minute, 0, render) })
		}
	}
	wg.Wait()
	if n.Load() != keys {
		t.Fatalf("%d renders for %d cold keys on two replicas, want %d", n.Load(), keys, keys)
	}
}

// The same race, made deterministic: the second replica missed before the
// first stored, and takes the lock after the first released it.
func TestLockAfterRelease(t *testing.T) {
	srv := redistest.Start(t)
	a, b := newCache(t, srv.URL(), nil), newCache(t, srv.URL(), nil)
	var r renders
	key := a.Key("b", "Raced", nil)
	a.Fetch(context.Background(), key, time.Minute, 0, r.render("<p>first</p>"))
	html, err := b.renderOnce(context.Background(), key, time.Minute, 0, r.render("<p>second</p>"))
	if err != nil || html != "<p>first</p>" || r.n.Load() != 1 {
		t.Fatalf("renderOnce after the other replica stored = %q, %v, %d renders; want the stored value and no render", html, err, r.n.Load())
	}
	if n := srv.Do("EXISTS", key+":lock").(int64); n != 0 {
		t.Fatal("lock left behind")
	}
}

// A holder whose render fails releases the lock; waiters render themselves.
func TestLockHolderFails(t *testing.T) {
	srv := redistest.Start(t)
	a := newCache(t, srv.URL(), nil)
	boom := errors.New("boom")
	key := a.Key("b", "Broken", nil)
	if _, err := a.Fetch(context.Background(), key, time.Minute, 0, func(context.Context) (string, error) { return "", boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the render's", err)
	}
	if n := srv.Do("EXISTS", key, key+":lock").(int64); n != 0 {
		t.Fatalf("%d keys left after a failed render, want none", n)
	}
}

// A stale entry is served while one replica refreshes it.
func TestStale(t *testing.T) {
	srv := redistest.Start(t)
	a := newCache(t, srv.URL(), nil)
	var r renders
	key := a.Key("b", "C", nil)
	a.Fetch(context.Background(), key, time.Minute, time.Hour, r.render("old"))
	a.now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	if got, _ := a.Fetch(context.Background(), key, time.Minute, time.Hour, r.render("new")); got != "old" {
		t.Fatalf("stale Fetch = %q, want the old value at once", got)
	}
	a.bg.Wait() // the refresh
	if got, _ := a.Fetch(context.Background(), key, time.Minute, time.Hour, r.render("newer")); got != "new" {
		t.Fatalf("after refresh Fetch = %q, want new", got)
	}
	if s := a.Stats(); s.Stale != 1 || s.Hits != 1 || r.n.Load() != 2 {
		t.Fatalf("stats %+v, %d renders", s, r.n.Load())
	}
}

func TestOversize(t *testing.T) {
	srv := redistest.Start(t)
	a := newCache(t, srv.URL(), func(o *Options) { o.MaxValueBytes = 100 })
	var r renders
	key := a.Key("b", "Big", nil)
	big := newToken() + newToken() + newToken() + newToken() + newToken() // 120 bytes that do not shrink
	for range 2 {
		if html, err := a.Fetch(context.Background(), key, time.Minute, 0, r.render(big)); err != nil || html != big {
			t.Fatalf("Fetch = %q, %v", html, err)
		}
	}
	if s := a.Stats(); r.n.Load() != 2 || s.Oversize != 2 || s.Stores != 0 {
		t.Fatalf("renders %d, stats %+v: want an oversize render kept out of Redis", r.n.Load(), s)
	}
}

// Redis killed: pages go on; the breaker opens; restarted, it is used again.
func TestKilledAndRestarted(t *testing.T) {
	srv := redistest.Start(t)
	a := newCache(t, srv.URL(), func(o *Options) { o.BreakerCooldown = 20 * time.Millisecond })
	var r renders
	ctx := context.Background()
	srv.Kill()
	for i := range 10 {
		html, err := a.Fetch(ctx, a.Key("b", "C", []byte(fmt.Sprint(i))), time.Minute, 0, r.render("<p>local</p>"))
		if err != nil || html != "<p>local</p>" {
			t.Fatalf("Fetch with Redis down = %q, %v", html, err)
		}
	}
	s := a.Stats()
	if r.n.Load() != 10 || s.Errors < 2 || s.Trips < 1 {
		t.Fatalf("renders %d, stats %+v: want 10 local renders, errors and a breaker trip", r.n.Load(), s)
	}
	srv.Restart()
	key := a.Key("b", "After", nil)
	// The breaker lets a probe through after its cooldown; keep asking
	// until a value is stored (bounded, so a breaker that never closes fails).
	for i := 0; a.Stats().Stores == 0; i++ {
		if i > 2000 {
			t.Fatalf("Redis restarted but never used again: %+v", a.Stats())
		}
		a.Fetch(ctx, key, time.Minute, 0, r.render("<p>shared</p>"))
		time.Sleep(time.Millisecond)
	}
	if a.BreakerOpen() {
		t.Fatal("breaker still open after Redis answered")
	}
	b := newCache(t, srv.URL(), nil)
	if got, _ := b.Fetch(ctx, key, time.Minute, 0, r.render("<p>again</p>")); got != "<p>shared</p>" {
		t.Fatalf("other replica got %q, want the stored render", got)
	}
}

// Redis paused (as if overloaded): commands time out, renders go on, and
// after BreakerFailures timeouts the breaker stops asking.
func TestSlow(t *testing.T) {
	srv := redistest.Start(t)
	a := newCache(t, srv.URL(), func(o *Options) { o.Timeout = 50 * time.Millisecond })
	var r renders
	srv.Do("CLIENT", "PAUSE", "10000", "ALL")
	for i := range 4 {
		html, err := a.Fetch(context.Background(), a.Key("b", "C", []byte(fmt.Sprint(i))), time.Minute, 0, r.render("<p>local</p>"))
		if err != nil || html != "<p>local</p>" {
			t.Fatalf("Fetch with Redis paused = %q, %v", html, err)
		}
	}
	if s := a.Stats(); r.n.Load() != 4 || s.Errors != 2 || s.Trips != 1 || s.Skipped != 2 || !a.BreakerOpen() {
		t.Fatalf("%d renders, stats %+v: want 4 local renders, 2 timeouts, then the breaker open and 2 lookups skipped", r.n.Load(), s)
	}
}

// Redis full (maxmemory, noeviction): writes fail with OOM, renders go on.
func TestFull(t *testing.T) {
	srv := redistest.Start(t, "--maxmemory", "2mb", "--maxmemory-policy", "noeviction")
	c := srv.Client()
	defer c.Close()
	filler := strings.Repeat("f", 64<<10)
	for i := 0; ; i++ {
		if err := c.Set(context.Background(), fmt.Sprint("fill", i), filler, 0).Err(); err != nil {
			if !strings.Contains(err.Error(), "OOM") {
				t.Fatalf("filling redis: %v", err)
			}
			break
		}
		if i > 1000 {
			t.Fatal("redis never filled up: maxmemory ignored?")
		}
	}
	a := newCache(t, srv.URL(), nil)
	var r renders
	for i := range 3 {
		html, err := a.Fetch(context.Background(), a.Key("b", "C", []byte(fmt.Sprint(i))), time.Minute, 0, r.render("<p>local</p>"))
		if err != nil || html != "<p>local</p>" {
			t.Fatalf("Fetch with Redis full = %q, %v", html, err)
		}
	}
	if s := a.Stats(); r.n.Load() != 3 || s.Errors < 1 || s.Stores != 0 {
		t.Fatalf("renders %d, stats %+v", r.n.Load(), s)
	}
}
