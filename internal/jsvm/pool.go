package jsvm

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// Config configures a Pool. Its zero value is usable: a pool of runtime.NumCPU() runtimes with only the
// host globals installed, logging to slog.Default().
type Config struct {
	// Size is the number of runtimes in the pool. Optional. Default value is DefaultSize().
	Size int
	// Programs run in order in every new runtime, after the host globals are installed (typically the
	// server bundle). Optional.
	Programs []*goja.Program
	// Logger receives console.* output from JavaScript. Optional. Default value is slog.Default().
	Logger *slog.Logger
	// MaxUses replaces a runtime after it has served this many Invokes. goja's WeakMap holds its values
	// strongly, so an entry whose value references its key (Vue's reactiveMap: target -> Proxy(target), before
	// ssrgate's server bundle patched it) is never collected and a runtime's heap only grows; recycling bounds it. Optional. Default value is
	// DefaultMaxUses; a negative value means never.
	MaxUses int
	// MaxCharge retires a runtime once the work charged to it with VM.Charge reaches this total (ssr
	// charges the bytes of HTML each render produced: what goja leaks grows with the size of renders, not
	// their number). Optional. Zero or negative means no bound.
	MaxCharge int64
	// SingleUse gives every Invoke a runtime no other Invoke used: a runtime is dropped at its first Release
	// and calls wait for its replacement, instead of a retiring runtime serving on until its successor is
	// built. MaxUses and MaxCharge are then moot. Optional.
	SingleUse bool

	// MaxAllocBytes bounds the heap one Invoke may allocate (measured by a watchdog on runtime/metrics, see
	// watchdog); past it the call is interrupted with ErrMemory. Optional. Zero or negative means no bound.
	MaxAllocBytes int64
	// MaxHeapBytes bounds the process heap: while it is over, the running call that allocated most is
	// interrupted with ErrMemory. Optional. Zero or negative means no bound.
	MaxHeapBytes int64
	// MaxStuck bounds the runtimes abandoned by Run that are still stuck; past it, abandoned runtimes are
	// replaced only when a stuck one returns. Optional. Default value is Size; negative means no bound.
	MaxStuck int
}

// DefaultMaxUses is Config.MaxUses when it is zero, and the one definition of the retire count (ssr's
// Config.RuntimeMaxRenders and the ssrgate command take it from here). Retiring is a safety net for code that
// leaks through goja's WeakMap, not a cost the frameworks need: with Vue's reactivity patched, the demo's
// components leave a runtime's heap flat with retirement off (ssr's TestDemoHeapFlat, TestVueHeapFlat). A new
// runtime with the demo's server bundle costs 10-15 ms of one core (BenchmarkNewVMDemoBundle; more with
// reactfast's templates), spent beside the serving runtimes (a retiring runtime serves on until its
// successor is built, so no call waits for it), but on a busy machine it is CPU the renders do not get: at
// 200 renders per runtime it was 7-9% of the CPU of a 10-row Vue render, at 1,000 it is under 2%. Leaks that
// grow with the size of renders are bounded by MaxCharge (ssr charges HTML bytes) well before 1,000 renders.
const DefaultMaxUses = 1000

// DefaultSize is Config.Size when it is zero, and the default of every pool-sized setting built on it
// (ssr's Config.PoolSize): one runtime per CPU, since renders are CPU-bound.
func DefaultSize() int { return runtime.NumCPU() }

