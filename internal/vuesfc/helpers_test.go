package vuesfc

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/jsvm"
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

// renderGoja runs an IIFE bundle from buildComponent in a jsvm runtime (the
// host globals, timers and event loop that serve pages) and returns what
// its renderJSON resolves to.
func renderGoja(t testing.TB, bundle, propsJSON string) string {
	t.Helper()
	prg, err := jsvm.Compile("test-bundle.js", bundle)
	if err != nil {
		t.Fatalf("compile bundle: %v", err)
	}
	p, err := jsvm.NewPool(jsvm.Config{Size: 1, Programs: []*goja.Program{prg}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("run bundle: %v", err)
	}
	defer p.Close()
	vm, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release(vm)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	v, err := vm.Invoke(ctx, "test", "__test.renderJSON", propsJSON)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return v.String()
}

func writeTemp(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
