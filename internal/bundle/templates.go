package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/reactfast"
	"github.com/ssrgate/ssrgate/internal/reactfast/jsxtpl"
)

// templatesPlugin compiles the host elements of the components' JSX into
// templates for the fast React renderer (package jsxtpl), in the server
// build only and only while the fast path is on. Each .jsx and .tsx file
// outside node_modules goes through esbuild's own JSX transform first (the
// automatic runtime, as the build itself uses), then jsxtpl; a file it
// leaves alone, or one under a tsconfig.json or jsconfig.json (whose JSX
// settings the transform would not see), loads as usual.
func templatesPlugin(opts Options) api.Plugin {
	var configs sync.Map // dir -> bool: a tsconfig.json or jsconfig.json here or above
	return api.Plugin{Name: "ssrgate-react-templates", Setup: func(b api.PluginBuild) {
		if _, off := reactfast.Module(opts.Root, !opts.NoReactFast); off != "" {
			return
		}
		b.OnLoad(api.OnLoadOptions{Filter: `\.[jt]sx$`, Namespace: "file"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			if strings.Contains(a.Path, string(filepath.Separator)+"node_modules"+string(filepath.Separator)) || underConfig(&configs, filepath.Dir(a.Path)) {
				return api.OnLoadResult{}, nil
			}
			src, err := os.ReadFile(a.Path)
			if err != nil {
				return api.OnLoadResult{}, nil // esbuild reports it
			}
			loader := api.LoaderJSX
			if strings.HasSuffix(a.Path, ".tsx") {
				loader = api.LoaderTSX
			}
			r := api.Transform(string(src), api.TransformOptions{
				Loader: loader, JSX: api.JSXAutomatic, Target: api.ESNext, Charset: api.CharsetUTF8,
				Sourcefile: filepath.Base(a.Path), Sourcemap: api.SourceMapInline, SourcesContent: api.SourcesContentExclude,
			})
			if len(r.Errors) > 0 {
				return api.OnLoadResult{}, nil // the build's own load reports them
			}
			code, n := jsxtpl.Rewrite(string(r.Code))
			if n == 0 {
				return api.OnLoadResult{}, nil
			}
			return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS, ResolveDir: filepath.Dir(a.Path)}, nil
		})
	}}
}

// underConfig reports whether dir or a parent holds a tsconfig.json or
// jsconfig.json.
func underConfig(cache *sync.Map, dir string) bool {
	if v, ok := cache.Load(dir); ok {
		return v.(bool)
	}
	found := false
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			found = true
		}
	}
	if parent := filepath.Dir(dir); !found && parent != dir {
		found = underConfig(cache, parent)
	}
	cache.Store(dir, found)
	return found
}
