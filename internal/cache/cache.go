// Package cache is the render cache: rendered values by key, on go-cache,
// with a bound in bytes, one load per key at a time (shared by the callers
// that miss together), and stale-while-revalidate with at most one
// background refresh per key.
package cache

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	gocache "github.com/patrickmn/go-cache"
)

// Status says how Get answered.
type Status int

// The answers of Get.
const (
	Miss  Status = iota // loaded now (or joined a load under way)
	Hit                 // fresh entry
	Stale               // expired entry served while a refresh runs
)

func (s Status) String() string { return [...]string{"miss", "hit", "stale"}[s] }

// entry is one stored value. Expiry is the cache's own (go-cache holds
// entries without expiration): go-cache hides expired entries from Get, and
// an entry the cache cannot see is one whose bytes it cannot subtract when
// the key is stored again.
type entry[V any] struct {
	val   V
	fresh time.Time // served as a hit until then, as stale after
	dead  time.Time // fresh plus the stale window: not served after
	size  int64

	// After a failed refresh, stale hits start no new one before retryAt;
	// retryWait doubles with each failure in a row.
	retryAt   time.Time
	retryWait time.Duration
}

// call is one load under way, shared by the callers that wait for it.
type call[V any] struct {
	done    chan struct{}
	val     V
	err     error
	waiters int                // callers still waiting (guarded by Cache.mu); a refresh holds one itself
	cancel  context.CancelFunc // stops the load; called when the last waiter leaves
	refresh bool
}

// Cache holds rendered values. It is safe for concurrent use.
type Cache[V any] struct {
	items    *gocache.Cache
	stale    time.Duration
	maxBytes int64
	timeout  time.Duration // bound on a background refresh
	backoff  time.Duration // first wait after a failed refresh
	shared   func(error) bool

	mu      sync.Mutex // guards bytes, flights, closed, and makes set+account atomic
	bytes   int64
	flights map[string]*call[V]
	closed  bool

	bg     sync.WaitGroup // loads under way
	ctx    context.Context
	cancel context.CancelFunc // cancels every load (Close)
	now    func() time.Time
	size   func(V) int64

	// Test hooks: a caller starts waiting for a load; a load's result is
	// recorded.
	onWait, onLoaded func(key string)
}

// Config configures New.
type Config struct {
	MaxBytes int64         // bound on the sum of key and value sizes
	Stale    time.Duration // how long past its TTL an entry may be served; 0 = never
	// RefreshTimeout bounds a background refresh. Optional. Default 5s.
	RefreshTimeout time.Duration
	// RefreshBackoff is how long stale hits wait after a failed refresh
	// before one starts another; it doubles with each failure in a row, up
	// to the stale window. Without it a component that started failing
	// would be rendered (and fail) again on every stale hit.
	// Optional. Default 1s.
	RefreshBackoff time.Duration
	// Shared reports whether a failed load's error may be handed to the
	// callers that joined the load. An error that is the loading caller's
	// own (the runtime pool was busy for it) is not: each joined caller
	// then loads once more itself. Optional. Default: every error is shared.
	Shared func(error) bool
}

// New returns an empty cache whose values weigh size(v) bytes (plus their
// key). Close it to stop background work.
func New[V any](cfg Config, size func(V) int64) *Cache[V] {
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cache[V]{size: size,
		items: gocache.New(gocache.NoExpiration, 0), stale: cfg.Stale, maxBytes: cfg.MaxBytes,
		timeout: cfg.RefreshTimeout, backoff: cfg.RefreshBackoff, shared: cfg.Shared,
		flights: map[string]*call[V]{}, ctx: ctx, cancel: cancel, now: time.Now,
	}
	if c.timeout <= 0 {
		c.timeout = 5 * time.Second
	}
	if c.backoff <= 0 {
		c.backoff = time.Second
	}
	// Dead entries are removed when Get meets them and by evict, so there
	// is no janitor goroutine to stop.
	return c
}

