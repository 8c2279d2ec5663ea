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

// TestMaxUsesRetires checks that a runtime is replaced after MaxUses invocations, that the pool keeps serving
// while replacements are built, and that nothing leaks after Close.
func TestMaxUsesRetires(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock"))
	const size, maxUses, workers, perWorker = 2, 3, 4, 15
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
	errs := make(chan error, workers*perWorker)
	for range workers {
		wg.Go(func() {
			for range perWorker {
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
					// The runtime's own counter proves it is the same JS state: it never passes MaxUses.
					if n := v.ToInteger(); n != int64(served[vm]) || n > maxUses {
						err = fmt.Errorf("runtime served call %d (pool counted %d), MaxUses %d", n, served[vm], maxUses)
					}
					mu.Unlock()
				}
				p.Release(vm)
				if err != nil {
					errs <- err
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
	// Every runtime retires at its MaxUses-th call; at the end up to size
	// runtimes may still be in the pool with fewer calls.
	calls := workers * perWorker
	lo, hi := uint64((calls-size*(maxUses-1)+maxUses-1)/maxUses), uint64(calls/maxUses)
	if st.Retirements < lo || st.Retirements > hi {
		t.Errorf("Retirements = %d, want %d..%d (%d calls, MaxUses %d, pool %d)", st.Retirements, lo, hi, calls, maxUses, size)
	}
	if st.Replacements != 0 {
		t.Errorf("Replacements = %d, want 0: no runtime failed", st.Replacements)
	}
	if len(served) < workers*perWorker/maxUses {
		t.Errorf("%d distinct runtimes served, want at least %d", len(served), workers*perWorker/maxUses)
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
	if recycled > never/4 || recycled > 8<<20 {
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
	for i := 0; i < 5; i++ {
		vm, err := p.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		vm.Charge(60) // the second charge crosses 100
		p.Release(vm)
	}
	// Retirement replaces in the background; wait for the count, bounded.
	deadline := time.Now().Add(5 * time.Second)
	for p.Stats().Retirements < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := p.Stats().Retirements; got != 2 {
		t.Fatalf("retirements = %d after 5 renders charged 60 each with MaxCharge 100, want 2", got)
	}
}
