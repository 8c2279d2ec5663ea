package ssr

import (
	"context"
	"fmt"
	"time"

	"github.com/ssrgate/ssrgate/internal/rediscache"
)

// sharedLevel is the render cache's second level, shared by replicas: the
// in-process cache asks it on a miss, and it either returns a render some
// replica stored or calls render. It must return render's result whenever
// it cannot answer itself, so it never fails a page.
type sharedLevel interface {
	fetch(ctx context.Context, buildID, name string, propsJSON []byte, idPrefix string, ttl time.Duration,
		render func(context.Context) (string, error)) (string, error)
	close()
}

// load renders a local miss, through the second level when there is one.
func (r *renderCache) load(ctx context.Context, buildID, name string, propsJSON []byte, idPrefix string, ttl time.Duration,
	render func(context.Context, string, []byte, string) (string, error)) (string, error) {
	local := func(ctx context.Context) (string, error) { return render(ctx, name, propsJSON, idPrefix) }
	if r.l2 == nil {
		return local(ctx)
	}
	return r.l2.fetch(ctx, buildID, name, propsJSON, idPrefix, ttl, local)
}

// redisLevel is the sharedLevel on Redis.
type redisLevel struct {
	c     *rediscache.Cache
	stale time.Duration
}

func init() { metrics.reg.MustRegister(rediscache.Collectors()...) }

// newSharedLevel returns the configured second level, or nil.
func newSharedLevel(cfg Config) (sharedLevel, error) {
	if cfg.CacheRedis == "" || cfg.CacheTTL < 0 {
		return nil, nil
	}
	c, err := rediscache.New(rediscache.Options{
		URL: cfg.CacheRedis, Namespace: cfg.CacheRedisNamespace, Timeout: cfg.CacheRedisTimeout,
		LockWait: cfg.CacheRedisLockWait, BreakerCooldown: cfg.CacheRedisCooldown,
		// The holder's render may take the whole acquire and render
		// deadline; past that (a crashed replica) the lock frees itself.
		LockTTL: cfg.AcquireTimeout + cfg.RenderTimeout + time.Second,
		// A render bigger than MaxOutputBytes is an error anyway.
		MaxValueBytes: max(cfg.MaxOutputBytes, 1<<20),
		Logger:        cfg.Logger,
	})
	if err != nil {
		return nil, fmt.Errorf("ssr: CacheRedis: %w", err)
	}
	if err := c.Ping(context.Background()); err != nil {
		cfg.Logger.Warn("redis cache not reachable yet: rendering locally until it answers", "err", err)
	} else {
		cfg.Logger.Info("redis cache connected", "namespace", cfg.CacheRedisNamespace)
	}
	stale := max(cfg.CacheStale, 0)
	return &redisLevel{c: c, stale: stale}, nil
}

func (l *redisLevel) fetch(ctx context.Context, buildID, name string, propsJSON []byte, idPrefix string, ttl time.Duration,
	render func(context.Context) (string, error)) (string, error) {
	// The id prefix is part of the HTML (useId values), so of the key.
	keyName := name
	if idPrefix != "" {
		keyName = name + "#id=" + idPrefix
	}
	return l.c.Fetch(ctx, l.c.Key(buildID, keyName, propsJSON), ttl, l.stale, render)
}

func (l *redisLevel) close() { l.c.Close() }
