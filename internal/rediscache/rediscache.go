// Package rediscache is the shared render cache: a second level behind each
// replica's in-process cache, on Redis (or Valkey), so a cluster renders a
// page once rather than once per replica.
//
// Redis is never on the critical path. Every command has a short deadline;
// any error, a full server (OOM) or a slow one means the caller renders
// locally, and a circuit breaker stops asking Redis for a while after
// repeated failures. A cold key is rendered once per cluster: the first
// replica takes a short lock (SET NX PX) and renders; the others poll for
// its result for a bounded time, then render themselves.
package rediscache

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Options configure New. The zero value of every field but URL has a
// default, filled in by New.
type Options struct {
	// URL is redis://[[USER]:PASSWORD@]HOST:PORT/DB, or rediss:// for TLS.
	// go-redis query options (dial_timeout, read_timeout, pool_size, …)
	// are honoured.
	URL string
	// Namespace prefixes every key. Default "ssrgate".
	Namespace string
	// Timeout bounds each Redis command (and dialing) unless the URL sets
	// its own read/write/dial timeouts. Default 100ms.
	Timeout time.Duration
	// LockTTL is how long a render lock lives if its holder never releases
	// it (a crashed replica). Default 5s.
	LockTTL time.Duration
	// LockWait bounds how long a miss waits for another replica's render
	// before rendering itself. Default 2s.
	LockWait time.Duration
	// MaxValueBytes bounds a stored value (after compression); larger
	// renders stay in the local cache only. Default 1 MiB.
	MaxValueBytes int
	// BreakerFailures consecutive failures open the circuit breaker.
	// Default 5.
	BreakerFailures int
	// BreakerCooldown is how long an open breaker stops asking Redis;
	// then one request probes it. Default 10s.
	BreakerCooldown time.Duration
	// Logger gets breaker trips and recoveries. Default slog.Default().
	Logger *slog.Logger
}