func (c Config) withDefaults() Config {
	if c.Size <= 0 {
		c.Size = DefaultSize()
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxUses == 0 {
		c.MaxUses = DefaultMaxUses
	}
	if c.MaxStuck == 0 {
		c.MaxStuck = c.Size
	}
	return c
}

// Stats is a snapshot of a pool for metrics.
type Stats struct {
	Size         int    // configured number of runtimes
	Idle         int    // runtimes waiting in the pool (a retiring one and its successor may both be: up to 2*Size)
	Runs         uint64 // runtimes handed back after a call (each Acquire that reached Release)
	Replacements uint64 // broken runtimes replaced since the pool was created
	Retirements  uint64 // healthy runtimes replaced after Config.MaxUses invocations or Config.MaxCharge
	Tainted      uint64 // runtimes replaced because a render changed the built-ins (included in Replacements)
	Abandoned    uint64 // runtimes abandoned by Run, stuck past the deadline
	Stuck        int    // abandoned runtimes still running now
	Owed         int    // replacements withheld because Config.MaxStuck runtimes are stuck
	MemoryKills  uint64 // calls interrupted by the memory watchdog
}

// Pool is a bounded set of warm runtimes. Runtimes cannot be reset, so a runtime that failed is dropped and a
// fresh one is built in the background. A Pool is safe for concurrent use; each VM it hands out is not.
type Pool struct {
	cfg          Config
	idle         chan *VM
	done         chan struct{}
	mu           sync.Mutex // guards closed and wg.Add, so Close never races a new replacement
	closed       bool
	wg           sync.WaitGroup // background replacements
	replacements atomic.Uint64
	runs         atomic.Uint64
	retirements  atomic.Uint64
	tainted      atomic.Uint64
	abandoned    atomic.Uint64
	stuck, owed  atomic.Int64
	wd           *watchdog

	beforeSuccessor func() // tests: runs before a successor is built
}

// NewPool creates and warms cfg.Size runtimes up front, so the first requests do not pay for start-up and a
// bundle that throws at load time fails here, at start, rather than on every request.
func NewPool(cfg Config) (*Pool, error) {
	cfg = cfg.withDefaults()
	p := &Pool{
		cfg:  cfg,
		idle: make(chan *VM, 2*cfg.Size), // a retiring VM and its successor may both be idle
		done: make(chan struct{}),
		wd:   newWatchdog(uint64(max(cfg.MaxAllocBytes, 0)), uint64(max(cfg.MaxHeapBytes, 0))),
	}
	for range cfg.Size {
		vm, err := p.newVM()
		if err != nil {
			p.wd.close()
			return nil, err
		}
		p.idle <- vm
	}
	return p, nil
}

func (p *Pool) newVM() (*VM, error) {
	vm, err := newVM(p.cfg)
	if vm != nil {
		vm.wd = p.wd
	}
	return vm, err
}

// Acquire takes a free VM, waiting until one is released or ctx is done. A done ctx yields an error wrapping
// both ErrPoolExhausted and the context's error. The VM must be given back with Release.
func (p *Pool) Acquire(ctx context.Context) (*VM, error) {
	select {
	case <-p.done:
		return nil, ErrClosed
	default:
	}
	select {
	case vm := <-p.idle:
		return vm, nil
	case <-p.done:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %w", ErrPoolExhausted, ctx.Err())
	}
}

// Release gives vm back. A VM that failed (see Invoke) is discarded and replaced in the background, because
// its JavaScript state may be half-updated. A VM that has served Config.MaxUses invocations or been charged
// Config.MaxCharge is retired, because its heap may hold garbage goja cannot collect: its successor is built
// in the background while it goes on serving, and it is dropped at the first Release after the successor
// joined the pool, so no call ever waits for a retirement. Close waits for pending builds.
func (p *Pool) Release(vm *VM) {
	if vm == nil {
		return
	}
	p.runs.Add(1)
	vm.reset()
	if !vm.broken && p.cfg.SingleUse && vm.uses > 0 {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.closed {
			p.retirements.Add(1)
			p.spawnReplacement()
		}
		return
	}
	if !vm.broken {
		due := (p.cfg.MaxUses > 0 && vm.uses >= p.cfg.MaxUses) || (p.cfg.MaxCharge > 0 && vm.charged >= p.cfg.MaxCharge)
		if due {
			switch vm.successor.Load() {
			case successorReady:
				p.retirements.Add(1)
				return // dropped: its successor serves in its place
			case successorNone:
				p.buildSuccessor(vm)
			}
		}
		p.put(vm)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.replacements.Add(1)
	if vm.tainted {
		p.tainted.Add(1)
	}
	if vm.successor.Load() == successorNone {
		p.spawnReplacement()
	} // else the successor being built (or already serving) takes its place
}

// States of VM.successor.
const (
	successorNone     int32 = iota
	successorBuilding       // a retiring VM's successor is being built
	successorReady          // it has joined the pool: the retiring VM goes at its next Release
)

// buildSuccessor builds, in the background, the runtime that takes over from vm once vm is due to retire.
func (p *Pool) buildSuccessor(vm *VM) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || !vm.successor.CompareAndSwap(successorNone, successorBuilding) {
		return
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		if p.beforeSuccessor != nil {
			p.beforeSuccessor()
		}
		p.replace()
		vm.successor.Store(successorReady)
	}()
}

func (p *Pool) put(vm *VM) {
	select {
	case <-p.done:
		// Closed: drop it; goja runtimes hold no resources beyond memory.
	default:
		p.idle <- vm // never blocks: at most 2*Size VMs exist (Size, and a successor for each retiring one)
	}
}

// replace builds a new runtime. It only fails if the programs throw, which NewPool already ruled out, so
// failures (e.g. out of memory) are logged and retried with backoff until the pool is closed.
func (p *Pool) replace() {
	backoff := 10 * time.Millisecond
	for {
		vm, err := p.newVM()
		if err == nil {
			p.put(vm)
			return
		}
		p.cfg.Logger.Error("jsvm: replacing runtime failed", "err", err)
		t := time.NewTimer(backoff)
		select {
		case <-p.done:
			t.Stop()
			return
		case <-t.C:
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// Close stops handing out VMs and waits for background replacements. It is idempotent; VMs still in use
// may be released afterwards and are dropped.
func (p *Pool) Close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.done)
	}
	p.mu.Unlock()
	p.wg.Wait()
	p.wd.close()
	for {
		select {
		case <-p.idle:
		default:
			return
		}
	}
}

// Stats reports the pool's size, idle runtimes, replacements and retirements, for metrics.
func (p *Pool) Stats() Stats {
	return Stats{Size: p.cfg.Size, Idle: len(p.idle), Runs: p.runs.Load(), Replacements: p.replacements.Load(), Retirements: p.retirements.Load(),
		Tainted: p.tainted.Load(), Abandoned: p.abandoned.Load(), Stuck: int(p.stuck.Load()), Owed: int(p.owed.Load()),
		MemoryKills: p.wd.interrupts.Load()}
}
