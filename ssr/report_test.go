package ssr

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

func TestReportEndpoint(t *testing.T) {
	e, logs := newTestEngine(t, nil)
	h := e.Assets()
	post := func(body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/_ssr/report", strings.NewReader(body)))
		return rec
	}
	hello := metrics.hydrationErrors.WithLabelValues("Hello")
	unknown := metrics.hydrationErrors.WithLabelValues("unknown")
	before, beforeUnknown := counterValue(hello), counterValue(unknown)

	rec := post(`{"component":"Hello","strategy":"visible","kind":"mismatch","message":"Hydration failed\u0007 because"}`)
	if rec.Code != http.StatusNoContent {
		t.Fatalf("valid report: HTTP %d %s", rec.Code, rec.Body)
	}
	if got := counterValue(hello) - before; got != 1 {
		t.Errorf("ssrgate_hydration_errors_total{component=Hello} grew by %v, want 1", got)
	}
	if s := logs.String(); !strings.Contains(s, "island failed in the browser") || !strings.Contains(s, "component=Hello") ||
		!strings.Contains(s, "kind=mismatch") || !strings.Contains(s, `"Hydration failed  because"`) {
		t.Errorf("report not logged with component, kind and a cleaned message:\n%s", s)
	}

	// A name that is not a component never becomes a label.
	if rec := post(`{"component":"Evil` + strings.Repeat("x", 50) + `","kind":"load"}`); rec.Code != http.StatusNoContent {
		t.Fatalf("unknown component report: HTTP %d", rec.Code)
	}
	if got := counterValue(unknown) - beforeUnknown; got != 1 {
		t.Errorf("unknown component counted under %q by %v, want 1", "unknown", got)
	}
	ch := make(chan prometheus.Metric, 100)
	metrics.hydrationErrors.Collect(ch)
	close(ch)
	if n := len(ch); n > len(e.gen.Load().names)+1 {
		t.Errorf("hydration error series: %d, more than the components plus unknown", n)
	}

	for _, tt := range []struct {
		name, method, body string
		want               int
	}{
		{"too large", http.MethodPost, `{"message":"` + strings.Repeat("a", 4096) + `"}`, http.StatusRequestEntityTooLarge},
		{"not JSON", http.MethodPost, `component=Hello`, http.StatusBadRequest},
		{"GET", http.MethodGet, "", http.StatusMethodNotAllowed},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, "/_ssr/report", strings.NewReader(tt.body)))
		if rec.Code != tt.want {
			t.Errorf("%s: HTTP %d, want %d", tt.name, rec.Code, tt.want)
		}
	}
	if got := counterValue(hello) - before; got != 1 {
		t.Errorf("refused reports were counted: Hello grew by %v", got)
	}
}

func TestReportRateLimit(t *testing.T) {
	var b tokenBucket
	now := time.Unix(1000, 0)
	for i := 0; i < reportBurst; i++ {
		if !b.allow(now) {
			t.Fatalf("report %d of the burst refused", i+1)
		}
	}
	if b.allow(now) {
		t.Fatal("report past the burst accepted at the same instant")
	}
	now = now.Add(time.Second / reportRate)
	if !b.allow(now) {
		t.Fatal("no report accepted one token interval later")
	}
	if b.allow(now) {
		t.Fatal("two reports accepted one token interval later")
	}
	// Idle time refills only up to the burst.
	now = now.Add(time.Hour)
	n := 0
	for b.allow(now) {
		n++
	}
	if n != reportBurst {
		t.Errorf("after an hour idle %d reports accepted at once, want the burst %d", n, reportBurst)
	}
}

func TestClean(t *testing.T) {
	if got := clean("a\nb\x00c\xff"); got != "a b c\uFFFD" {
		t.Errorf("clean = %q", got)
	}
	if got := clean(strings.Repeat("é", 500)); len([]rune(got)) != reportMaxField+1 {
		t.Errorf("clean kept %d runes, want %d and an ellipsis", len([]rune(got)), reportMaxField)
	}
}

func counterValue(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		panic(err)
	}
	return m.GetCounter().GetValue()
}
