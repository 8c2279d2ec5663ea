package ssr

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/ssrgate/ssrgate/internal/island"
)

// ReportPath is the path, below Config.PublicPath, that the island runtime
// POSTs hydration failures to: {"component", "strategy", "kind", "message"}.
// Engine.Assets answers it, so whoever serves the assets (Mount, ssrgate
// serve, an http.ServeMux) receives the reports.
const ReportPath = "report"

// Bounds of the report endpoint. A report is a few hundred bytes; anything
// the runtime could not have sent is refused. The rate bounds the log
// volume a hostile client can cause; reports over it are dropped (429) and
// counted.
const (
	reportMaxBody  = 2 << 10
	reportRate     = 20  // reports per second, sustained, per engine
	reportBurst    = 100 // reports accepted at once before the rate applies
	reportMaxField = 200
)

// hydrationReport is what the runtime sends. It holds no props and no page
// text: the runtime keeps only the first line of an error message, without
// URL query strings.
type hydrationReport struct {
	Component string `json:"component"`
	Strategy  string `json:"strategy"`
	Kind      string `json:"kind"`
	Message   string `json:"message"`
}

// reportKinds are the kinds the runtime sends: a hydration mismatch, a
// failed import of the island's chunk, an exception while hydrating.
var reportKinds = map[string]bool{"mismatch": true, "load": true, "hydrate": true}

// tokenBucket is a small rate limiter: rate tokens a second, up to burst.
type tokenBucket struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
}

func (b *tokenBucket) allow(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.last.IsZero() {
		b.tokens = reportBurst
	} else {
		b.tokens += now.Sub(b.last).Seconds() * reportRate
		if b.tokens > reportBurst {
			b.tokens = reportBurst
		}
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// serveReport handles POST PublicPath+ReportPath: it validates and bounds
// the report, logs it and counts ssrgate_hydration_errors_total{component}.
// The component label is a known component name or "unknown", so a client
// cannot grow the metric's cardinality.
func (e *Engine) serveReport(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed: POST a hydration report", http.StatusMethodNotAllowed)
		return
	}
	if !e.reports.allow(time.Now()) {
		metrics.reportsDropped.Inc()
		http.Error(w, "too many reports", http.StatusTooManyRequests)
		return
	}
	var rep hydrationReport
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, reportMaxBody))
	if err := dec.Decode(&rep); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "report too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "report is not a JSON object: "+err.Error(), http.StatusBadRequest)
		return
	}
	label := "unknown"
	if _, ok := e.gen.Load().known[rep.Component]; ok {
		label = rep.Component
	}
	kind := rep.Kind
	if !reportKinds[kind] {
		kind = "other"
	}
	strategy := island.Strategy(rep.Strategy)
	switch strategy {
	case island.Load, island.Idle, island.Visible, island.Media:
	default:
		strategy = ""
	}
	metrics.hydrationErrors.WithLabelValues(label).Inc()
	attrs := []any{"component", label, "strategy", string(strategy), "kind", kind, "message", clean(rep.Message)}
	if label == "unknown" {
		attrs = append(attrs, "reported_component", clean(rep.Component))
	}
	e.log.Warn("island failed in the browser", attrs...)
	w.WriteHeader(http.StatusNoContent)
}

// clean bounds a client-supplied string for the log: valid UTF-8, no
// control characters, at most reportMaxField runes.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == reportMaxField {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
