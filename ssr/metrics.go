package ssr

import (
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ssrgate/ssrgate/internal/cache"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// metrics are process-wide, like the Prometheus default registry they
// resemble; a private registry keeps them apart from the host app's.
var metrics = newMetrics()

type metricSet struct {
	reg           *prometheus.Registry
	renderSeconds *prometheus.HistogramVec
	cache         *prometheus.CounterVec
	cacheResult   [3]prometheus.Counter // by cache.Status, resolved once: lookups are on the hot path
	fallbacks     *prometheus.CounterVec
	poolWait      prometheus.Histogram
	// refreshFailures counts background refreshes of stale cache entries
	// that failed; visitors got the stale HTML, so these are not fallbacks.
	refreshFailures *prometheus.CounterVec

	breakerOpen *prometheus.CounterVec

	// reactRenders counts React islands by the renderer that produced them:
	// "fast" (package reactfast) or "react" (React's renderToString).
	reactRenders *prometheus.CounterVec

	hydrationErrors *prometheus.CounterVec // browser reports, by component (report.go)
	reportsDropped  prometheus.Counter
}

func newMetrics() *metricSet {
	m := &metricSet{reg: prometheus.NewRegistry()}
	m.renderSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "ssrgate_render_duration_seconds", Help: "Uncached server renders, by component.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"component"})
	m.cache = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ssrgate_render_cache_total", Help: "Render cache lookups by result (hit, miss, stale).",
	}, []string{"result"})
	for _, st := range []cache.Status{cache.Miss, cache.Hit, cache.Stale} {
		m.cacheResult[st] = m.cache.WithLabelValues(st.String())
	}
	m.fallbacks = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ssrgate_fallbacks_total", Help: "Islands a visitor received for client-only rendering because the server render failed, by component and reason.",
	}, []string{"component", "reason"})
	m.refreshFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ssrgate_render_cache_refresh_failures_total", Help: "Background refreshes of stale render-cache entries that failed (the stale entry was served), by component and reason.",
	}, []string{"component", "reason"})
	m.poolWait = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "ssrgate_pool_wait_seconds", Help: "Time spent waiting for a free JS runtime.",
		Buckets: []float64{.0001, .0005, .001, .005, .01, .025, .05, .1, .25},
	})
	m.hydrationErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ssrgate_hydration_errors_total", Help: "Islands that failed in the browser (hydration mismatch, chunk load failure, exception while hydrating), by component; reported by the island runtime.",
	}, []string{"component"})
	m.reportsDropped = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "ssrgate_hydration_reports_dropped_total", Help: "Browser hydration reports refused by the rate limit.",
	})
	m.reg.MustRegister(m.hydrationErrors, m.reportsDropped)
	m.breakerOpen = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ssrgate_breaker_open_total", Help: "Times a component's circuit breaker opened (it renders in the browser only for the cool-down).",
	}, []string{"component"})
	m.reactRenders = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ssrgate_react_renders_total", Help: "React server renders by component and the renderer that produced them: fast (ssrgate's renderer) or react (React's renderToString, when the fast path does not support the tree or is off).",
	}, []string{"component", "path"})
	m.reg.MustRegister(m.reactRenders, m.renderSeconds, m.cache, m.fallbacks, m.poolWait, m.breakerOpen, m.refreshFailures,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

func (m *metricSet) fallback(component, reason string) {
	m.fallbacks.WithLabelValues(component, reason).Inc()
}

// MetricsHandler serves ssrgate's Prometheus metrics.
func (e *Engine) MetricsHandler() http.Handler {
	e.registerPoolMetrics()
	return promhttp.HandlerFor(metrics.reg, promhttp.HandlerOpts{})
}

// activeEngine is the engine the pool and cache gauges report: the one
// whose MetricsHandler was created last.
var (
	activeEngine atomic.Pointer[Engine]
	poolGaugesMu sync.Once
)

func (e *Engine) registerPoolMetrics() {
	activeEngine.Store(e)
	poolGaugesMu.Do(func() {
		stat := func(f func(jsvm.Stats) float64) func() float64 {
			return func() float64 {
				if e := activeEngine.Load(); e != nil {
					if p := e.gen.Load().pool; p != nil {
						return f(p.Stats())
					}
				}
				return 0
			}
		}
		metrics.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ssrgate_render_cache_bytes", Help: "Bytes held by the render cache."},
				func() float64 {
					if e := activeEngine.Load(); e != nil {
						return float64(e.cache.c.Bytes())
					}
					return 0
				}),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ssrgate_pool_size", Help: "JS runtimes in the pool."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Size) })),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ssrgate_pool_idle", Help: "JS runtimes free now."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Idle) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ssrgate_pool_replacements_total", Help: "JS runtimes replaced after a failure or timeout."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Replacements) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ssrgate_pool_retirements_total", Help: "JS runtimes retired after RuntimeMaxRenders renders."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Retirements) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ssrgate_runtimes_tainted_total", Help: "JS runtimes discarded because a render changed the built-ins (for example polluted Object.prototype)."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Tainted) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ssrgate_runtimes_abandoned_total", Help: "JS runtimes abandoned while stuck inside a built-in past the render deadline."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Abandoned) })),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ssrgate_runtimes_stuck", Help: "Abandoned JS runtimes still running now."},
				stat(func(s jsvm.Stats) float64 { return float64(s.Stuck) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ssrgate_memory_interrupts_total", Help: "Renders interrupted by the memory watchdog (RenderMaxAllocBytes, MaxHeapBytes)."},
				stat(func(s jsvm.Stats) float64 { return float64(s.MemoryKills) })),
		)
	})
}
