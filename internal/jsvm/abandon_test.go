package jsvm

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// stuckPool is a pool whose runtimes have a native function block() that waits for release: a call stuck
// inside Go, where no interrupt reaches, like a long built-in.
func stuckPool(t *testing.T, cfg Config, release chan struct{}) *Pool {
	t.Helper()
	prg, err := Compile("stuck.js", `var t = { block() { return block(); }, ok() { return "ok"; } };`)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Programs = []*goja.Program{prg}
	cfg.Logger = slog.New(slog.DiscardHandler)
	p, err := NewPool(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// stick runs t.block on a VM of p through Run with a short deadline, and returns Run's error.
func stick(t *testing.T, p *Pool, release chan struct{}) error {
	t.Helper()
	vm, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.Runtime().Set("block", func() string { <-release; return "unblocked" }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	return p.Run(ctx, vm, func(vm *VM) error {
		_, err := vm.Invoke(ctx, "Stuck", "t.block")
		return err
	})
}

// waitFor polls cond until it holds; the test's own timeout bounds it.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		time.Sleep(5 * time.Millisecond)
	}
}

func TestRunAbandonsStuckRuntime(t *testing.T) {
	release := make(chan struct{})
	p := stuckPool(t, Config{Size: 1}, release)
	err := stick(t, p, release)
	// Run returned while block() still holds the runtime: release has not been closed.
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("Run = %v, want ErrTimeout at the deadline", err)
	}
	waitFor(t, "abandoned", func() bool { return p.Stats().Abandoned == 1 })
	if st := p.Stats(); st.Stuck != 1 {
		t.Fatalf("stats %+v, want one stuck runtime", st)
	}
	// A replacement serves while the stuck one is still stuck.
	vm, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v, err := vm.Invoke(context.Background(), "Ok", "t.ok")
	p.Release(vm)
	if err != nil || v.String() != "ok" {
		t.Fatalf("replacement: %v, %v", v, err)
	}
	close(release)
	waitFor(t, "stuck runtime dropped", func() bool { return p.Stats().Stuck == 0 })
	if st := p.Stats(); st.Idle != 1 || st.Owed != 0 {
		t.Errorf("stats %+v: the stuck runtime must be dropped, not returned to the pool", st)
	}
}

