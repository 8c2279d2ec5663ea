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
	// refreshFailures counts background refreshes of stale cache entries
	// that failed; visitors got the stale HTML, so these are not fallbacks.
	refreshFailures *prometheus.CounterVec
	poolWait        prometheus.Histogram
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
	m.reg.MustRegister(m.renderSeconds, m.cache, m.fallbacks, m.refreshFailures, m.poolWait,
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
					return f(e.pool.Stats())
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
		)
	})
}
