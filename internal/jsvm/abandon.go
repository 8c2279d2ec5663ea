package jsvm

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// abandonGrace is how long after the deadline a runtime may take to stop before it is abandoned. The caller
// does not wait for it: it is only the line between "interrupted, replace it" and "stuck, abandon it".
const abandonGrace = 100 * time.Millisecond

// abandonable tracks one Pool.Run call: which of the running goroutine and the deadline watcher decides the
// VM's fate.
type abandonable struct {
	mu        sync.Mutex
	done      bool // f returned; the running goroutine releases the VM
	abandoned bool // the watcher gave up on it; the running goroutine drops it
}

// Run calls f(vm) on a goroutine of its own and takes over vm: Run releases it (or abandons it), so the
// caller must not use or release vm afterwards. Run returns f's error as soon as f returns, or an error
// wrapping ErrTimeout as soon as ctx is done, even if f is stuck in a native call that no interrupt can stop.
// In that case the VM is watched for abandonGrace more; a VM that has still not returned is abandoned:
// counted, replaced at once (unless Config.MaxStuck runtimes are already stuck, which Stats shows), and
// dropped when it finally returns. f must bound its work by ctx (as Invoke does) and must not keep values of
// the VM's runtime: once Run has returned with a timeout, f is still running and owns the VM.
func (p *Pool) Run(ctx context.Context, vm *VM, f func(vm *VM) error) error {
	a := &abandonable{}
	result := make(chan error, 1)
	go func() {
		err := f(vm)
		a.mu.Lock()
		a.done = true
		abandoned := a.abandoned
		a.mu.Unlock()
		if abandoned {
			p.dropAbandoned(vm)
		} else {
			p.Release(vm)
		}
		result <- err
	}()
	select {
	case err := <-result:
		return err
	case <-ctx.Done():
	}
	// The interrupt is on its way (Invoke's AfterFunc). Decide in the background whether the runtime stops.
	p.mu.Lock()
	if !p.closed {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			t := time.NewTimer(abandonGrace)
			defer t.Stop()
			select {
			case <-result:
				return // stopped in time; already released (and replaced, being broken)
			case <-t.C:
			case <-p.done:
			}
			a.mu.Lock()
			if !a.done {
				a.abandoned = true
				p.abandon(vm)
			}
			a.mu.Unlock()
		}()
	}
	p.mu.Unlock()
	return fmt.Errorf("%w (%w)", ErrTimeout, context.Cause(ctx))
}

// abandon counts a stuck runtime and builds its replacement (unless it is retiring and has one), unless MaxStuck runtimes are stuck already:
// then the pool runs smaller until one returns, so a component that sticks every runtime cannot make the
// process build runtimes without end.
func (p *Pool) abandon(vm *VM) {
	p.abandoned.Add(1)
	stuck := p.stuck.Add(1)
	p.mu.Lock()
	defer p.mu.Unlock()
	if vm.successor.Load() != successorNone {
		return // a retiring runtime: its successor takes its place
	}
	if p.closed || (p.cfg.MaxStuck > 0 && int(stuck) > p.cfg.MaxStuck) {
		p.owed.Add(1) // replaced when a stuck one returns
		return
	}
	p.spawnReplacement()
}

// dropAbandoned is called when an abandoned runtime's call finally returns: it is dropped, and if its
// replacement was withheld by MaxStuck, the replacement is built now.
func (p *Pool) dropAbandoned(vm *VM) {
	vm.broken = true
	p.stuck.Add(-1)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.owed.Load() > 0 {
		p.owed.Add(-1)
		if !p.closed {
			p.spawnReplacement()
		}
	}
}

// spawnReplacement builds one runtime in the background. p.mu must be held.
func (p *Pool) spawnReplacement() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.replace()
	}()
}
