package rediscache

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// breaker is a circuit breaker: after threshold consecutive failures it
// opens for cooldown, during which allow says no; then it lets one probe
// through (half-open), which closes it on success or reopens it on failure.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time
	onTrip    func(error)
	onClose   func()

	mu       sync.Mutex
	failures int
	state    int // closed, open, probing
	until    time.Time
	isOpen   atomic.Bool
}

const (
	closed = iota
	opened
	probing
)

func (b *breaker) allow() bool {
	if !b.isOpen.Load() {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case closed:
		return true
	case opened:
		if b.now().Before(b.until) {
			return false
		}
		b.state = probing
		return true
	}
	return false // a probe is under way
}

func (b *breaker) success() {
	if !b.isOpen.Load() {
		b.mu.Lock()
		b.failures = 0
		b.mu.Unlock()
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	wasOpen := b.state != closed
	b.failures, b.state = 0, closed
	b.isOpen.Store(false)
	if wasOpen && b.onClose != nil {
		b.onClose()
	}
}

func (b *breaker) failure(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	if b.state == probing || (b.state == closed && b.failures >= b.threshold) {
		b.state, b.until = opened, b.now().Add(b.cooldown)
		b.isOpen.Store(true)
		if b.onTrip != nil {
			b.onTrip(err)
		}
	}
}

// neutral ends a probe that told nothing (its caller went away).
func (b *breaker) neutral() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == probing {
		b.state, b.until = opened, b.now()
	}
}

func (b *breaker) open() bool { return b.isOpen.Load() }

// Process-wide Prometheus counters, summed over every Cache.
var (
	mHits     = counter("ssrgate_redis_cache_hits_total", "Renders served fresh from Redis.")
	mStale    = counter("ssrgate_redis_cache_stale_total", "Stale renders served from Redis while one replica refreshed them.")
	mMisses   = counter("ssrgate_redis_cache_misses_total", "Keys not in Redis (rendered here or waited for).")
	mWaits    = counter("ssrgate_redis_cache_lock_waits_total", "Misses that waited for another replica rendering the same key.")
	mWaitHits = counter("ssrgate_redis_cache_lock_wait_hits_total", "Lock waits that got the other replica's render.")
	mStores   = counter("ssrgate_redis_cache_stores_total", "Renders written to Redis.")
	mOversize = counter("ssrgate_redis_cache_oversize_total", "Renders too large for Redis (kept locally only).")
	mErrors   = counter("ssrgate_redis_cache_errors_total", "Redis commands that failed or timed out (the render went on locally).")
	mSkipped  = counter("ssrgate_redis_cache_skipped_total", "Lookups not sent to Redis because the circuit breaker was open.")
	mTrips    = counter("ssrgate_redis_breaker_trips_total", "Times the Redis circuit breaker opened.")
	mOpen     = prometheus.NewGauge(prometheus.GaugeOpts{Name: "ssrgate_redis_breaker_open", Help: "1 while the Redis circuit breaker keeps requests off Redis."})
)

func counter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

// Collectors are the cache's metrics, for the caller's registry.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{mHits, mStale, mMisses, mWaits, mWaitHits, mStores, mOversize, mErrors, mSkipped, mTrips, mOpen}
}

func (c *Cache) count(n *atomic.Int64, m prometheus.Counter) {
	n.Add(1)
	m.Inc()
}
