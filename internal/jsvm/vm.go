package jsvm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/ssrgate/ssrgate/internal/jsvm/ssrhost"
)

// maxCallStackSize bounds JS recursion depth, about what Node allows with its default stack.
const maxCallStackSize = 10000

// VM is one goja runtime with the host globals and the pool's programs loaded. Like goja.Runtime it must be
// used by one goroutine at a time: the goroutine that acquired it, until it calls Release.
type VM struct {
	rt       *goja.Runtime
	logger   *slog.Logger
	loop     loop
	start    time.Time // origin of performance.now()
	label    string    // component being rendered, for console output
	ctx      context.Context
	uncaught goja.Value // first exception thrown by a queueMicrotask callback during this call
	broken   bool
	tainted  bool  // broken because a render changed the built-ins (see intact)
	uses     int   // Invoke calls served, for Config.MaxUses
	charged  int64 // work charged with Charge, for Config.MaxCharge
	// successor is the state of the runtime built to replace this one once it is due to retire
	// (successorNone, successorBuilding, successorReady); set by the building goroutine.
	successor atomic.Int32

	host     *goja.Object  // the guard scripts' Go-backed object
	builtins *builtinState // recorded by js/integrity.js, checked by intact
	resetFn  goja.Callable // from js/guards.js
	wd       *watchdog     // the pool's memory watchdog; nil outside a pool
}

// Charge adds n units of work (for example bytes rendered) to the VM's
// total; Release retires it once the total reaches Config.MaxCharge.
func (vm *VM) Charge(n int64) { vm.charged += n }

func newVM(cfg Config) (*VM, error) {
	vm := &VM{rt: goja.New(), logger: cfg.Logger, start: time.Now(), ctx: context.Background()}
	// Runaway recursion must end the call, not exhaust the Go stack and kill the process. goja then throws
	// its StackOverflowError, which (unlike Node's RangeError) JS try/catch cannot catch: the call fails and
	// convertError turns it into a JSError naming the overflow, with the innermost frames mapped.
	vm.rt.SetMaxCallStackSize(maxCallStackSize)
	if err := installGlobals(vm); err != nil {
		return nil, fmt.Errorf("install host globals: %w", err)
	}
	for _, prg := range cfg.Programs {
		if _, err := vm.rt.RunProgram(prg); err != nil {
			return nil, fmt.Errorf("run program: %w", vm.convertError(err))
		}
	}
	// Programs may start timers at load time (for example a scheduler); no render is waiting for them.
	vm.loop.clear()
	if err := vm.snapshotIntegrity(); err != nil {
		return nil, err
	}
	return vm, nil
}

// Runtime returns the underlying goja runtime, for callers that need goja directly (for example to build
// arguments). The one-goroutine rule of VM applies to it.
func (vm *VM) Runtime() *goja.Runtime { return vm.rt }

// JSONArg returns what to pass to Invoke for the JSON text b: the value
// JSON.parse would give, built natively in this runtime (ssrhost.ParseJSON,
// about three times faster than goja's JSON.parse), or b as a string when
// that cannot be done exactly, for the callee to JSON.parse with its usual
// errors and depth guard. Call it on the VM's goroutine (inside Pool.Run).
func (vm *VM) JSONArg(b []byte) any {
	if v, ok := ssrhost.ParseJSON(vm.rt, b, guardDepth); ok {
		return v
	}
	return string(b)
}

// Invoke calls the global function at the dotted path fn (for example "__ssr.render") with args converted by
// goja's ToValue, and returns its result. If the result is a promise, Invoke runs the event loop (promise
// jobs, then due timers in real time) until it settles; a rejection becomes an error. The call is bounded by
// ctx: when ctx is done the runtime is interrupted and Invoke returns an error wrapping ErrTimeout. A promise
// that is pending with no timer left can never settle, so it fails at once with ErrTimeout instead of holding
// the runtime until the deadline. label names the component in console output.
//
// An interrupt, a panic or any error other than a JavaScript exception marks the VM broken, so Release
// replaces it: a runtime interrupted or failed midway may hold half-updated state. A JavaScript exception
// (a *JSError: thrown or rejected) does not, when the built-ins are provably untouched (see intact): the
// frameworks unwind their own state on a throw, and rebuilding a runtime per thrown error would let one
// throwing component cut everyone's throughput. After every call the built-ins are checked, and a VM whose
// render changed them (for example polluted Object.prototype) is marked broken and counted as tainted.
// Timers still pending when Invoke returns are discarded.
func (vm *VM) Invoke(ctx context.Context, label, fn string, args ...any) (result goja.Value, err error) {
	if vm.broken {
		return nil, fmt.Errorf("call %s: runtime is broken; release it", fn)
	}
	vm.uses++
	if ctx.Err() != nil {
		return nil, fmt.Errorf("call %s: %w (%w)", fn, ErrTimeout, context.Cause(ctx))
	}
	vm.label, vm.ctx = label, ctx
	vm.wd.start(vm)
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		vm.rt.Interrupt(ErrTimeout)
		close(interrupted)
	})
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("call %s: panic: %v", fn, r)
		}
		if !stop() {
			<-interrupted // the interrupt is being delivered; wait so it cannot hit the next call
		}
		if vm.wd.stop(vm) && errors.Is(err, ErrTimeout) && ctx.Err() == nil {
			err = ErrMemory
		}
		vm.rt.ClearInterrupt()
		vm.loop.clear()
		vm.label, vm.ctx = "", context.Background()
		var jerr *JSError
		// An overflow is a JSError (mapped, named) but goja made it uncatchable
		// mid-call, so the runtime is replaced rather than trusted.
		if err != nil && (!errors.As(err, &jerr) || errors.Is(err, ErrStackOverflow)) {
			vm.broken = true
		} else if !vm.intact() {
			vm.broken, vm.tainted = true, true
		}
		if err != nil {
			err = fmt.Errorf("call %s: %w", fn, err)
		}
	}()

	this, f, err := vm.lookup(fn)
	if err != nil {
		return nil, err
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = vm.rt.ToValue(a)
	}
	v, err := f(this, vals...)
	if err == nil {
		err = vm.takeUncaught()
	}
	if err != nil {
		return nil, vm.convertError(err)
	}
	if p, ok := v.Export().(*goja.Promise); ok {
		return vm.await(ctx, p)
	}
	return v, nil
}