func (o *Options) fill() {
	if o.Namespace == "" {
		o.Namespace = "ssrgate"
	}
	if o.Timeout <= 0 {
		o.Timeout = 100 * time.Millisecond
	}
	if o.LockTTL <= 0 {
		o.LockTTL = 5 * time.Second
	}
	if o.LockWait <= 0 {
		o.LockWait = 2 * time.Second
	}
	if o.MaxValueBytes <= 0 {
		o.MaxValueBytes = 1 << 20
	}
	if o.BreakerFailures <= 0 {
		o.BreakerFailures = 5
	}
	if o.BreakerCooldown <= 0 {
		o.BreakerCooldown = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// Cache is a Redis-backed render cache. It is safe for concurrent use.
type Cache struct {
	opts Options
	rdb  *redis.Client
	br   breaker
	st   stats
	bg   sync.WaitGroup
	ctx  context.Context // cancelled by Close; parent of background refreshes
	stop context.CancelFunc
	now  func() time.Time
}

// New returns a Cache for opts.URL. It does not connect: a Redis that is
// down at start-up is a cache that misses until it comes back.
func New(opts Options) (*Cache, error) {
	opts.fill()
	ro, err := redis.ParseURL(opts.URL)
	if err != nil {
		return nil, fmt.Errorf("redis cache URL %q: %w (want redis://HOST:PORT/DB)", redactURL(opts.URL), err)
	}
	// One attempt per command: a retry would double the time a broken
	// Redis costs a page.
	ro.MaxRetries = -1
	if ro.DialerRetries == 0 {
		// go-redis dials 5 times, 100ms apart, by default: a Redis that
		// refuses connections would cost each page the whole timeout.
		ro.DialerRetries = 1
	}
	ro.ContextTimeoutEnabled = true
	if ro.DialTimeout == 0 {
		ro.DialTimeout = opts.Timeout
	}
	if ro.ReadTimeout == 0 {
		ro.ReadTimeout = opts.Timeout
	}
	if ro.WriteTimeout == 0 {
		ro.WriteTimeout = opts.Timeout
	}
	if ro.PoolTimeout == 0 {
		ro.PoolTimeout = opts.Timeout
	}
	setLogger.Do(func() { redis.SetLogger(goRedisLog{}) })
	ctx, stop := context.WithCancel(context.Background())
	c := &Cache{opts: opts, rdb: redis.NewClient(ro), ctx: ctx, stop: stop, now: time.Now}
	c.br = breaker{threshold: opts.BreakerFailures, cooldown: opts.BreakerCooldown, now: time.Now,
		onTrip: func(err error) {
			c.st.trips.Add(1)
			mTrips.Inc()
			mOpen.Set(1)
			opts.Logger.Warn("redis cache unavailable: rendering locally", "for", opts.BreakerCooldown, "err", err)
		},
		onClose: func() {
			mOpen.Set(0)
			opts.Logger.Info("redis cache available again")
		}}
	return c, nil
}

// goRedisLog sends go-redis's own log lines (dial failures, which the
// errors counter and the breaker's warning already report) to slog at
// debug level instead of unstructured lines on stderr. go-redis has one
// process-wide logger; only this package sets it.
type goRedisLog struct{}

func (goRedisLog) Printf(ctx context.Context, format string, v ...any) {
	slog.Default().Log(ctx, slog.LevelDebug, "go-redis: "+strings.TrimSpace(fmt.Sprintf(format, v...)))
}

var setLogger sync.Once

// redactURL hides a password in a URL for error messages.
func redactURL(s string) string {
	if i, j := strings.Index(s, "://"), strings.LastIndex(s, "@"); i >= 0 && j > i {
		return s[:i+3] + "…@" + s[j+1:]
	}
	return s
}

// Ping checks that Redis answers within the timeout.
func (c *Cache) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	return c.rdb.Ping(ctx).Err()
}

// Close stops background refreshes, waits for them and closes the client.
func (c *Cache) Close() error {
	c.stop()
	c.bg.Wait()
	return c.rdb.Close()
}

// Key is the Redis key of one render: namespace, build id, component and
// a hash of the props. Keys of one build share a prefix, so
// "SCAN 0 MATCH ssrgate:BUILD:*" finds them.
func (c *Cache) Key(buildID, component string, propsJSON []byte) string {
	h := sha256.Sum256(propsJSON)
	return c.opts.Namespace + ":" + buildID + ":" + component + ":" + hex.EncodeToString(h[:16])
}

// Render produces the HTML of a key locally.
type Render func(ctx context.Context) (string, error)

// Fetch returns the HTML stored under key, or renders it (at most once
// across the cluster while Redis works) and stores it for ttl, plus stale
// during which it is still served while one replica refreshes it. Fetch
// returns render's error, never a Redis error: a Redis failure means a
// local render.
func (c *Cache) Fetch(ctx context.Context, key string, ttl, stale time.Duration, render Render) (string, error) {
	if !c.br.allow() {
		c.st.skipped.Add(1)
		mSkipped.Inc()
		return render(ctx)
	}
	v, found, err := c.get(ctx, key)
	if err != nil {
		c.failed(ctx, err)
		return render(ctx)
	}
	c.br.success()
	if found {
		if c.now().Before(v.fresh) {
			c.count(&c.st.hits, mHits)
			return v.html, nil
		}
		c.count(&c.st.stale, mStale)
		c.refresh(key, ttl, stale, render)
		return v.html, nil
	}
	c.count(&c.st.misses, mMisses)
	return c.renderOnce(ctx, key, ttl, stale, render)
}

// renderOnce renders a cold key under the cluster-wide lock, or waits for
// the replica holding it.
func (c *Cache) renderOnce(ctx context.Context, key string, ttl, stale time.Duration, render Render) (string, error) {
	token := newToken()
	lock := key + ":lock"
	got, err := c.lock(ctx, lock, token)
	if err != nil {
		c.failed(ctx, err)
		return render(ctx)
	}
	if got {
		// Another replica may have stored the value and released the lock
		// between our lookup and our lock: look again before rendering.
		v, found, err := c.get(ctx, key)
		if err != nil {
			c.failed(ctx, err)
		} else if found {
			c.unlock(ctx, lock, token)
			c.count(&c.st.waitHits, mWaitHits)
			return v.html, nil
		}
		html, rerr := render(ctx)
		c.storeAndUnlock(ctx, key, html, rerr == nil, ttl, stale, lock, token)
		return html, rerr
	}
	c.count(&c.st.waits, mWaits)
	if html, ok := c.wait(ctx, key, lock); ok {
		c.count(&c.st.waitHits, mWaitHits)
		return html, nil
	}
	// The holder failed, is too slow or Redis broke: render here, and
	// share the result if Redis takes it.
	html, rerr := render(ctx)
	if rerr == nil {
		c.store(ctx, key, html, ttl, stale)
	}
	return html, rerr
}

// refresh re-renders a stale key in the background, on the one replica
// that takes its lock.
func (c *Cache) refresh(key string, ttl, stale time.Duration, render Render) {
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		ctx, cancel := context.WithTimeout(c.ctx, c.opts.LockTTL)
		defer cancel()
		token, lock := newToken(), key+":lock"
		got, err := c.lock(ctx, lock, token)
		if err != nil {
			c.failed(ctx, err)
			return
		}
		if !got {
			return // another replica refreshes it
		}
		html, rerr := render(ctx)
		c.storeAndUnlock(ctx, key, html, rerr == nil, ttl, stale, lock, token)
	}()
}

