package jsvm

import (
	"context"
	"log/slog"
	"time"

	"github.com/dop251/goja"

	"github.com/ssrgate/ssrgate/internal/jsvm/intl"
	"github.com/ssrgate/ssrgate/internal/jsvm/polyfill"
	"github.com/ssrgate/ssrgate/internal/jsvm/ssrhost"
	"github.com/ssrgate/ssrgate/internal/jsvm/uniprop"
)

// installGlobals defines the host globals in vm's runtime: the polyfills first (later ones may use them),
// then Intl, the RegExp wrapper and the renderers' native string helpers, then the guards and the integrity snapshot of the host globals.
func installGlobals(vm *VM) error {
	if err := polyfill.Install(vm.rt, vmHost{vm}); err != nil {
		return err
	}
	if err := intl.Install(vm.rt); err != nil {
		return err
	}
	if err := uniprop.Install(vm.rt); err != nil {
		return err
	}
	if err := ssrhost.Install(vm.rt); err != nil {
		return err
	}
	return installGuards(vm) // last: the guards wrap what the others defined
}

// vmHost gives the polyfills the VM's clock, event loop and logger.
type vmHost struct{ vm *VM }

var _ polyfill.Host = vmHost{}

func (h vmHost) Now() float64        { return float64(time.Since(h.vm.start).Nanoseconds()) / 1e6 }
func (h vmHost) TimeOrigin() float64 { return float64(h.vm.start.UnixNano()) / 1e6 }
func (h vmHost) ClearTimer(id int64) { h.vm.loop.cancel(id) }

func (h vmHost) AddTimer(fn goja.Callable, delay time.Duration, repeat bool, args []goja.Value) int64 {
	return h.vm.loop.add(fn, delay, repeat, args)
}

func (h vmHost) ReportError(v goja.Value) {
	if h.vm.uncaught == nil {
		h.vm.uncaught = v
	}
}

// Log sends console output to the pool's logger, tagged with the component being rendered.
func (h vmHost) Log(level, msg string) {
	l := slog.LevelInfo
	switch level {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	}
	ctx := h.vm.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	h.vm.logger.Log(ctx, l, msg, "component", h.vm.label, "source", "console")
}