// takeUncaught reports an exception thrown where no caller could catch it (a queueMicrotask callback). Node
// would crash the process; failing the render is the equivalent here.
func (vm *VM) takeUncaught() error {
	v := vm.uncaught
	if v == nil {
		return nil
	}
	vm.uncaught = nil
	return vm.jsError(v, "")
}

// lookup resolves a dotted path from the global object.
func (vm *VM) lookup(path string) (goja.Value, goja.Callable, error) {
	var this goja.Value = vm.rt.GlobalObject()
	cur := this
	for part := range strings.SplitSeq(path, ".") {
		obj, ok := cur.(*goja.Object)
		if !ok {
			return nil, nil, fmt.Errorf("%s is not defined", path)
		}
		this, cur = obj, obj.Get(part)
		if cur == nil || goja.IsUndefined(cur) || goja.IsNull(cur) {
			return nil, nil, fmt.Errorf("%s is not defined", path)
		}
	}
	f, ok := goja.AssertFunction(cur)
	if !ok {
		return nil, nil, fmt.Errorf("%s is not a function", path)
	}
	return this, f, nil
}

// await drives the event loop until p settles. Promise jobs run whenever a call from Go into the runtime
// returns, so only timers need driving here.
func (vm *VM) await(ctx context.Context, p *goja.Promise) (goja.Value, error) {
	for {
		if err := vm.takeUncaught(); err != nil {
			return nil, err
		}
		switch p.State() {
		case goja.PromiseStateFulfilled:
			return p.Result(), nil
		case goja.PromiseStateRejected:
			return nil, vm.jsError(p.Result(), "")
		}
		t := vm.loop.next()
		if t == nil {
			return nil, fmt.Errorf("%w: promise can never settle (no pending timers)", ErrTimeout)
		}
		if d := time.Until(t.due); d > 0 {
			sleep := time.NewTimer(d)
			select {
			case <-ctx.Done():
				sleep.Stop()
				return nil, fmt.Errorf("%w (%w)", ErrTimeout, context.Cause(ctx))
			case <-sleep.C:
			}
		}
		err := vm.loop.fire(t)
		if err == nil {
			err = vm.takeUncaught()
		}
		if err != nil {
			return nil, vm.convertError(err)
		}
	}
}

// reset prepares the VM for its next user.
func (vm *VM) reset() {
	vm.loop.clear()
	vm.uncaught = nil
	vm.rt.ClearInterrupt()
}

// convertError turns goja's errors into ErrTimeout or *JSError.
func (vm *VM) convertError(err error) error {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		if ie.Value() == ErrMemory {
			return ErrMemory
		}
		return ErrTimeout
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		return stackOverflow(so)
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return vm.jsError(ex.Value(), ex.String())
	}
	return err
}

// jsError describes a thrown or rejected value. fallbackStack is used when the value has no stack property.
func (vm *VM) jsError(v goja.Value, fallbackStack string) *JSError {
	e := &JSError{Message: "undefined"}
	if v != nil {
		e.Message = v.String()
	}
	if obj, ok := v.(*goja.Object); ok {
		if s := obj.Get("stack"); s != nil && !goja.IsUndefined(s) {
			e.Stack = s.String()
		}
	}
	if e.Stack == "" {
		e.Stack = fallbackStack
	}
	e.Stack = fixStack(e.Stack)
	return e
}

// stackOverflowFrames is how many of the innermost frames a stack overflow's JSError keeps: the recursion
// repeats the same few thousands of times.
const stackOverflowFrames = 20

// stackOverflow describes goja's StackOverflowError, whose own message is empty, as Node names it, with the
// innermost frames mapped to the original sources.
func stackOverflow(so *goja.StackOverflowError) *JSError {
	msg := fmt.Sprintf("RangeError: Maximum call stack size exceeded (more than %d nested calls; look for runaway recursion)", maxCallStackSize)
	var b bytes.Buffer
	b.WriteString(msg)
	frames := so.Stack()
	for i, f := range frames {
		if i == stackOverflowFrames {
			fmt.Fprintf(&b, "\n\t... %d more frames", len(frames)-i)
			break
		}
		b.WriteString("\n\tat ")
		f.Write(&b)
	}
	return &JSError{Message: msg, Stack: fixStack(b.String()), cause: ErrStackOverflow}
}