// wait polls for the value another replica is rendering, until it appears,
// the lock goes away without one, LockWait passes or Redis fails.
func (c *Cache) wait(ctx context.Context, key, lock string) (string, bool) {
	deadline := c.now().Add(c.opts.LockWait)
	pause := 2 * time.Millisecond
	for {
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return "", false
		case <-t.C:
		}
		if pause < 25*time.Millisecond {
			pause *= 2
		}
		v, found, held, err := c.poll(ctx, key, lock)
		if err != nil {
			c.failed(ctx, err)
			return "", false
		}
		if found {
			return v.html, true
		}
		if !held || !c.now().Before(deadline) {
			return "", false
		}
	}
}

func (c *Cache) opCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, c.opts.Timeout)
}

func (c *Cache) get(ctx context.Context, key string) (value, bool, error) {
	ctx, cancel := c.opCtx(ctx)
	defer cancel()
	b, err := c.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return value{}, false, nil
	}
	if err != nil {
		return value{}, false, err
	}
	v, err := decode(b)
	if err != nil {
		// A value this version cannot read: treat it as a miss, and the
		// render that follows overwrites it.
		c.opts.Logger.Warn("redis cache: unreadable value", "key", key, "err", err)
		return value{}, false, nil
	}
	return v, true, nil
}

func (c *Cache) poll(ctx context.Context, key, lock string) (v value, found, held bool, err error) {
	ctx, cancel := c.opCtx(ctx)
	defer cancel()
	var get *redis.StringCmd
	var exists *redis.IntCmd
	_, err = c.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		get = p.Get(ctx, key)
		exists = p.Exists(ctx, lock)
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return value{}, false, false, err
	}
	held = exists.Val() > 0
	b, gerr := get.Bytes()
	if gerr != nil {
		return value{}, false, held, nil
	}
	if v, err = decode(b); err != nil {
		return value{}, false, held, nil
	}
	return v, true, held, nil
}

func (c *Cache) lock(ctx context.Context, lock, token string) (bool, error) {
	ctx, cancel := c.opCtx(ctx)
	defer cancel()
	return c.rdb.SetNX(ctx, lock, token, c.opts.LockTTL).Result()
}

