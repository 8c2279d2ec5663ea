package vuesfc

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
)

const nodeModules = "../../node_modules"

// sharedCompiler is built once per test binary: New bundles and compiles
// compiler-sfc, which takes a good part of a second.
var sharedCompiler = sync.OnceValues(func() (*Compiler, error) { return New(nodeModules) })

func testCompiler(t testing.TB) *Compiler {
	t.Helper()
	c, err := sharedCompiler()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func abs(t testing.TB, path string) string {
	t.Helper()
	p, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// requireNode returns the path of node. Without it the test skips, except
// under SSRGATE_REQUIRE_NODE=1 (the test command sets it), where it fails:
// a skip there would hide the parity guard.
func requireNode(t testing.TB) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("node not found on PATH and SSRGATE_REQUIRE_NODE=1: %v", err)
		}
		t.Skip("node not found on PATH; set SSRGATE_REQUIRE_NODE=1 to make this a failure")
	}
	return node
}

// nodeEnv is the environment Node runs in for parity tests: the caller's,
// with the locale and time zone pinned, so a developer's LANG or TZ cannot
// change what Node renders (Intl, Date) and make the comparison lie.
func nodeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "TZ" || k == "LANG" || k == "LANGUAGE" || strings.HasPrefix(k, "LC_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC")
}

// vueDefines are the defines the lead's server and client builds use.
var vueDefines = map[string]string{
	"process.env.NODE_ENV":                    `"production"`,
	"__VUE_OPTIONS_API__":                     "true",
	"__VUE_PROD_DEVTOOLS__":                   "false",
	"__VUE_PROD_HYDRATION_MISMATCH_DETAILS__": "false",
}

// aliasPlugin resolves one bare import path to a file.
func aliasPlugin(from, to string) api.Plugin {
	return api.Plugin{Name: "test-alias", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: "^" + from + "$"}, func(api.OnResolveArgs) (api.OnResolveResult, error) {
			return api.OnResolveResult{Path: to}, nil
		})
	}}
}

// buildComponent bundles testdata/entry.js for one component: an IIFE for
// goja with the server build's options, or CommonJS for Node with vue left
// external.
func buildComponent(t testing.TB, c *Compiler, vueFile string, forNode bool) string {
	t.Helper()
	opts := api.BuildOptions{
		EntryPoints: []string{abs(t, "testdata/entry.js")},
		Bundle:      true,
		Write:       false,
		LogLevel:    api.LogLevelSilent,
		Target:      api.ES2017,
		Define:      vueDefines,
		Plugins: []api.Plugin{
			aliasPlugin("ssrgate-test:component", abs(t, vueFile)),
			c.Plugin(PluginOptions{SSR: true, Root: abs(t, "testdata")}),
		},
	}
	if forNode {
		opts.Platform = api.PlatformNode
		opts.Format = api.FormatCommonJS
		opts.External = []string{"vue", "vue/server-renderer", "@vue/server-renderer"}
	} else {
		opts.Platform = api.PlatformNeutral
		opts.Format = api.FormatIIFE
		opts.GlobalName = "__test"
		opts.MainFields = []string{"module", "main"}
	}
	res := api.Build(opts)
	if len(res.Errors) > 0 {
		t.Fatalf("build %s: %s", vueFile, formatMessages(res.Errors))
	}
	return string(res.OutputFiles[0].Contents)
}

// timers is a minimal setTimeout for goja with a virtual clock: the test
// runs due callbacks itself, in (time, order) order, like an event loop.
type timers struct {
	now, seq int64
	queue    []timer
}

type timer struct {
	due, seq int64
	fn       goja.Callable
	args     []goja.Value
}

func (ts *timers) install(vm *goja.Runtime) {
	_ = vm.Set("setTimeout", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("setTimeout: callback is not a function"))
		}
		delay := call.Argument(1).ToInteger()
		ts.seq++
		var args []goja.Value
		if len(call.Arguments) > 2 {
			args = call.Arguments[2:]
		}
		ts.queue = append(ts.queue, timer{due: ts.now + max(delay, 0), seq: ts.seq, fn: fn, args: args})
		return vm.ToValue(ts.seq)
	})
	_ = vm.Set("clearTimeout", func(call goja.FunctionCall) goja.Value {
		id := call.Argument(0).ToInteger()
		for i, tm := range ts.queue {
			if tm.seq == id {
				ts.queue = append(ts.queue[:i], ts.queue[i+1:]...)
				break
			}
		}
		return goja.Undefined()
	})
}

// runNext runs the earliest due timer; goja runs the promise jobs it queues
// when the call returns. It reports false when no timer is left.
func (ts *timers) runNext() (bool, error) {
	if len(ts.queue) == 0 {
		return false, nil
	}
	sort.SliceStable(ts.queue, func(i, j int) bool {
		if ts.queue[i].due != ts.queue[j].due {
			return ts.queue[i].due < ts.queue[j].due
		}
		return ts.queue[i].seq < ts.queue[j].seq
	})
	tm := ts.queue[0]
	ts.queue = ts.queue[1:]
	ts.now = tm.due
	_, err := tm.fn(goja.Undefined(), tm.args...)
	return true, err
}

// renderGoja runs an IIFE bundle from buildComponent in a fresh runtime and
// drives timers until the render promise settles.
func renderGoja(t testing.TB, bundle, propsJSON string) string {
	t.Helper()
	vm := goja.New()
	var ts timers
	ts.install(vm)
	console := vm.NewObject()
	for _, name := range []string{"log", "warn", "error"} {
		_ = console.Set(name, func(call goja.FunctionCall) goja.Value {
			t.Logf("console.%s: %v", name, call.Arguments)
			return goja.Undefined()
		})
	}
	_ = vm.Set("console", console)
	if _, err := vm.RunString(bundle); err != nil {
		t.Fatalf("run bundle: %v", err)
	}
	render, ok := goja.AssertFunction(vm.Get("__test").ToObject(vm).Get("renderJSON"))
	if !ok {
		t.Fatal("renderJSON is not a function")
	}
	v, err := render(goja.Undefined(), vm.ToValue(propsJSON))
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		t.Fatalf("render returned %T, want a promise", v.Export())
	}
	for p.State() == goja.PromiseStatePending {
		ran, err := ts.runNext()
		if err != nil {
			t.Fatalf("timer: %v", err)
		}
		if !ran {
			t.Fatal("render promise still pending with no timers left")
		}
	}
	if p.State() == goja.PromiseStateRejected {
		t.Fatalf("render rejected: %v", p.Result())
	}
	return p.Result().String()
}

func writeTemp(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
