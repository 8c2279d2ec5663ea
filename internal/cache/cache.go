// Package cache is the render cache: rendered values by key, on go-cache,
// with a bound in bytes, one render per key at a time (singleflight), and
// stale-while-revalidate.
package cache

import (
	"context"
	"sort"
	"sync"
	"time"

	gocache "github.com/patrickmn/go-cache"
	"golang.org/x/sync/singleflight"
)

// Status says how Get answered.
type Status int

// The answers of Get.
const (
	Miss  Status = iota // rendered now (or joined a render under way)
	Hit                 // fresh entry
	Stale               // expired entry served while a refresh runs
)

func (s Status) String() string { return [...]string{"miss", "hit", "stale"}[s] }

type entry[V any] struct {
	val   V
	fresh time.Time // served as a hit until then, as stale after
	size  int64
}

// Cache holds rendered values. It is safe for concurrent use.
type Cache[V any] struct {
	items    *gocache.Cache
	stale    time.Duration
	maxBytes int64
	timeout  time.Duration // bound on a background refresh

	mu    sync.Mutex // guards bytes and makes set+account atomic
	bytes int64

	flight singleflight.Group
	bg     sync.WaitGroup
	ctx    context.Context // cancelled by Close; parent of refreshes
	cancel context.CancelFunc
	now    func() time.Time
	size   func(V) int64
}

// Config configures New.
type Config struct {
	MaxBytes int64         // bound on the sum of key and value sizes
	Stale    time.Duration // how long past its TTL an entry may be served; 0 = never
	// RefreshTimeout bounds a background refresh.
	RefreshTimeout time.Duration
}

// New returns an empty cache whose values weigh size(v) bytes (plus their
// key). Close it to stop background work.
func New[V any](cfg Config, size func(V) int64) *Cache[V] {
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cache[V]{size: size,
		items: gocache.New(gocache.NoExpiration, 0), stale: cfg.Stale, maxBytes: cfg.MaxBytes,
		timeout: cfg.RefreshTimeout, ctx: ctx, cancel: cancel, now: time.Now,
	}
	if c.timeout <= 0 {
		c.timeout = 5 * time.Second
	}
	// Expired entries are removed lazily (on Get) and by evict, so there is
	// no janitor goroutine to stop.
	return c
}

// Load renders the value for a key.
type Load[V any] func(ctx context.Context) (V, error)

// Get returns the value for key, calling load on a miss. Concurrent misses
// of one key share one load. An entry past its TTL but within the stale
// window is returned at once (Stale) while one background load refreshes it.
// Only successful loads are stored.
func (c *Cache[V]) Get(ctx context.Context, key string, ttl time.Duration, load Load[V]) (V, Status, error) {
	if v, ok := c.items.Get(key); ok {
		e := v.(entry[V])
		now := c.now()
		if now.Before(e.fresh) {
			return e.val, Hit, nil
		}
		if now.Before(e.fresh.Add(c.stale)) {
			c.refresh(key, ttl, load)
			return e.val, Stale, nil
		}
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		val, err := load(ctx)
		if err == nil {
			c.set(key, val, ttl)
		}
		return val, err
	})
	if err != nil {
		var zero V
		return zero, Miss, err
	}
	return v.(V), Miss, nil
}

func (c *Cache[V]) refresh(key string, ttl time.Duration, load Load[V]) {
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		ctx, cancel := context.WithTimeout(c.ctx, c.timeout)
		defer cancel()
		// DoChan-free: Do already dedups; a refresh that joins a running
		// render just waits for it.
		c.flight.Do(key, func() (any, error) {
			val, err := load(ctx)
			if err == nil {
				c.set(key, val, ttl)
			}
			return val, err
		})
	}()
}

func (c *Cache[V]) set(key string, val V, ttl time.Duration) {
	sz := int64(len(key)+64) + c.size(val)
	if sz > c.maxBytes {
		return // larger than the whole cache: not worth storing
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items.Get(key); ok {
		c.bytes -= old.(entry[V]).size
	}
	c.items.Set(key, entry[V]{val: val, fresh: c.now().Add(ttl), size: sz}, ttl+c.stale)
	c.bytes += sz
	if c.bytes > c.maxBytes {
		c.evictLocked(c.maxBytes * 9 / 10)
	}
}

// evictLocked drops expired entries, then those closest to expiry, until
// the cache holds at most target bytes.
func (c *Cache[V]) evictLocked(target int64) {
	items := c.items.Items() // unexpired only; expired ones are still in the map
	type kv struct {
		key string
		exp int64
		sz  int64
	}
	all := make([]kv, 0, len(items))
	for k, it := range items {
		all = append(all, kv{k, it.Expiration, it.Object.(entry[V]).size})
	}
	// Entries expired but not yet removed are not in items; recount from
	// what is left so the tally stays exact.
	c.items.DeleteExpired()
	var live int64
	for _, e := range all {
		live += e.sz
	}
	c.bytes = live
	sort.Slice(all, func(i, j int) bool { return all[i].exp < all[j].exp })
	for _, e := range all {
		if c.bytes <= target {
			break
		}
		c.items.Delete(e.key)
		c.bytes -= e.sz
	}
}

// Bytes is the cache's current size as counted against MaxBytes.
func (c *Cache[V]) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Len is the number of entries, expired ones included until removed.
func (c *Cache[V]) Len() int { return c.items.ItemCount() }

// Flush drops every entry.
func (c *Cache[V]) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items.Flush()
	c.bytes = 0
}

// Close cancels background refreshes and waits for them.
func (c *Cache[V]) Close() {
	c.cancel()
	c.bg.Wait()
}
