package ssr

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/rediscache/redistest"
)

// redisComponents writes components only these tests render, so the
// process-wide render histogram counts their renders alone.
func redisComponents(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"Shared.jsx": `export default function Shared({ id = "" }) { return <p>shared {id}</p>; }`,
		// A render long enough that concurrent requests arrive during it.
		"Slowish.jsx": `export default function Slowish({ id = "" }) {
  const end = Date.now() + 40;
  while (Date.now() < end) {}
  return <p>slowish {id}</p>;
}`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// replica is one Engine on the shared Redis: one replica of a cluster.
func replica(t *testing.T, dir, url string) *Engine {
	t.Helper()
	e, err := New(Config{ComponentsDir: dir, Root: "..", PoolSize: 2, RenderTimeout: 10 * time.Second,
		AcquireTimeout: 10 * time.Second, CacheRedis: url, CacheRedisLockWait: 30 * time.Second, CacheRedisTimeout: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// renders is how many uncached renders of component this process has run,
// from the ssrgate_render_duration_seconds histogram.
func renders(t testing.TB, component string) uint64 {
	t.Helper()
	mfs, err := metrics.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "ssrgate_render_duration_seconds" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "component" && l.GetValue() == component {
					return m.GetHistogram().GetSampleCount()
				}
			}
		}
	}
	return 0
}

func TestRedisSharesRenders(t *testing.T) {
	srv := redistest.Start(t)
	dir := redisComponents(t)
	a, b := replica(t, dir, srv.URL()), replica(t, dir, srv.URL())
	if a.BuildID() != b.BuildID() {
		t.Fatal("two engines on the same sources have different build ids")
	}
	ctx := context.Background()
	before := renders(t, "Shared")
	for i := range 5 {
		want := fmt.Sprintf("<p>shared <!-- -->%d</p>", i)
		if html, err := a.Render(ctx, "Shared", map[string]int{"id": i}); err != nil || html != want {
			t.Fatalf("first replica: %q, %v", html, err)
		}
		if html, err := b.Render(ctx, "Shared", map[string]int{"id": i}); err != nil || html != want {
			t.Fatalf("second replica: %q, %v", html, err)
		}
	}
	if n := renders(t, "Shared") - before; n != 5 {
		t.Fatalf("%d renders for 5 keys on two replicas, want 5: the second replica rendered", n)
	}
	if keys := srv.Do("KEYS", "ssrgate:"+a.BuildID()+":Shared:*").([]any); len(keys) != 5 {
		t.Fatalf("redis holds %d keys of this build, want 5", len(keys))
	}
}

func TestRedisLockRendersOnceAcrossEngines(t *testing.T) {
	srv := redistest.Start(t)
	dir := redisComponents(t)
	engines := []*Engine{replica(t, dir, srv.URL()), replica(t, dir, srv.URL())}
	before := renders(t, "Slowish")
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		e := engines[i%2]
		wg.Go(func() {
			html, err := e.Render(context.Background(), "Slowish", map[string]string{"id": "cold"})
			if err == nil && html != "<p>slowish <!-- -->cold</p>" {
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
	if n := renders(t, "Slowish") - before; n != 1 {
		t.Fatalf("20 concurrent cold requests on two replicas rendered %d times, want 1", n)
	}
}

func TestRedisBadURL(t *testing.T) {
	_, err := New(Config{ComponentsDir: "testdata/components", Root: "..", PoolSize: 1, CacheRedis: "localhost:6379"})
	if err == nil || !strings.Contains(err.Error(), "CacheRedis") || !strings.Contains(err.Error(), "redis://HOST:PORT/DB") {
		t.Fatalf("err = %v, want one naming CacheRedis and the URL form", err)
	}
}
