package bundle

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Node built-ins in the server bundle. The server build targets goja, not Node, so "stream" or "node:fs"
// resolve nowhere, and one library importing one on a path no render takes would fail the whole bundle.
// Each built-in is decided here, once (README "Node built-ins"):
//
//   - nodePolyfills: a well-kept npm package that implements the module without Node (the ones browser
//     bundlers use). It is resolved from the project's node_modules; when it is not installed the module
//     falls back to a stub whose error says which package to install.
//   - nodeGlobals: modules that are the runtime's own globals (process, console, timers).
//   - every other built-in: a stub with exactly the names Node's module exports (nodebuiltins.json,
//     generated from Node), each a function that throws an error naming the module when called.
//
// A package of the same name installed in node_modules (for example "events") is what a bare "events"
// resolves to anyway; the "node:" prefix resolves the same way as the bare name.

//go:generate sh -c "node gen/nodebuiltins.js > nodebuiltins.json"
//go:embed nodebuiltins.json
var nodeBuiltinsJSON []byte

var nodeBuiltins = sync.OnceValue(func() map[string][]string {
	var raw struct {
		Modules map[string][]string `json:"modules"`
	}
	if err := json.Unmarshal(nodeBuiltinsJSON, &raw); err != nil {
		panic(fmt.Sprintf("bundle: embedded nodebuiltins.json: %v", err))
	}
	return raw.Modules
})

// nodePolyfills maps built-ins to the npm packages that replace them.
var nodePolyfills = map[string]string{
	"events":         "events",
	"buffer":         "buffer",
	"path":           "path-browserify",
	"path/posix":     "path-browserify",
	"util":           "util",
	"sys":            "util",
	"string_decoder": "string_decoder",
	"punycode":       "punycode",
}

// nodeGlobals maps built-ins to modules of this package that export the runtime's globals.
var nodeGlobals = map[string]string{
	"process": "ssrgate:node/process",
	"console": "ssrgate:node/console",
	"timers":  "ssrgate:node/timers",
}

// NodeBuiltinPolicy describes how the server build resolves each Node built-in module: "polyfill: PKG",
// "global", or "stub", sorted by module name. README's table is checked against it.
func NodeBuiltinPolicy() map[string]string {
	out := map[string]string{}
	for name := range nodeBuiltins() {
		switch {
		case nodePolyfills[name] != "":
			out[name] = "polyfill: " + nodePolyfills[name]
		case nodeGlobals[name] != "":
			out[name] = "global"
		default:
			out[name] = "stub"
		}
	}
	return out
}

var builtinFilter = sync.OnceValue(func() string {
	names := make([]string, 0, len(nodeBuiltins()))
	for n := range nodeBuiltins() {
		names = append(names, regexp.QuoteMeta(n))
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return `^(node:)?(` + strings.Join(names, "|") + `)$`
})

// resolvingPolyfill marks the plugin's own Resolve calls, so it does not intercept them again.
type resolvingPolyfill struct{}

func nodeBuiltinsPlugin(root string) api.Plugin {
	return api.Plugin{Name: "ssrgate-node-builtins", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: builtinFilter()}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if _, ok := a.PluginData.(resolvingPolyfill); ok {
				return api.OnResolveResult{}, nil
			}
			name := strings.TrimPrefix(a.Path, "node:")
			if g, ok := nodeGlobals[name]; ok {
				return api.OnResolveResult{Path: strings.TrimPrefix(g, "ssrgate:"), Namespace: "ssrgate"}, nil
			}
			if pkg, ok := nodePolyfills[name]; ok {
				for _, dir := range []string{a.ResolveDir, root} {
					r := b.Resolve(pkg, api.ResolveOptions{ResolveDir: dir, Kind: a.Kind, PluginData: resolvingPolyfill{}})
					if len(r.Errors) == 0 && r.Path != "" {
						return api.OnResolveResult{Path: r.Path, Namespace: r.Namespace, SideEffects: api.SideEffectsTrue}, nil
					}
				}
			}
			return api.OnResolveResult{Path: name, Namespace: "ssrgate-node-stub"}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "ssrgate-node-stub"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			var buf bytes.Buffer
			err := tmpl.ExecuteTemplate(&buf, "node-stub.js.tmpl", map[string]any{
				"Name": a.Path, "Names": nodeBuiltins()[a.Path], "Polyfill": nodePolyfills[a.Path],
			})
			if err != nil {
				return api.OnLoadResult{}, err
			}
			s := buf.String()
			return api.OnLoadResult{Contents: &s, ResolveDir: root, Loader: api.LoaderJS}, nil
		})
	}}
}
