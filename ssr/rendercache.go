package ssr

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
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

// maxMarkups bounds the memo: pages use an island with one or two
// strategies. Every slot is counted in size, used or not, so the entry's
// size holds however many are filled.
const maxMarkups = 2

// markupSlack is what a memo slot allows beyond the HTML and props: the
// wrapper's attributes and the props script's tags. Markup longer than
// its slot (a very long media query or asset URL) is built every time
// rather than held uncounted.
const markupSlack = 512

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
	if len(r.markup) < maxMarkups && len(m) <= r.slot() {
		r.markup[k] = m
	}
	r.mu.Unlock()
	return m
}

// slot is the most bytes one memoized markup may hold: the HTML, the props
// and the wrapper.
func (r *rendered) slot() int { return len(r.html) + r.propsLen + markupSlack }

// size is what an entry counts against CacheMaxBytes: the HTML, and every
// memo slot full (maxMarkups markups, each holding the HTML and the props
// again), so the bound holds however the entry is later used.
func (r *rendered) size() int64 { return int64(len(r.html) + maxMarkups*r.slot()) }

// renderCache keys renders by build id, component and props.
type renderCache struct {
	c   *cache.Cache[*rendered]
	ttl time.Duration
	l2  sharedLevel // nil: no second level (l2.go)
	log *slog.Logger
}

func newRenderCache(cfg Config) *renderCache {
	stale := cfg.CacheStale
	if stale < 0 {
		stale = 0
	}
	return &renderCache{
		c: cache.New(cache.Config{MaxBytes: cfg.CacheMaxBytes, Stale: stale, RefreshTimeout: cfg.RenderTimeout + cfg.AcquireTimeout,
			Shared: sharedError}, (*rendered).size),
		ttl: cfg.CacheTTL,
		log: cfg.Logger,
	}
}

// sharedError reports whether a failed render may be handed to the other
// callers that waited for it. A busy pool is the failure of the caller
// whose acquire timed out, not of one who joined later: that one tries for
// itself.
func sharedError(err error) bool {
	var re *RenderError
	return !errors.As(err, &re) || re.Reason != ReasonBusy
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
	res, status, err := r.c.Get(ctx, cacheKey(buildID, name, propsJSON, idPrefix), ttl, func(lctx context.Context) (*rendered, error) {
		html, err := r.load(lctx, buildID, name, propsJSON, idPrefix, ttl, render)
		if err != nil {
			if cache.IsRefresh(lctx) {
				// Nobody sees this failure: visitors got the stale entry.
				reason := renderReason(err)
				metrics.refreshFailures.WithLabelValues(name, reason).Inc()
				r.log.Warn("background refresh of a cached render failed; the stale entry is served until it expires",
					"component", name, "reason", reason, "err", err)
			}
			return nil, err
		}
		return &rendered{html: html, propsLen: len(propsJSON)}, nil
	})
	metrics.cacheResult[status].Inc()
	if err != nil && ctx.Err() != nil {
		var re *RenderError
		if !errors.As(err, &re) {
			// The caller left before the shared render finished; the
			// render goes on for the others who wait for it.
			err = callerGone(ctx, name, err)
		}
	}
	return res, err
}

// renderReason is the fallback reason of a render error.
func renderReason(err error) string {
	var re *RenderError
	if errors.As(err, &re) {
		return re.Reason
	}
	return ReasonError
}

func (r *renderCache) close() {
	r.c.Close()
	if r.l2 != nil {
		r.l2.close()
	}
}
