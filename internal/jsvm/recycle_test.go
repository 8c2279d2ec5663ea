package jsvm

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/ssrgate/ssrgate/internal/bundle"
	"go.uber.org/goleak"
)

// TestMaxUsesRetires checks that runtimes are replaced after MaxUses invocations under concurrent use, that
// each keeps its own JS state until then, and that nothing leaks after Close.
func TestMaxUsesRetires(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock"))
	// Workers call until the pool has retired wantRetired runtimes (successors are built in the
	// background, so how many calls that takes depends on the machine), or give up after 10 s.
	const size, maxUses, workers, wantRetired = 2, 3, 4, 6
	prg, err := Compile("count.js", `var count = 0; function next() { return ++count; }`)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPool(Config{Size: size, MaxUses: maxUses, Programs: []*goja.Program{prg}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	served := map[*VM]int{}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	giveUp := time.Now().Add(10 * time.Second)
	for range workers {
		wg.Go(func() {
			for p.Stats().Retirements < wantRetired && time.Now().Before(giveUp) {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				vm, err := p.Acquire(ctx)
				if err != nil {
					cancel()
					errs <- err
					return
				}
				v, err := vm.Invoke(ctx, "Count", "next")
				cancel()
				if err == nil {
					mu.Lock()
					served[vm]++
					// The runtime's own counter proves it is the same JS state. It may pass MaxUses
					// while its successor is being built (TestRetiringServesUntilSuccessor).
					if n := v.ToInteger(); n != int64(served[vm]) {
						err = fmt.Errorf("runtime served call %d (pool counted %d)", n, served[vm])
					}
					mu.Unlock()
				}
				p.Release(vm)
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := p.Stats()
	// A runtime retires after at least MaxUses calls, at the first Release
	// after its successor joined the pool.
	calls := 0
	for _, n := range served {
		calls += n
	}
	if hi := uint64(calls / maxUses); st.Retirements < wantRetired || st.Retirements > hi {
		t.Errorf("Retirements = %d, want %d..%d (%d calls, MaxUses %d, pool %d)", st.Retirements, wantRetired, hi, calls, maxUses, size)
	}
	for vm, n := range served {
		if vm.successor.Load() == successorReady && n < maxUses {
			t.Errorf("a runtime was retired after %d calls, MaxUses %d", n, maxUses)
		}
	}
	if st.Replacements != 0 {
		t.Errorf("Replacements = %d, want 0: no runtime failed", st.Replacements)
	}
	if len(served) < wantRetired+1 {
		t.Errorf("%d distinct runtimes served, want at least %d", len(served), wantRetired+1)
	}
	p.Close()
}

func TestMaxUsesDefaults(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{0, DefaultMaxUses}, {5, 5}, {-1, -1}} {
		if got := (Config{MaxUses: tc.in}).withDefaults().MaxUses; got != tc.want {
			t.Errorf("MaxUses %d: got %d, want %d", tc.in, got, tc.want)
		}
	}
	// Negative: never retired.
	p := newTestPool(t, 1, `function f() { return 1 }`)
	p.cfg.MaxUses = -1
	for range 5 {
		if _, err := invoke(t, p, context.Background(), "f"); err != nil {
			t.Fatal(err)
		}
	}
	if st := p.Stats(); st.Retirements != 0 {
		t.Errorf("Retirements = %d with MaxUses < 0", st.Retirements)
	}
}

// leakSrc reproduces Vue's reactiveMap: a module-level WeakMap from each target to a Proxy of it. The target is
// garbage once the render is done, but goja's WeakMap keeps values strongly and the value references the key,
// so neither is ever collected. Node collects both (ephemeron semantics).
const leakSrc = `
var reactiveMap = new WeakMap();
function render(n) {
  for (let i = 0; i < n; i++) {
    const target = { id: i, items: new Array(64).fill(i) };
    reactiveMap.set(target, new Proxy(target, {}));
  }
  return n;
}`

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestWeakMapValueLeak shows the mechanism in plain goja: entries whose value references the key survive GC for
// as long as the runtime lives, while entries whose value does not are collected.
func TestWeakMapValueLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	grow := func(value string) uint64 {
		rt := goja.New()
		if _, err := rt.RunString(`var wm = new WeakMap(); function run(n) { for (let i = 0; i < n; i++) { const k = { items: new Array(64).fill(i) }; wm.set(k, ` + value + `); } }`); err != nil {
			t.Fatal(err)
		}
		run, _ := goja.AssertFunction(rt.Get("run"))
		before := heapAfterGC()
		for range 20 {
			if _, err := run(goja.Undefined(), rt.ToValue(1000)); err != nil {
				t.Fatal(err)
			}
		}
		after := heapAfterGC()
		runtime.KeepAlive(rt)
		return max(after, before) - before
	}
	cyclic := grow("new Proxy(k, {})")
	plain := grow("{ n: 1 }")
	t.Logf("heap growth after 20,000 entries: value references key %d KB, value does not %d KB", cyclic>>10, plain>>10)
	if cyclic < 5<<20 {
		t.Errorf("expected the cyclic entries to be retained (>5 MB), heap grew %d KB: has goja's WeakMap changed?", cyclic>>10)
	}
	if plain > cyclic/4 {
		t.Errorf("plain entries grew the heap by %d KB, want far less than the cyclic %d KB", plain>>10, cyclic>>10)
	}
}

// TestMaxUsesBoundsLeak renders the leaking component many times and measures the heap after GC with and without
// recycling: with MaxUses the garbage goes away with the retired runtime.
func TestMaxUsesBoundsLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	measure := func(maxUses int) uint64 {
		prg, err := Compile("leak.js", leakSrc)
		if err != nil {
			t.Fatal(err)
		}
		p, err := NewPool(Config{Size: 1, MaxUses: maxUses, Programs: []*goja.Program{prg}, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		before := heapAfterGC()
		for range 100 {
			vm, err := p.Acquire(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := vm.Invoke(context.Background(), "Leak", "render", 200); err != nil {
				t.Fatal(err)
			}
			p.Release(vm)
		}
		vm, err := p.Acquire(context.Background()) // waits for the last replacement
		if err != nil {
			t.Fatal(err)
		}
		p.Release(vm)
		after := heapAfterGC()
		runtime.KeepAlive(p)
		return max(after, before) - before
	}
	never := measure(-1)
	recycled := measure(10)
	t.Logf("heap growth after 100 renders of 200 reactive objects: MaxUses<0 %d KB, MaxUses=10 %d KB", never>>10, recycled>>10)
	// Each render leaks never/100. A retiring runtime serves on while its successor is built, so up to
	// about 2*MaxUses renders' garbage may be alive: at most never/5 with MaxUses=10.
	if recycled > never/5 {
		t.Errorf("recycling did not bound the heap: %d KB with MaxUses=10 vs %d KB without", recycled>>10, never>>10)
	}
}

// BenchmarkNewVMDemoBundle measures what one runtime replacement costs with the repository's demo server bundle (host
// globals plus running the compiled bundle), which is the price of a retirement.
func BenchmarkNewVMDemoBundle(b *testing.B) {
	res, err := bundle.Build(bundle.Options{ComponentsDir: "../../components", Root: "../.."})
	if err != nil {
		b.Skipf("demo bundle: %v", err)
	}
	prg, err := Compile("server.js", res.Server)
	if err != nil {
		b.Fatal(err)
	}
	cfg := Config{Size: 1, Programs: []*goja.Program{prg}, Logger: slog.New(slog.DiscardHandler)}.withDefaults()
	b.ReportAllocs()
	b.ReportMetric(float64(len(res.Server))/1024, "bundle-KB")
	for b.Loop() {
		if _, err := newVM(cfg); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMaxChargeRetires(t *testing.T) {
	p, err := NewPool(Config{Size: 1, MaxUses: -1, MaxCharge: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	vm, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vm.Charge(60)
	p.Release(vm)
	if got := vm.successor.Load(); got != successorNone {
		t.Fatalf("successor state %d after a charge of 60 with MaxCharge 100, want none", got)
	}
	again, _ := p.Acquire(ctx)
	if again != vm {
		t.Fatal("the pool of one handed out another runtime before any retirement")
	}
	vm.Charge(60) // crosses 100
	p.Release(vm)
	waitSuccessor(t, vm)
	retireAndCheck(t, p, vm)
}

// TestRetiringServesUntilSuccessor checks that a call never waits for a retirement: the runtime that is due
// goes on serving, once, twice, while its successor is built, and is dropped only after the successor joined.
func TestRetiringServesUntilSuccessor(t *testing.T) {
	p := newTestPool(t, 1, `function f() { return 1 }`)
	p.cfg.MaxUses = 1
	gate, builds := make(chan struct{}), make(chan struct{}, 4)
	p.beforeSuccessor = func() { builds <- struct{}{}; <-gate }
	use := func(vm *VM) {
		t.Helper()
		if _, err := vm.Invoke(context.Background(), "F", "f"); err != nil {
			t.Fatal(err)
		}
		p.Release(vm)
	}
	vm := acquireSoon(t, p)
	use(vm) // due after one use: its successor is started and blocked on gate
	select {
	case <-builds:
	case <-time.After(10 * time.Second):
		t.Fatal("no successor started for a runtime due to retire")
	}
	for range 2 {
		got := acquireSoon(t, p)
		if got != vm {
			t.Fatal("Acquire handed out another runtime while the successor was still being built")
		}
		use(got)
	}
	if len(builds) != 0 {
		t.Fatalf("%d more successors started for one retiring runtime", len(builds))
	}
	if st := p.Stats(); st.Retirements != 0 {
		t.Fatalf("Retirements = %d before the successor was ready", st.Retirements)
	}
	close(gate)
	waitSuccessor(t, vm)
	retireAndCheck(t, p, vm)
}

// acquireSoon acquires a runtime, failing the test if none is free within seconds (a call that waited for a
// build that never ends).
func acquireSoon(t *testing.T, p *Pool) *VM {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	vm, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return vm
}

// waitSuccessor waits, bounded, until vm's successor has joined the pool.
func waitSuccessor(t *testing.T, vm *VM) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for vm.successor.Load() != successorReady {
		if time.Now().After(deadline) {
			t.Fatalf("successor state %d after 10 s, want ready", vm.successor.Load())
		}
		time.Sleep(time.Millisecond)
	}
}

// retireAndCheck is the end of a retirement in a pool of one: the retiring vm, first in the queue, comes
// back once more and is dropped at its Release; from then on only its fresh successor serves.
func retireAndCheck(t *testing.T, p *Pool, vm *VM) {
	t.Helper()
	if st := p.Stats(); st.Idle != 2 {
		t.Fatalf("Idle = %d with the retiring runtime and its successor idle, want 2", st.Idle)
	}
	got := acquireSoon(t, p)
	if got != vm {
		t.Fatal("the successor served before the runtime it replaces was given back")
	}
	p.Release(got)
	st := p.Stats()
	if st.Retirements != 1 || st.Idle != 1 || st.Replacements != 0 {
		t.Fatalf("after the retiring runtime's last Release: %+v, want 1 retirement, 1 idle, 0 replacements", st)
	}
	s := acquireSoon(t, p)
	defer p.Release(s)
	if s == vm || s.uses != 0 || s.charged != 0 {
		t.Fatalf("the runtime after retirement is not a fresh one (same %v, uses %d, charged %d)", s == vm, s.uses, s.charged)
	}
}

// TestSingleUse checks that with SingleUse no runtime serves a second Invoke: each call sees a fresh count.
func TestSingleUse(t *testing.T) {
	p := newTestPool(t, 1, `var count = 0; function next() { return ++count; }`)
	p.cfg.SingleUse = true
	for i := range 5 {
		vm := acquireSoon(t, p)
		v, err := vm.Invoke(context.Background(), "Count", "next")
		p.Release(vm)
		if err != nil {
			t.Fatal(err)
		}
		if v.ToInteger() != 1 {
			t.Fatalf("call %d: count %d, want 1 (a runtime served twice)", i, v.ToInteger())
		}
	}
	if st := p.Stats(); st.Retirements != 5 {
		t.Errorf("Retirements = %d after 5 single-use calls, want 5", st.Retirements)
	}
}
