package ssr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/ssrgate/ssrgate/internal/cache"
)

// renderCache keys rendered HTML by build id, component and props.
type renderCache struct {
	c   *cache.Cache
	ttl time.Duration
}

func newRenderCache(cfg Config) *renderCache {
	stale := cfg.CacheStale
	if stale < 0 {
		stale = 0
	}
	return &renderCache{
		c:   cache.New(cache.Config{MaxBytes: cfg.CacheMaxBytes, Stale: stale, RefreshTimeout: cfg.RenderTimeout + cfg.AcquireTimeout}),
		ttl: cfg.CacheTTL,
	}
}

// key hashes every input of a render. propsJSON is canonical (sorted map
// keys), so equal props give equal keys; the build id makes a rebuild miss.
func cacheKey(buildID, name string, propsJSON []byte) string {
	h := sha256.New()
	h.Write([]byte(buildID))
	h.Write([]byte{0})
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(propsJSON)
	return hex.EncodeToString(h.Sum(nil))
}

func (r *renderCache) get(ctx context.Context, buildID, name string, propsJSON []byte, ttl time.Duration,
	render func(context.Context, string, []byte) (string, error)) (string, error) {
	if ttl <= 0 {
		ttl = r.ttl
	}
	html, status, err := r.c.Get(ctx, cacheKey(buildID, name, propsJSON), ttl, func(ctx context.Context) (string, error) {
		return render(ctx, name, propsJSON)
	})
	metrics.cache.WithLabelValues(status.String()).Inc()
	metrics.cacheBytes.Set(float64(r.c.Bytes()))
	return html, err
}

func (r *renderCache) close() { r.c.Close() }
