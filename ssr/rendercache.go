package ssr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/ssrgate/ssrgate/internal/cache"
	"github.com/ssrgate/ssrgate/internal/island"
)

// rendered is one successful render. Its island markup is memoized per
// hydration strategy: props are part of the cache key, so for a given
// entry the markup differs only in the wrapper's attributes, and a cache hit
// then costs no copy of the HTML at all.
type rendered struct {
	html     string
	propsLen int // bytes of the props JSON, which the markup holds too

	mu     sync.Mutex
	markup map[markupKey]string
}

type markupKey struct {
	strategy island.Strategy
	media    string
}

// maxMarkups bounds the memo: pages use an island with one or two strategies.
const maxMarkups = 4

// markupFor returns the island markup of is (whose HTML is r.html), built
// once per strategy.
func (r *rendered) markupFor(is island.Island) string {
	k := markupKey{is.Options.Strategy, is.Options.Media}
	r.mu.Lock()
	m, ok := r.markup[k]
	r.mu.Unlock()
	if ok {
		return m
	}
	var sb strings.Builder
	sb.Grow(island.Size(is))
	island.Markup(&sb, is)
	m = sb.String()
	r.mu.Lock()
	if r.markup == nil {
		r.markup = make(map[markupKey]string, 1)
	}
	if len(r.markup) < maxMarkups {
		r.markup[k] = m
	}
	r.mu.Unlock()
	return m
}

// size is what an entry counts against CacheMaxBytes: the HTML, and one
// memoized markup holding the HTML and the props again.
func (r *rendered) size() int64 { return int64(2*len(r.html) + r.propsLen + 256) }

// renderCache keys renders by build id, component and props.
type renderCache struct {
	c   *cache.Cache[*rendered]
	ttl time.Duration
	l2  sharedLevel // nil: no second level (l2.go)
}

func newRenderCache(cfg Config) *renderCache {
	stale := cfg.CacheStale
	if stale < 0 {
		stale = 0
	}
	return &renderCache{
		c: cache.New(cache.Config{MaxBytes: cfg.CacheMaxBytes, Stale: stale, RefreshTimeout: cfg.RenderTimeout + cfg.AcquireTimeout},
			(*rendered).size),
		ttl: cfg.CacheTTL,
	}
}

// cacheKey hashes every input of a render. propsJSON is canonical for Go
// values (sorted map keys), so equal props give equal keys; the build id
// makes a rebuild miss; the id prefix (useId values) is part of the HTML.
func cacheKey(buildID, name string, propsJSON []byte, idPrefix string) string {
	h := sha256.New()
	h.Write([]byte(buildID))
	h.Write([]byte{0})
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write([]byte(idPrefix))
	h.Write([]byte{0})
	h.Write(propsJSON)
	return hex.EncodeToString(h.Sum(nil))
}

func (r *renderCache) get(ctx context.Context, buildID, name string, propsJSON []byte, idPrefix string, ttl time.Duration,
	render func(context.Context, string, []byte, string) (string, error)) (*rendered, error) {
	if ttl <= 0 {
		ttl = r.ttl
	}
	res, status, err := r.c.Get(ctx, cacheKey(buildID, name, propsJSON, idPrefix), ttl, func(ctx context.Context) (*rendered, error) {
		html, err := r.load(ctx, buildID, name, propsJSON, idPrefix, ttl, render)
		if err != nil {
			return nil, err
		}
		return &rendered{html: html, propsLen: len(propsJSON)}, nil
	})
	metrics.cacheResult[status].Inc()
	return res, err
}

func (r *renderCache) close() {
	r.c.Close()
	if r.l2 != nil {
		r.l2.close()
	}
}
