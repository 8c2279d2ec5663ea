package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/internal/vuesfc"
)

// bundleForNode bundles one component file for Node (CommonJS, its default
// export is the component) into dir/NAME.js. The frameworks stay external:
// the Node scripts require react, react-dom/server, vue and
// vue/server-renderer from the repository's node_modules (NODE_PATH), and
// the component must share those very copies (two Reacts break hooks).
// Options follow internal/bundle's server build: the same Define, JSX,
// loaders (CSS modules are esbuild's local-css, so class names match) and,
// for .vue files, the same SFC compiler plugin in SSR mode.
func bundleForNode(root, dir, name, file string, sfc *vuesfc.Compiler) (string, error) {
	opts := bundle.NodeOptions(root)
	opts.EntryPoints = []string{filepath.Join(root, "components", file)}
	opts.Outdir = dir
	opts.External = []string{"react", "react/*", "react-dom", "react-dom/*", "vue", "vue/*", "@vue/*"}
	if strings.HasSuffix(file, ".vue") {
		opts.Plugins = []api.Plugin{sfc.Plugin(vuesfc.PluginOptions{SSR: true, Root: root})}
	}
	r := api.Build(opts)
	if len(r.Errors) > 0 {
		msgs := make([]string, len(r.Errors))
		for i, m := range r.Errors {
			msgs[i] = bundle.FormatMessage(m)
		}
		return "", fmt.Errorf("bundle %s for node:\n%s", file, strings.Join(msgs, "\n"))
	}
	for _, f := range r.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", err
			}
			out := filepath.Join(dir, name+".js")
			return out, os.WriteFile(out, f.Contents, 0o644)
		}
	}
	return "", fmt.Errorf("bundle %s for node: no JavaScript output", file)
}
