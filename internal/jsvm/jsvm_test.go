package jsvm

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"go.uber.org/goleak"
)

func newTestPool(t testing.TB, size int, src ...string) *Pool {
	t.Helper()
	var prgs []*goja.Program
	for i, s := range src {
		prg, err := Compile("test"+string(rune('0'+i))+".js", s)
		if err != nil {
			t.Fatal(err)
		}
		prgs = append(prgs, prg)
	}
	p, err := NewPool(Config{Size: size, Programs: prgs, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// invoke runs fn on a VM from p and releases it.
func invoke(t testing.TB, p *Pool, ctx context.Context, fn string, args ...any) (goja.Value, error) {
	t.Helper()
	vm, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release(vm)
	return vm.Invoke(ctx, "Test", fn, args...)
}

const asyncSrc = `
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
var t = {
  spin() { while (true) {} },
  never() { return new Promise(() => {}); },
  timerChain() { return new Promise(() => { const tick = () => setTimeout(tick, 5); tick(); }); },
  interval() { return new Promise(() => { setInterval(() => {}, 3); }); },
  async sleepy() { await sleep(20); return "slept"; },
  order() {
    const log = [];
    setTimeout(() => log.push("timeout"), 0);
    setImmediate(() => log.push("immediate"));
    queueMicrotask(() => log.push("microtask"));
    Promise.resolve().then(() => log.push("promise"));
    log.push("sync");
    return new Promise((r) => setTimeout(() => r(log.join()), 5));
  },
  channel() {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      let sync = true;
      ch.port1.onmessage = (e) => resolve(JSON.stringify(e.data) + (sync ? " sync" : " async"));
      ch.port2.postMessage({a: [1, 2]});
      sync = false;
    });
  },
  async reject() { await sleep(1); throw new TypeError("nope"); },
  throws() { null.x; },
  uncaught() { queueMicrotask(() => { throw new RangeError("late"); }); return "ok"; },
  add(a, b) { return a + b; },
  echo(s) { return s; },
  arm() { globalThis.fired = false; setTimeout(() => { globalThis.fired = true; }, 1); return "armed"; },
  fired() { return String(globalThis.fired); },
};
`

func TestInvoke(t *testing.T) {
	p := newTestPool(t, 1, asyncSrc)
	tests := []struct {
		fn   string
		args []any
		want string
	}{
		{"t.add", []any{2, 3}, "5"},
		{"t.echo", []any{"emoji 😀👍🏽 ok"}, "emoji 😀👍🏽 ok"},
		{"t.sleepy", nil, "slept"},
		// setImmediate runs before a 0 ms timeout (Node orders them by when the loop starts; jsvm is deterministic).
		{"t.order", nil, "sync,microtask,promise,immediate,timeout"},
		{"t.channel", nil, `{"a":[1,2]} async`},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			v, err := invoke(t, p, ctx, tt.fn, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInvokeErrors(t *testing.T) {
	p := newTestPool(t, 1, asyncSrc)
	// A JavaScript exception leaves the runtime clean (the built-ins are checked), so it is kept; any other
	// failure replaces it.
	tests := []struct {
		fn, want string
		replaced uint64
	}{
		{"t.reject", "TypeError: nope", 0},
		{"t.throws", "TypeError: Cannot read property 'x'", 0},
		{"t.uncaught", "RangeError: late", 0},
		{"t.missing", "t.missing is not defined", 1},
		{"nope.deeper", "nope.deeper is not defined", 1},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			before := p.Stats().Replacements
			_, err := invoke(t, p, context.Background(), tt.fn)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if got := p.Stats().Replacements; got != before+tt.replaced {
				t.Errorf("replacements = %d, want %d", got, before+tt.replaced)
			}
		})
	}
	var jsErr *JSError
	_, err := invoke(t, p, context.Background(), "t.reject")
	if !errors.As(err, &jsErr) || !strings.Contains(jsErr.Stack, "test0.js") {
		t.Errorf("rejection: %#v, want a *JSError with a stack", err)
	}
}

// TestDeadline: runaway code is interrupted, the VM replaced, and the pool keeps serving.
func TestDeadline(t *testing.T) {
	const deadline = 50 * time.Millisecond
	p := newTestPool(t, 1, asyncSrc)
	for _, fn := range []string{"t.spin", "t.never", "t.timerChain", "t.interval"} {
		t.Run(fn, func(t *testing.T) {
			before := p.Stats().Replacements
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			start := time.Now()
			_, err := invoke(t, p, ctx, fn)
			if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want ErrTimeout", err)
			}
			if d := time.Since(start); d > deadline+200*time.Millisecond {
				t.Errorf("took %v, deadline %v", d, deadline)
			}
			if got := p.Stats().Replacements; got != before+1 {
				t.Errorf("replacements = %d, want %d", got, before+1)
			}
			v, err := invoke(t, p, context.Background(), "t.add", 1, 1)
			if err != nil || v.String() != "2" {
				t.Fatalf("pool after timeout: %v %v", v, err)
			}
		})
	}
}

func TestPendingTimersDiscarded(t *testing.T) {
	p := newTestPool(t, 1, asyncSrc)
	if _, err := invoke(t, p, context.Background(), "t.arm"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	if v, err := invoke(t, p, context.Background(), "t.sleepy"); err != nil || v.String() != "slept" {
		t.Fatal(v, err)
	}
	if v, _ := invoke(t, p, context.Background(), "t.fired"); v.String() != "false" {
		t.Errorf("a timer from an earlier call ran in a later one")
	}
}

func TestAcquireExhausted(t *testing.T) {
	p := newTestPool(t, 1)
	vm, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := p.Acquire(ctx); !errors.Is(err, ErrPoolExhausted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrPoolExhausted", err)
	}
	if s := p.Stats(); s.Idle != 0 || s.Size != 1 {
		t.Errorf("stats = %+v", s)
	}
	p.Release(vm)
	if s := p.Stats(); s.Idle != 1 {
		t.Errorf("stats after release = %+v", s)
	}
}

func TestConcurrent(t *testing.T) {
	p := newTestPool(t, 2, asyncSrc)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				fn := "t.add"
				if i%5 == 0 {
					fn = "t.throws" // replacements run concurrently with renders
				}
				vm, err := p.Acquire(ctx)
				if err != nil {
					t.Error(err)
					cancel()
					return
				}
				v, err := vm.Invoke(ctx, "C", fn, g, i)
				if fn == "t.add" && (err != nil || v.ToInteger() != int64(g+i)) {
					t.Errorf("add(%d,%d) = %v, %v", g, i, v, err)
				}
				p.Release(vm)
				cancel()
			}
		})
	}
	wg.Wait()
}