func TestRunStuckRuntimesCapped(t *testing.T) {
	release := make(chan struct{})
	p := stuckPool(t, Config{Size: 1, MaxStuck: 1}, release)
	for i := range 2 {
		if err := stick(t, p, release); !errors.Is(err, ErrTimeout) {
			t.Fatalf("stick %d: %v", i, err)
		}
		waitFor(t, "abandoned", func() bool { return p.Stats().Abandoned == uint64(i+1) })
	}
	// The second stuck runtime is over MaxStuck: no replacement, so the pool has nothing to hand out.
	st := p.Stats()
	if st.Stuck != 2 || st.Owed != 1 {
		t.Fatalf("stats %+v, want 2 stuck and 1 replacement owed", st)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	_, err := p.Acquire(ctx)
	cancel()
	if !errors.Is(err, ErrPoolExhausted) {
		t.Fatalf("Acquire = %v, want ErrPoolExhausted while the pool is stuck", err)
	}
	close(release)
	waitFor(t, "stuck runtimes dropped and owed one built", func() bool {
		st := p.Stats()
		return st.Stuck == 0 && st.Owed == 0 && st.Idle == 1
	})
}

func TestRunReturnsResult(t *testing.T) {
	p := newTestPool(t, 1, asyncSrc)
	vm, _ := p.Acquire(context.Background())
	var got string
	err := p.Run(context.Background(), vm, func(vm *VM) error {
		v, err := vm.Invoke(context.Background(), "T", "t.sleepy")
		if err == nil {
			got = v.String()
		}
		return err
	})
	if err != nil || got != "slept" {
		t.Fatalf("Run: %q, %v", got, err)
	}
	if st := p.Stats(); st.Idle != 1 || st.Abandoned != 0 || st.Replacements != 0 {
		t.Errorf("stats %+v: a finished Run releases its VM", st)
	}
}

// TestMemoryWatchdog: a call that keeps allocating is interrupted with ErrMemory once it has allocated its
// budget, long before its deadline; a call that allocates little beside the budget is untouched.
func TestMemoryWatchdog(t *testing.T) {
	prg, err := Compile("alloc.js", `var t = {
  hog() { const keep = []; for (;;) keep.push("x".repeat(1 << 20) + keep.length); },
  small() { const a = []; for (let i = 0; i < 1000; i++) a.push({i}); return a.length; },
};`)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPool(Config{Size: 1, Programs: []*goja.Program{prg}, Logger: slog.New(slog.DiscardHandler), MaxAllocBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	_, err = invoke(t, p, ctx, "t.hog")
	if !errors.Is(err, ErrMemory) || errors.Is(err, ErrTimeout) {
		t.Fatalf("hog: %v, want ErrMemory", err)
	}
	if st := p.Stats(); st.MemoryKills != 1 || st.Replacements != 1 {
		t.Errorf("stats %+v, want one memory kill and its replacement", st)
	}
	for range 20 {
		v, err := invoke(t, p, ctx, "t.small")
		if err != nil || v.String() != "1000" {
			t.Fatalf("small: %v, %v", v, err)
		}
	}
	if st := p.Stats(); st.MemoryKills != 1 {
		t.Errorf("%d memory kills, want 1: small calls are under budget", st.MemoryKills)
	}
}

// TestPollutionDiscardsRuntime: a call that writes to a built-in prototype (here the deep-merge of JSON
// holding "__proto__" that libraries like lodash.merge < 4.6.2 did) is returned, but its runtime is
// discarded: the next call sees clean built-ins.
func TestPollutionDiscardsRuntime(t *testing.T) {
	p := newTestPool(t, 1, `var t = {
  merge(json) {
    const merge = (dst, src) => { for (const k in src) { if (typeof src[k] === "object" && src[k]) { dst[k] = dst[k] || {}; merge(dst[k], src[k]); } else dst[k] = src[k]; } return dst; };
    merge({}, JSON.parse(json));
    return ({}).isAdmin === true ? "polluted" : "clean";
  },
  patch() { Array.prototype.map = function () { return ["patched"]; }; return [1].map(String).join(); },
  global() { globalThis.JSON = { parse: () => "evil" }; return "replaced"; },
  check() { return [({}).isAdmin, [1].map(String).join(), typeof JSON.stringify].join("|"); },
  throws() { throw new Error("boom"); },
};`)
	for _, tt := range []struct{ fn, want string }{{"t.merge", "polluted"}, {"t.patch", "patched"}, {"t.global", "replaced"}} {
		before := p.Stats().Tainted
		args := []any{}
		if tt.fn == "t.merge" {
			args = append(args, `{"__proto__": {"isAdmin": true}}`)
		}
		v, err := invoke(t, p, context.Background(), tt.fn, args...)
		if err != nil || v.String() != tt.want {
			t.Fatalf("%s: %v, %v", tt.fn, v, err)
		}
		v, err = invoke(t, p, context.Background(), "t.check")
		if err != nil || v.String() != "|1|function" {
			t.Fatalf("after %s: %v, %v; the next call must see clean built-ins", tt.fn, v, err)
		}
		if st := p.Stats(); st.Tainted != before+1 {
			t.Errorf("after %s: %d tainted, want %d", tt.fn, st.Tainted, before+1)
		}
	}
	before := p.Stats().Replacements
	for range 5 {
		if _, err := invoke(t, p, context.Background(), "t.throws"); err == nil || !strings.Contains(err.Error(), "boom") {
			t.Fatal(err)
		}
	}
	if st := p.Stats(); st.Replacements != before {
		t.Errorf("%d replacements after 5 throws, want none: a throw on clean built-ins keeps the runtime", st.Replacements-before)
	}
}

// TestMemoryWatchdogHeapBound: while the process heap is over MaxHeapBytes, the running call that allocated
// most is interrupted. A bound of 1 byte is always exceeded, so the only running call goes.
func TestMemoryWatchdogHeapBound(t *testing.T) {
	prg, err := Compile("alloc.js", `var t = { hog() { const keep = []; for (;;) keep.push({n: keep.length}); } };`)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPool(Config{Size: 1, Programs: []*goja.Program{prg}, Logger: slog.New(slog.DiscardHandler), MaxHeapBytes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if _, err := invoke(t, p, ctx, "t.hog"); !errors.Is(err, ErrMemory) {
		t.Fatalf("hog: %v, want ErrMemory", err)
	}
}