// unlockScript deletes the lock only if this replica still holds it (it
// may have expired and been taken by another).
var unlockScript = redis.NewScript(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`)

func (c *Cache) storeAndUnlock(ctx context.Context, key, html string, ok bool, ttl, stale time.Duration, lock, token string) {
	// A cancelled request still releases its lock.
	ctx = context.WithoutCancel(ctx)
	if ok {
		c.store(ctx, key, html, ttl, stale)
	}
	c.unlock(ctx, lock, token)
}

func (c *Cache) unlock(ctx context.Context, lock, token string) {
	octx, cancel := c.opCtx(ctx)
	defer cancel()
	if err := unlockScript.Run(octx, c.rdb, []string{lock}, token).Err(); err != nil {
		c.failed(ctx, err)
	}
}

func (c *Cache) store(ctx context.Context, key, html string, ttl, stale time.Duration) {
	b := encode(value{html: html, fresh: c.now().Add(ttl)})
	if len(b) > c.opts.MaxValueBytes {
		c.count(&c.st.oversize, mOversize)
		return
	}
	ctx, cancel := c.opCtx(ctx)
	defer cancel()
	if err := c.rdb.Set(ctx, key, b, ttl+stale).Err(); err != nil {
		c.failed(ctx, err)
		return
	}
	c.count(&c.st.stores, mStores)
}

// failed counts a Redis error. A cancelled caller is not Redis's fault.
func (c *Cache) failed(ctx context.Context, err error) {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		c.br.neutral()
		return
	}
	c.count(&c.st.errors, mErrors)
	c.br.failure(err)
}

func newToken() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// value is one stored render. On the wire: "s1", a flags byte (1: gzip),
// the fresh-until time in Unix milliseconds (8 bytes, big-endian), then
// the HTML.
type value struct {
	html  string
	fresh time.Time
}

const (
	header       = 11
	flagGzip     = 1
	compressFrom = 512 // smaller HTML is stored as is
)

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return w
}}

func encode(v value) []byte {
	var buf bytes.Buffer
	buf.Grow(header + len(v.html)/3)
	buf.WriteString("s1")
	var flags byte
	if len(v.html) >= compressFrom {
		flags = flagGzip
	}
	buf.WriteByte(flags)
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], uint64(v.fresh.UnixMilli()))
	buf.Write(ts[:])
	if flags&flagGzip == 0 {
		buf.WriteString(v.html)
		return buf.Bytes()
	}
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	io.WriteString(zw, v.html)
	zw.Close()
	gzipPool.Put(zw)
	return buf.Bytes()
}

func decode(b []byte) (value, error) {
	if len(b) < header || string(b[:2]) != "s1" {
		return value{}, errors.New("not an ssrgate value")
	}
	v := value{fresh: time.UnixMilli(int64(binary.BigEndian.Uint64(b[3:header])))}
	body := b[header:]
	if b[2]&flagGzip == 0 {
		v.html = string(body)
		return v, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return value{}, err
	}
	var sb strings.Builder
	if _, err := io.Copy(&sb, zr); err != nil {
		return value{}, err
	}
	v.html = sb.String()
	return v, nil
}

// Stats counts what a Cache did. Counters only grow.
type Stats struct {
	Hits     int64 // fresh values served
	Stale    int64 // stale values served while a refresh ran
	Misses   int64 // cold keys (rendered here or waited for)
	Waits    int64 // misses that waited for another replica's render
	WaitHits int64 // waits that got the other replica's render
	Stores   int64 // values written
	Oversize int64 // values over MaxValueBytes, not written
	Errors   int64 // failed or timed-out commands
	Skipped  int64 // lookups not sent because the breaker was open
	Trips    int64 // times the breaker opened
}

type stats struct {
	hits, stale, misses, waits, waitHits, stores, oversize, errors, skipped, trips atomic.Int64
}

// Stats returns the counters of this Cache.
func (c *Cache) Stats() Stats {
	s := &c.st
	return Stats{Hits: s.hits.Load(), Stale: s.stale.Load(), Misses: s.misses.Load(), Waits: s.waits.Load(),
		WaitHits: s.waitHits.Load(), Stores: s.stores.Load(), Oversize: s.oversize.Load(), Errors: s.errors.Load(),
		Skipped: s.skipped.Load(), Trips: s.trips.Load()}
}

// BreakerOpen reports whether the breaker is keeping requests off Redis.
func (c *Cache) BreakerOpen() bool { return c.br.open() }