// Load renders the value for a key.
type Load[V any] func(ctx context.Context) (V, error)

type refreshKey struct{}

// IsRefresh reports whether ctx is that of a background refresh, whose
// failure no caller sees: the load should log and count it itself.
func IsRefresh(ctx context.Context) bool { return ctx.Value(refreshKey{}) != nil }

// Get returns the value for key, calling load on a miss.
//
// Concurrent misses of one key share one load. The load runs with the
// values of the first caller's ctx but not its cancellation: a caller whose
// ctx is done stops waiting and gets its ctx's error, while the load goes on
// for the others; it is cancelled only when every caller has left. Only
// successful loads are stored.
//
// An entry past its TTL but within the stale window is returned at once
// (Stale) while one background load refreshes it; at most one load per key
// runs at any time, and after a failed refresh stale hits back off (see
// Config.RefreshBackoff).
func (c *Cache[V]) Get(ctx context.Context, key string, ttl time.Duration, load Load[V]) (V, Status, error) {
	if v, ok := c.items.Get(key); ok {
		e := v.(entry[V])
		now := c.now()
		if now.Before(e.fresh) {
			return e.val, Hit, nil
		}
		if now.Before(e.dead) {
			c.refresh(key, ttl, load, now)
			return e.val, Stale, nil
		}
		c.dropDead(key, now)
	}
	return c.miss(ctx, key, ttl, load)
}

// miss waits for the key's load, starting one if none runs.
func (c *Cache[V]) miss(ctx context.Context, key string, ttl time.Duration, load Load[V]) (V, Status, error) {
	var zero V
	for retried := false; ; retried = true {
		cl, owner := c.join(ctx, key, ttl, load)
		if cl == nil { // closed: no background work any more
			v, err := load(ctx)
			return v, Miss, err
		}
		if c.onWait != nil {
			c.onWait(key)
		}
		select {
		case <-cl.done:
			c.leave(cl)
			if cl.err == nil {
				return cl.val, Miss, nil
			}
			if !owner && !retried && c.shared != nil && !c.shared(cl.err) && ctx.Err() == nil {
				continue // another caller's own failure: try once for ourselves
			}
			return zero, Miss, cl.err
		case <-ctx.Done():
			c.leave(cl)
			return zero, Miss, fmt.Errorf("stopped waiting for the render: %w", context.Cause(ctx))
		}
	}
}

// join adds the caller to the key's load, starting it if none runs. It
// reports whether the caller started it; nil after Close.
func (c *Cache[V]) join(ctx context.Context, key string, ttl time.Duration, load Load[V]) (*call[V], bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, false
	}
	if cl, ok := c.flights[key]; ok {
		cl.waiters++
		return cl, false
	}
	lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	cl := &call[V]{done: make(chan struct{}), waiters: 1, cancel: cancel}
	c.start(lctx, key, ttl, load, cl)
	return cl, true
}

// leave removes a waiter; the last one to leave cancels the load.
func (c *Cache[V]) leave(cl *call[V]) {
	c.mu.Lock()
	cl.waiters--
	last := cl.waiters == 0
	c.mu.Unlock()
	if last {
		cl.cancel()
	}
}

// refresh starts a background load of a stale key, unless one runs or the
// last refresh failed less than its backoff ago.
func (c *Cache[V]) refresh(key string, ttl time.Duration, load Load[V], now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if _, ok := c.flights[key]; ok {
		return
	}
	if v, ok := c.items.Get(key); ok && now.Before(v.(entry[V]).retryAt) {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithValue(c.ctx, refreshKey{}, true), c.timeout)
	cl := &call[V]{done: make(chan struct{}), waiters: 1, cancel: cancel, refresh: true}
	c.start(ctx, key, ttl, load, cl)
}

