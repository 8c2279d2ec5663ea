package jsvm

import (
	"errors"
	"fmt"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// ErrMemory is returned (wrapped) by Invoke when the render allocated more than Config.MaxAllocBytes, or the
// process heap passed Config.MaxHeapBytes while this render was the largest running one.
var ErrMemory = errors.New("jsvm: render exceeded its memory budget")

// builtinState is what a render must leave as it found it: the built-ins recorded by js/integrity.js once
// the programs have run. The comparison runs in Go, after every call: it reads each recorded data property
// and compares it by identity, compares each object's prototype, and on the prototypes pollution reaches
// counts the enumerable own keys (an assignment such as Object.prototype.polluted = 1 adds one; built-ins
// have none). About 800 properties (BenchmarkIntact).
type builtinState struct {
	globals []namedValue
	objects []objectState
}

type namedValue struct {
	name string
	val  goja.Value
}

type objectState struct {
	obj, proto *goja.Object
	enumerable int
	names      []namedValue
	symbols    []*goja.Symbol
	symVals    []goja.Value
}

// snapshotIntegrity records the built-ins once the programs have run (see js/integrity.js).
func (vm *VM) snapshotIntegrity() error {
	f, ok := goja.AssertFunction(vm.host.Get("snapshot"))
	if !ok {
		return errors.New("integrity.js did not install host.snapshot")
	}
	res, err := f(goja.Undefined())
	if err != nil {
		return fmt.Errorf("snapshot built-ins: %w", err)
	}
	snap := res.ToObject(vm.rt)
	st := &builtinState{}
	for _, e := range items(snap.Get("globals")) {
		kv := items(e)
		st.globals = append(st.globals, namedValue{kv[0].String(), kv[1]})
	}
	for _, e := range items(snap.Get("watched")) {
		w := items(e)
		os := objectState{obj: w[0].ToObject(vm.rt), enumerable: int(w[2].ToInteger())}
		if p, ok := w[1].(*goja.Object); ok {
			os.proto = p
		}
		keys, vals := items(w[3]), items(w[4])
		for i, k := range keys {
			if sym, ok := k.(*goja.Symbol); ok {
				os.symbols = append(os.symbols, sym)
				os.symVals = append(os.symVals, vals[i])
			} else {
				os.names = append(os.names, namedValue{k.String(), vals[i]})
			}
		}
		st.objects = append(st.objects, os)
	}
	vm.builtins = st
	vm.resetFn, _ = goja.AssertFunction(vm.host.Get("resetDepth"))
	return nil
}

// items returns the elements of a JS array.
func items(v goja.Value) []goja.Value {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n := int(obj.Get("length").ToInteger())
	out := make([]goja.Value, n)
	for i := range n {
		out[i] = obj.Get(strconv.Itoa(i))
	}
	return out
}

// intact reports whether the built-ins are as the snapshot recorded them. It is called after every call
// that returned normally or threw; a runtime that fails it is discarded.
func (vm *VM) intact() (ok bool) {
	st := vm.builtins
	if st == nil {
		return true
	}
	defer func() {
		if recover() != nil { // a getter that a render put in place of a data property threw
			ok = false
		}
	}()
	if vm.resetFn != nil {
		if _, err := vm.resetFn(goja.Undefined()); err != nil {
			return false
		}
	}
	g := vm.rt.GlobalObject()
	for _, nv := range st.globals {
		if v := g.Get(nv.name); v == nil || !v.SameAs(nv.val) {
			return false
		}
	}
	for i := range st.objects {
		os := &st.objects[i]
		p := os.obj.Prototype()
		if (p == nil) != (os.proto == nil) || (p != nil && !p.SameAs(os.proto)) {
			return false
		}
		if os.enumerable >= 0 && len(os.obj.Keys()) != os.enumerable {
			return false
		}
		for _, nv := range os.names {
			if v := os.obj.Get(nv.name); v == nil || !v.SameAs(nv.val) {
				return false
			}
		}
		for j, sym := range os.symbols {
			if v := os.obj.GetSymbol(sym); v == nil || !v.SameAs(os.symVals[j]) {
				return false
			}
		}
	}
	return true
}

// watchdog charges the heap allocated while renders run to those renders, sampling runtime/metrics, and
// interrupts a render past its budget. goja cannot say which runtime allocated what, so each interval's
// allocations are split evenly among the renders running in it: exact for one render, a fair share for
// several; a render that allocates much gets charged much within a few intervals, while a healthy render
// beside it finishes long before its share reaches the budget.
type watchdog struct {
	maxAlloc uint64 // per-render budget of allocated bytes; 0: none
	maxHeap  uint64 // process heap bound; 0: none
	interval time.Duration

	mu     sync.Mutex
	active map[*VM]*charge
	wake   chan struct{}
	done   chan struct{}
	wg     sync.WaitGroup

	interrupts atomic.Uint64
}

type charge struct {
	bytes       uint64
	interrupted bool
}

func newWatchdog(maxAlloc, maxHeap uint64) *watchdog {
	w := &watchdog{maxAlloc: maxAlloc, maxHeap: maxHeap, interval: 5 * time.Millisecond,
		active: map[*VM]*charge{}, wake: make(chan struct{}, 1), done: make(chan struct{})}
	if maxAlloc == 0 && maxHeap == 0 {
		return w
	}
	w.wg.Add(1)
	go w.run()
	return w
}

func (w *watchdog) enabled() bool { return w != nil && (w.maxAlloc > 0 || w.maxHeap > 0) }

// start registers a render; stop unregisters it, after which the watchdog no longer interrupts vm (stop is
// called before the interrupt flag is cleared, so a late interrupt cannot hit the next render).
func (w *watchdog) start(vm *VM) {
	if !w.enabled() {
		return
	}
	w.mu.Lock()
	w.active[vm] = &charge{}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *watchdog) stop(vm *VM) (overBudget bool) {
	if !w.enabled() {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.active[vm]
	delete(w.active, vm)
	return c != nil && c.interrupted
}

func (w *watchdog) close() {
	if w == nil {
		return
	}
	select {
	case <-w.done:
	default:
		close(w.done)
	}
	w.wg.Wait()
}

func (w *watchdog) run() {
	defer w.wg.Done()
	samples := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	read := func() (allocs, heap uint64) {
		metrics.Read(samples)
		if samples[0].Value.Kind() == metrics.KindUint64 {
			allocs = samples[0].Value.Uint64()
		}
		if samples[1].Value.Kind() == metrics.KindUint64 {
			heap = samples[1].Value.Uint64()
		}
		return
	}
	last, _ := read()
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		w.mu.Lock()
		idle := len(w.active) == 0
		w.mu.Unlock()
		if idle {
			select {
			case <-w.done:
				return
			case <-w.wake:
				// Renders started: charge from now, not from the last busy tick.
				last, _ = read()
				t.Reset(w.interval)
				continue
			}
		}
		select {
		case <-w.done:
			return
		case <-t.C:
		}
		allocs, heap := read()
		delta := allocs - last
		last = allocs
		w.mu.Lock()
		if n := uint64(len(w.active)); n > 0 {
			var biggest *VM
			for vm, c := range w.active {
				c.bytes += delta / n
				if w.maxAlloc > 0 && c.bytes > w.maxAlloc && !c.interrupted {
					c.interrupted = true
					w.interrupts.Add(1)
					vm.rt.Interrupt(ErrMemory)
				}
				if biggest == nil || c.bytes > w.active[biggest].bytes {
					biggest = vm
				}
			}
			if w.maxHeap > 0 && heap > w.maxHeap && !w.active[biggest].interrupted {
				w.active[biggest].interrupted = true
				w.interrupts.Add(1)
				biggest.rt.Interrupt(ErrMemory)
			}
		}
		w.mu.Unlock()
	}
}
