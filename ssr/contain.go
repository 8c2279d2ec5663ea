package ssr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/ssrgate/ssrgate/internal/jsvm"
)

// containment keeps one bad component from starving the others: a circuit
// breaker per component and a bound on the runtimes one component may hold
// at once. It is safe for concurrent use.
type containment struct {
	cfg   Config
	log   *slog.Logger
	mu    sync.Mutex
	comps map[string]*compState
}

type compState struct {
	slots    chan struct{} // one token per runtime the component may hold
	failures []time.Time   // within BreakerWindow, oldest first
	openTill time.Time     // breaker open (client-only) until then
	trial    bool          // half-open: one render is trying the component again
}

func newContainment(cfg Config) *containment {
	return &containment{cfg: cfg, log: cfg.Logger, comps: map[string]*compState{}}
}

func (c *containment) state(name string) *compState {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.comps[name]
	if s == nil {
		s = &compState{slots: make(chan struct{}, c.cfg.ComponentMaxRuntimes)}
		c.comps[name] = s
	}
	return s
}

// allow reports whether the breaker lets a render of name through. After the
// cool-down one render is let through (half-open); its result closes or
// reopens the breaker.
func (c *containment) allow(name string) bool {
	if c.cfg.BreakerFailures < 0 {
		return true
	}
	s := c.state(name)
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.openTill.IsZero() {
		return true
	}
	if time.Now().Before(s.openTill) || s.trial {
		return false
	}
	s.trial = true
	return true
}

// record feeds a render's outcome to name's breaker. Timeouts, thrown errors,
// memory kills, crashes and abandoned runtimes count; busy and too-large do
// not (they say nothing about the component's health, or are cheap).
func (c *containment) record(name, reason string) {
	if c.cfg.BreakerFailures < 0 {
		return
	}
	s := c.state(name)
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !s.trial && now.Before(s.openTill) {
		// The breaker opened while this render was under way (it was let
		// through before): its outcome neither opens the breaker again
		// nor closes it; the half-open trial after the cool-down decides.
		return
	}
	switch reason {
	case "":
		if s.trial || !s.openTill.IsZero() {
			c.log.Info("circuit breaker closed: component renders on the server again", "component", name)
		}
		s.failures, s.openTill, s.trial = s.failures[:0], time.Time{}, false
		return
	case ReasonBusy, ReasonTooBig, ReasonBreaker:
		return
	}
	cut := 0
	for cut < len(s.failures) && now.Sub(s.failures[cut]) > c.cfg.BreakerWindow {
		cut++
	}
	s.failures = append(s.failures[cut:], now)
	if s.trial || len(s.failures) >= c.cfg.BreakerFailures {
		s.openTill, s.trial = now.Add(c.cfg.BreakerCooldown), false
		metrics.breakerOpen.WithLabelValues(name).Inc()
		c.log.Warn("circuit breaker open: component renders in the browser only for the cool-down",
			"component", name, "failures", len(s.failures), "window", c.cfg.BreakerWindow,
			"cooldown", c.cfg.BreakerCooldown, "last", reason)
	}
}

// acquireSlot takes one of name's runtime slots, waiting until ctx is done.
func (c *containment) acquireSlot(ctx context.Context, name string) (release func(), err error) {
	s := c.state(name)
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// reasonOf classifies a failed Invoke.
func reasonOf(err error) string {
	switch {
	case errors.Is(err, jsvm.ErrMemory):
		return ReasonMemory
	case errors.Is(err, jsvm.ErrStackOverflow):
		return ReasonCrashed
	case errors.Is(err, jsvm.ErrTimeout) || errors.Is(err, context.DeadlineExceeded):
		return ReasonTimeout
	}
	var jerr *jsvm.JSError
	if errors.As(err, &jerr) {
		return ReasonError
	}
	return ReasonCrashed // a Go panic in a host function, or any other failure of the runtime itself
}

// explain turns a failed Invoke into the RenderError's message.
func (e *Engine) explain(reason string, err error) error {
	switch reason {
	case ReasonTimeout:
		return fmt.Errorf("render did not finish within %s; look for an endless loop or a slow await in the component: %w", e.cfg.RenderTimeout, err)
	case ReasonMemory:
		return fmt.Errorf("render allocated more than %d MiB (RenderMaxAllocBytes); look for a loop that keeps data: %w", e.cfg.RenderMaxAllocBytes>>20, err)
	case ReasonCrashed:
		return fmt.Errorf("the JS runtime failed (deep recursion or a host error) and was replaced: %w", err)
	}
	return err
}

// poolConfig maps Config to the runtime pool's settings.
func poolConfig(cfg Config, prog *goja.Program) jsvm.Config {
	pc := jsvm.Config{Size: cfg.PoolSize, Programs: []*goja.Program{prog}, Logger: cfg.Logger,
		MaxUses: cfg.RuntimeMaxRenders, MaxCharge: cfg.RuntimeMaxHTMLBytes,
		MaxAllocBytes: cfg.RenderMaxAllocBytes, MaxHeapBytes: cfg.MaxHeapBytes, MaxStuck: cfg.MaxStuckRuntimes}
	if cfg.FreshRuntimePerRender {
		pc.SingleUse = true
	}
	return pc
}

// Ready reports whether the engine can render at full capacity: it fails
// when MaxStuckRuntimes runtimes are stuck and the pool runs without their
// replacements. /readyz of the standalone server answers 503 then.
func (e *Engine) Ready() error {
	st := e.gen.Load().pool.Stats()
	if st.Owed > 0 {
		return fmt.Errorf("%d JS runtimes stuck inside built-ins past their deadline (MaxStuckRuntimes %d); %d of %d runtimes are not replaced until one returns",
			st.Stuck, e.cfg.MaxStuckRuntimes, st.Owed, st.Size)
	}
	return nil
}

// fallbackMark is what island markup carries when a server render failed.
var fallbackMark = []byte(` data-render="client" data-fallback="`)

// Degraded reports whether a finished page holds an island whose server
// render failed. Such a page must not be cached by shared caches, nor
// answered with a 304 of a healthy version: send it with
// DegradedCacheControl and no ETag.
func Degraded(page []byte) bool { return bytes.Contains(page, fallbackMark) }

// DegradedCacheControl is the Cache-Control of a Degraded page: a CDN that
// cached it would serve the degraded page to everyone.
const DegradedCacheControl = "private, no-store"