// start runs cl's load in the background. c.mu is held.
func (c *Cache[V]) start(ctx context.Context, key string, ttl time.Duration, load Load[V], cl *call[V]) {
	c.flights[key] = cl
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		stop := context.AfterFunc(c.ctx, cl.cancel) // Close stops every load
		defer stop()
		defer cl.cancel()
		val, err := safeLoad(ctx, load)
		c.mu.Lock()
		delete(c.flights, key)
		switch {
		case err == nil:
			c.setLocked(key, val, ttl)
		case cl.refresh:
			c.backOffLocked(key)
		}
		c.mu.Unlock()
		cl.val, cl.err = val, err
		close(cl.done)
		if c.onLoaded != nil {
			c.onLoaded(key)
		}
	}()
}

// safeLoad turns a panicking load into an error: the load runs on a
// goroutine of the cache, where a panic would end the process.
func safeLoad[V any](ctx context.Context, load Load[V]) (v V, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cache: load panicked: %v", r)
		}
	}()
	return load(ctx)
}

// backOffLocked records a failed refresh on the key's entry. c.mu is held.
func (c *Cache[V]) backOffLocked(key string) {
	v, ok := c.items.Get(key)
	if !ok {
		return
	}
	e := v.(entry[V])
	e.retryWait = min(max(2*e.retryWait, c.backoff), max(c.stale, c.backoff))
	e.retryAt = c.now().Add(e.retryWait)
	c.items.Set(key, e, gocache.NoExpiration)
}

// dropDead removes key's entry if it is past its stale window.
func (c *Cache[V]) dropDead(key string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.items.Get(key); ok && !now.Before(v.(entry[V]).dead) {
		c.items.Delete(key)
		c.bytes -= v.(entry[V]).size
	}
}

func (c *Cache[V]) setLocked(key string, val V, ttl time.Duration) {
	sz := int64(len(key)+64) + c.size(val)
	if old, ok := c.items.Get(key); ok {
		c.items.Delete(key)
		c.bytes -= old.(entry[V]).size
	}
	if sz > c.maxBytes {
		return // larger than the whole cache: not worth storing
	}
	fresh := c.now().Add(ttl)
	c.items.Set(key, entry[V]{val: val, fresh: fresh, dead: fresh.Add(c.stale), size: sz}, gocache.NoExpiration)
	c.bytes += sz
	if c.bytes > c.maxBytes {
		c.evictLocked(c.maxBytes * 9 / 10)
	}
}

// evictLocked drops dead entries, then those closest to expiry, until the
// cache holds at most target bytes.
func (c *Cache[V]) evictLocked(target int64) {
	items := c.items.Items()
	type kv struct {
		key  string
		dead time.Time
		sz   int64
	}
	all := make([]kv, 0, len(items))
	var live int64
	for k, it := range items {
		e := it.Object.(entry[V])
		all = append(all, kv{k, e.dead, e.size})
		live += e.size
	}
	c.bytes = live
	sort.Slice(all, func(i, j int) bool { return all[i].dead.Before(all[j].dead) })
	now := c.now()
	for _, e := range all {
		if c.bytes <= target && now.Before(e.dead) {
			break
		}
		c.items.Delete(e.key)
		c.bytes -= e.sz
	}
}

// OnWait sets a function called each time a caller starts waiting for a
// key's load, so tests can hold a load until its waiters are known instead
// of sleeping. Set it before the first Get.
func (c *Cache[V]) OnWait(f func(key string)) { c.onWait = f }

// Bytes is the cache's current size as counted against MaxBytes.
func (c *Cache[V]) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Len is the number of entries, dead ones included until removed.
func (c *Cache[V]) Len() int { return c.items.ItemCount() }

// Flush drops every entry.
func (c *Cache[V]) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items.Flush()
	c.bytes = 0
}

// Close cancels the loads under way and waits for them. Get after Close
// loads without storing.
func (c *Cache[V]) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.cancel()
	c.bg.Wait()
}
