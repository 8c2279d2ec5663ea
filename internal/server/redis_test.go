package server

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/rediscache/redistest"
	"github.com/ssrgate/ssrgate/ssr"
)

// redisSite writes a one-component site whose pages are cached.
func redisSite(t *testing.T) (components, templates string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"components/Item.jsx":            `export default function Item({ id = "" }) { return <p>item {id}</p>; }`,
		"templates/pages/item/[id].html": `<html><head>{{ ssrHead }}</head><body>{{ component "Item" (props "id" .Params.id) }}{{ ssrScripts }}</body></html>`,
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "components"), filepath.Join(dir, "templates")
}

func redisReplica(t *testing.T, components, templates, url string) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, err := ssr.New(ssr.Config{ComponentsDir: components, Root: "../..", PoolSize: 2,
		RenderTimeout: 10 * time.Second, AcquireTimeout: 10 * time.Second, Logger: log,
		CacheRedis: url, CacheRedisCooldown: 20 * time.Millisecond, CacheRedisTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, TemplatesDir: templates, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); eng.Close() })
	return srv
}

// metricValue reads one sample (name with labels, as exposed) from /metrics.
func metricValue(t *testing.T, base, sample string) float64 {
	t.Helper()
	_, body := fetch(t, base+"/metrics", nil)
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, sample+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("metric %s: %v", line, err)
			}
			return f
		}
	}
	return 0
}

// TestRedisKilledMidLoad kills Redis under load across two replicas: no
// page fails or falls back, /readyz stays ready, /metrics shows the errors
// and the breaker trip; restarted, Redis is shared again.
func TestRedisKilledMidLoad(t *testing.T) {
	rs := redistest.Start(t)
	components, templates := redisSite(t)
	replicas := []*httptest.Server{redisReplica(t, components, templates, rs.URL()), redisReplica(t, components, templates, rs.URL())}
	client := &http.Client{Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	get := func(base string, id int) error {
		resp, err := client.Get(fmt.Sprintf("%s/item/%d", base, id))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if want := fmt.Sprintf("<p>item <!-- -->%d</p>", id); resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			return fmt.Errorf("GET /item/%d: %d without the server-rendered %s:\n%.400s", id, resp.StatusCode, want, b)
		}
		return nil
	}
	var sent atomic.Int64
	var killOnce sync.Once
	errs := make(chan error, 400)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < 400; i += 8 {
				if sent.Add(1) == 120 {
					killOnce.Do(rs.Kill)
				}
				if err := get(replicas[i%2].URL, i%150); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, r := range replicas {
		if resp, body := fetch(t, r.URL+"/readyz", nil); resp.StatusCode != 200 {
			t.Errorf("/readyz with Redis down: %d %s", resp.StatusCode, body)
		}
	}
	base := replicas[0].URL
	for _, m := range []string{"ssrgate_redis_cache_errors_total", "ssrgate_redis_breaker_trips_total", "ssrgate_redis_cache_misses_total", "ssrgate_redis_cache_stores_total"} {
		if metricValue(t, base, m) == 0 {
			t.Errorf("/metrics: %s is 0 after Redis was killed under load", m)
		}
	}

	// Restarted, Redis is used again: once a replica stores a render there,
	// the other serves it without rendering.
	rs.Restart()
	time.Sleep(50 * time.Millisecond) // past both breakers' 20ms cooldown
	stores := metricValue(t, base, "ssrgate_redis_cache_stores_total")
	id := 1000
	for ; metricValue(t, base, "ssrgate_redis_cache_stores_total") == stores; id++ {
		if id > 3000 {
			t.Fatal("Redis restarted but no render was stored there again")
		}
		if err := get(base, id); err != nil {
			t.Fatal(err)
		}
	}
	sample := `ssrgate_render_duration_seconds_count{component="Item"}`
	before := metricValue(t, base, sample)
	if err := get(replicas[1].URL, id-1); err != nil {
		t.Fatal(err)
	}
	if after := metricValue(t, base, sample); after != before {
		t.Fatalf("the second replica rendered item %d (%v renders) instead of reading it from the restarted Redis", id-1, after-before)
	}
	if metricValue(t, base, "ssrgate_redis_cache_hits_total") == 0 {
		t.Fatal("/metrics counts no Redis hit")
	}
}

// TestRedisSlowAndFull serves pages while Redis is paused (every command
// hangs) and then while it is full (maxmemory with noeviction refuses
// writes): every page is whole and server-rendered, /readyz stays ready,
// and /metrics counts the errors.
func TestRedisSlowAndFull(t *testing.T) {
	rs := redistest.Start(t)
	components, templates := redisSite(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, err := ssr.New(ssr.Config{ComponentsDir: components, Root: "../..", PoolSize: 2,
		RenderTimeout: 10 * time.Second, AcquireTimeout: 10 * time.Second, Logger: log,
		CacheRedis: rs.URL(), CacheRedisTimeout: 50 * time.Millisecond, CacheRedisCooldown: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, TemplatesDir: templates, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); eng.Close() })
	pages := func(from int) {
		t.Helper()
		for id := from; id < from+10; id++ {
			resp, body := fetch(t, fmt.Sprintf("%s/item/%d", srv.URL, id), nil)
			if want := fmt.Sprintf("<p>item <!-- -->%d</p>", id); resp.StatusCode != 200 || !strings.Contains(body, want) {
				t.Fatalf("GET /item/%d: %d without the server-rendered %s", id, resp.StatusCode, want)
			}
		}
		if resp, body := fetch(t, srv.URL+"/readyz", nil); resp.StatusCode != 200 {
			t.Fatalf("/readyz: %d %s", resp.StatusCode, body)
		}
	}

	errs := metricValue(t, srv.URL, "ssrgate_redis_cache_errors_total")
	trips := metricValue(t, srv.URL, "ssrgate_redis_breaker_trips_total")
	rs.Do("CLIENT", "PAUSE", "3000", "ALL") // a paused server holds even CLIENT UNPAUSE: let it run out
	pages(0)
	if metricValue(t, srv.URL, "ssrgate_redis_cache_errors_total") == errs || metricValue(t, srv.URL, "ssrgate_redis_breaker_trips_total") == trips {
		t.Fatal("/metrics shows no timed-out command or breaker trip while Redis was paused")
	}
	rs.Do("CONFIG", "SET", "maxmemory-policy", "noeviction") // answered once the pause is over
	rs.Do("CONFIG", "SET", "maxmemory", "2mb")
	c := rs.Client()
	defer c.Close()
	for i := 0; ; i++ {
		if err := c.Set(t.Context(), fmt.Sprint("fill", i), strings.Repeat("f", 64<<10), 0).Err(); err != nil {
			if !strings.Contains(err.Error(), "OOM") {
				t.Fatalf("filling redis: %v", err)
			}
			break
		}
		if i > 1000 {
			t.Fatal("redis never filled up")
		}
	}
	time.Sleep(50 * time.Millisecond) // past the breaker's 20ms cooldown
	errs = metricValue(t, srv.URL, "ssrgate_redis_cache_errors_total")
	pages(100)
	if metricValue(t, srv.URL, "ssrgate_redis_cache_errors_total") == errs {
		t.Fatal("/metrics shows no OOM error while Redis was full")
	}
}