func TestCloseNoLeaks(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock"))
	p, err := NewPool(Config{Size: 2, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	vm, _ := p.Acquire(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	_, _ = vm.Invoke(ctx, "X", "eval", "while(true){}")
	cancel()
	p.Release(vm) // replacement in flight while closing
	p.Close()
	p.Close()
	if _, err := p.Acquire(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Acquire after Close: %v", err)
	}
}

func TestNewPoolProgramThrows(t *testing.T) {
	prg, err := Compile("bad.js", `throw new Error("load failed")`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewPool(Config{Size: 1, Programs: []*goja.Program{prg}}); err == nil || !strings.Contains(err.Error(), "load failed") {
		t.Fatalf("err = %v", err)
	}
}

type recordHandler struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r)
	return nil
}
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }

func TestConsole(t *testing.T) {
	h := &recordHandler{}
	prg, _ := Compile("log.js", `function log() {
		console.log("n=%d s=%s", 5, "x", {a: 1, b: [1, "two"]});
		console.warn("careful");
		console.error(new Map([[1, 2]]));
	}`)
	p, err := NewPool(Config{Size: 1, Programs: []*goja.Program{prg}, Logger: slog.New(h)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	vm, _ := p.Acquire(context.Background())
	if _, err := vm.Invoke(context.Background(), "ProductList", "log"); err != nil {
		t.Fatal(err)
	}
	p.Release(vm)
	want := []struct {
		level slog.Level
		msg   string
	}{
		{slog.LevelInfo, `n=5 s=x { a: 1, b: [ 1, 'two' ] }`},
		{slog.LevelWarn, "careful"},
		{slog.LevelError, "Map(1) { 1 => 2 }"},
	}
	if len(h.records) != len(want) {
		t.Fatalf("got %d records", len(h.records))
	}
	for i, w := range want {
		r := h.records[i]
		var component string
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "component" {
				component = a.Value.String()
			}
			return true
		})
		if r.Level != w.level || r.Message != w.msg || component != "ProductList" {
			t.Errorf("record %d = %v %q component=%q, want %v %q", i, r.Level, r.Message, component, w.level, w.msg)
		}
	}
}

// TestSourceMappedStack builds a bundle with esbuild and an inline source map; the stack of a thrown error
// must point at the original component file and line.
func TestSourceMappedStack(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"components/Boom.jsx": "export function Boom(props) {\n  const label = props.label;\n  throw new Error(\"boom \" + label);\n}\n",
		"entry.js":            "import { Boom } from \"./components/Boom.jsx\";\nexport function render(name) { return Boom({ label: name }); }\n",
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:   []string{"entry.js"},
		AbsWorkingDir: dir,
		Outfile:       "server.js",
		Bundle:        true,
		Format:        api.FormatIIFE,
		GlobalName:    "__ssr",
		Sourcemap:     api.SourceMapInline,
		Write:         false,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild: %v", res.Errors)
	}
	p := newTestPool(t, 1, string(res.OutputFiles[0].Contents))
	_, err := invoke(t, p, context.Background(), "__ssr.render", "x")
	var jsErr *JSError
	if !errors.As(err, &jsErr) {
		t.Fatalf("err = %v, want *JSError", err)
	}
	if jsErr.Message != "Error: boom x" {
		t.Errorf("message = %q", jsErr.Message)
	}
	if !strings.Contains(jsErr.Stack, "components/Boom.jsx:3:9") {
		t.Errorf("stack does not point at components/Boom.jsx:3:9:\n%s", jsErr.Stack)
	}
}

func BenchmarkNewVM(b *testing.B) {
	b.ReportAllocs()
	cfg := Config{}.withDefaults()
	for b.Loop() {
		if _, err := newVM(cfg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInvoke(b *testing.B) {
	p := newTestPool(b, 1, asyncSrc)
	vm, _ := p.Acquire(context.Background())
	defer p.Release(vm)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vm.Invoke(ctx, "Bench", "t.add", 1, 2); err != nil {
			b.Fatal(err)
		}
	}
}
