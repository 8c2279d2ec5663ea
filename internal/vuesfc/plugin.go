package vuesfc

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// styleNamespace holds the virtual CSS modules of <style> blocks, so that
// they never collide with real files.
const styleNamespace = "vuesfc-style"

// styleQuery marks a virtual style import written by compile.js:
// "./Foo.vue?vue&type=style&index=0&lang.css".
const styleQuery = "?vue&type=style&index="

// PluginOptions configure Plugin. The zero value builds for the client with
// Root set to the build's working directory.
type PluginOptions struct {
	// SSR compiles templates to ssrRender for the server bundle and emits no
	// CSS. Optional. Default false: render functions for hydration, styles
	// extracted into the CSS bundle.
	SSR bool
	// Root is the project root. Scoped-style ids are derived from paths
	// relative to it, so that the server and client builds agree and ids do
	// not depend on where the project is checked out. Optional. Default:
	// the build's AbsWorkingDir, or the process's working directory.
	Root string
}

// Plugin returns an esbuild plugin that loads .vue files through c. Use one
// with SSR set in the server build and one without in the client build; both
// may share c and its cache. Compile errors become esbuild errors with file,
// line and column.
func (c *Compiler) Plugin(opts PluginOptions) api.Plugin {
	return api.Plugin{
		Name: "vuesfc",
		Setup: func(build api.PluginBuild) {
			root := opts.Root
			if root == "" {
				root = build.InitialOptions.AbsWorkingDir
			}
			if root == "" {
				root, _ = os.Getwd()
			}
			p := &plugin{c: c, ssr: opts.SSR, root: root}
			build.OnResolve(api.OnResolveOptions{Filter: `\?vue&type=style&index=\d+&lang\.css$`}, p.resolveStyle)
			build.OnLoad(api.OnLoadOptions{Filter: `\.vue$`, Namespace: "file"}, p.loadVue)
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: styleNamespace}, p.loadStyle)
		},
	}
}

type plugin struct {
	c    *Compiler
	ssr  bool
	root string
}

// styleRef travels from resolveStyle to loadStyle as PluginData.
type styleRef struct {
	file  string // absolute path of the .vue file
	index int
}

// rel names a file for the compiler: slash-separated and relative to the
// root when possible.
func (p *plugin) rel(abs string) string {
	if r, err := filepath.Rel(p.root, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

func (p *plugin) loadVue(args api.OnLoadArgs) (api.OnLoadResult, error) {
	src, err := os.ReadFile(args.Path)
	if err != nil {
		return api.OnLoadResult{}, err
	}
	res, err := p.c.Compile(p.rel(args.Path), string(src), p.ssr)
	if err != nil {
		if msgs := messages(err); len(msgs) > 0 {
			return api.OnLoadResult{Errors: msgs}, nil
		}
		return api.OnLoadResult{}, err
	}
	loader := api.LoaderJS
	if res.Lang == "ts" {
		loader = api.LoaderTS
	}
	js := res.JS
	if res.Map != "" {
		// esbuild chains a loaded file's inline map into the bundle's, so
		// stacks point at the .vue file's own lines.
		js += "\n//# sourceMappingURL=data:application/json;base64," + base64.StdEncoding.EncodeToString([]byte(res.Map)) + "\n"
	}
	return api.OnLoadResult{Contents: &js, ResolveDir: filepath.Dir(args.Path), Loader: loader}, nil
}

func (p *plugin) resolveStyle(args api.OnResolveArgs) (api.OnResolveResult, error) {
	i := strings.Index(args.Path, styleQuery)
	if i < 0 || args.ResolveDir == "" {
		return api.OnResolveResult{}, nil
	}
	index, err := strconv.Atoi(strings.TrimSuffix(args.Path[i+len(styleQuery):], "&lang.css"))
	if err != nil {
		return api.OnResolveResult{}, nil
	}
	file := filepath.Join(args.ResolveDir, args.Path[:i])
	// The path is relative so that absolute paths do not leak into the
	// comments of unminified CSS output.
	return api.OnResolveResult{
		Path:       p.rel(file) + args.Path[i:],
		Namespace:  styleNamespace,
		PluginData: styleRef{file: file, index: index},
	}, nil
}

func (p *plugin) loadStyle(args api.OnLoadArgs) (api.OnLoadResult, error) {
	ref, ok := args.PluginData.(styleRef)
	if !ok {
		return api.OnLoadResult{}, errors.New("vuesfc: style module without plugin data")
	}
	src, err := os.ReadFile(ref.file)
	if err != nil {
		return api.OnLoadResult{}, err
	}
	// Same inputs as the .vue module's own load, so this is a cache hit.
	res, err := p.c.Compile(p.rel(ref.file), string(src), false)
	if err != nil {
		if msgs := messages(err); len(msgs) > 0 {
			return api.OnLoadResult{Errors: msgs}, nil
		}
		return api.OnLoadResult{}, err
	}
	if ref.index >= len(res.styles) {
		return api.OnLoadResult{}, errors.New("vuesfc: no <style> block " + strconv.Itoa(ref.index) + " in " + ref.file)
	}
	css := res.styles[ref.index]
	return api.OnLoadResult{Contents: &css, ResolveDir: filepath.Dir(ref.file), Loader: api.LoaderCSS}, nil
}

// messages turns compile errors into esbuild messages; it returns nil when
// err holds no *Error (an internal failure, reported as a plain error).
func messages(err error) []api.Message {
	var out []api.Message
	var walk func(error)
	walk = func(err error) {
		if e, ok := err.(*Error); ok {
			m := api.Message{Text: e.Text, PluginName: "vuesfc"}
			m.Location = &api.Location{File: e.File, Line: e.Line, Column: e.Column, LineText: e.LineText}
			out = append(out, m)
			return
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}
