// Package bundle turns a components directory into what ssrgate serves: one
// server bundle that goja runs, and browser bundles (ESM, code-split,
// content-hashed, CSS extracted) with a manifest from component names to files.
// It drives esbuild's Go API; nothing here runs at request time.
package bundle

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/island"
	"github.com/ssrgate/ssrgate/internal/reactfast"
	"github.com/ssrgate/ssrgate/internal/vuesfc"
)

//go:embed js
var jsFiles embed.FS

// Options configure one build. The zero value is not usable: ComponentsDir is required.
type Options struct {
	// ComponentsDir is the directory that holds the components.
	ComponentsDir string
	// Root is the directory whose node_modules provides react, vue and the
	// components' own packages. Optional. Default: the current directory.
	Root string
	// PublicPath is the URL prefix the client assets are served under.
	// Optional. Default "/_ssr/".
	PublicPath string
	// Dev turns off minification of client bundles, for readable browser stacks.
	Dev bool
	// Plugins returns extra esbuild plugins (for example the Vue SFC
	// compiler) for the server (server=true) or client build. Optional.
	Plugins func(server bool) []api.Plugin
	// NoReactFast makes the React adapter render every island with React's
	// own renderToString instead of trying package reactfast first.
	NoReactFast bool

	noTemplates bool // build without templatesPlugin (see Builder.Build)
}

// Result is the output of Build.
type Result struct {
	// BuildID identifies this exact output; it changes whenever any output
	// byte changes, so render-cache keys that include it never go stale.
	BuildID    string
	Components []Component
	// Server is the server bundle: an IIFE that defines the global __ssr
	// with render(name, propsJSON) and names, with an inline source map.
	Server string
	// Client maps each browser asset's path below PublicPath to its bytes.
	Client   map[string][]byte
	Manifest Manifest
	// ReactFastOff says why the React fast path (package reactfast) is off
	// in this build, or is "" when it is on.
	ReactFastOff string
	// TemplatesOff is set when the server build with the React templates
	// (package jsxtpl) failed and the build without them did not: the
	// first error of the former, for the log. The result is then the
	// latter's, whose React islands render through jsx() elements.
	TemplatesOff string

	root       string // Options.Root, absolute
	serverMeta string // esbuild's metafile of the server build
}

// Manifest maps components to the browser files they need.
type Manifest struct {
	BuildID    string `json:"buildId"`
	PublicPath string `json:"publicPath"`
	Runtime    string `json:"runtime"` // island runtime entry, below PublicPath
	// IslandCSS is the stylesheet every page with islands links (it gives
	// the wrapper element display:contents), below PublicPath.
	IslandCSS  string           `json:"islandCss"`
	Components map[string]Entry `json:"components"`
}

// Entry lists the browser files of one component, as paths below PublicPath.
type Entry struct {
	Framework Framework `json:"framework"`
	JS        string    `json:"js"`
	// Imports are the chunks JS imports statically, for modulepreload.
	Imports []string `json:"imports,omitempty"`
	CSS     []string `json:"css,omitempty"`
}

// Error is a failed build: every esbuild message with its file position.
type Error struct {
	Stage    string // "server" or "client"
	Messages []api.Message
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s build failed:", e.Stage)
	for _, m := range e.Messages {
		b.WriteString("\n  ")
		b.WriteString(FormatMessage(m))
	}
	return b.String()
}

// FormatMessage renders an esbuild message as "file:line:col: text".
func FormatMessage(m api.Message) string {
	text := m.Text
	if m.PluginName != "" {
		text = "[" + m.PluginName + "] " + text
	}
	if cmd := installHint(m.Text); cmd != "" {
		text += " (is it installed? run: " + cmd + ")"
	}
	if m.Location == nil {
		return text
	}
	l := m.Location
	s := fmt.Sprintf("%s:%d:%d: %s", l.File, l.Line, l.Column+1, text)
	if l.LineText != "" {
		s += "\n      " + strings.TrimRight(l.LineText, "\n")
	}
	return s
}

func (o *Options) fill() error {
	if o.ComponentsDir == "" {
		return errors.New("bundle: ComponentsDir is required")
	}
	if o.Root == "" {
		o.Root = "."
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return err
	}
	o.Root = root
	if o.PublicPath == "" {
		o.PublicPath = "/_ssr/"
	}
	if !strings.HasSuffix(o.PublicPath, "/") {
		o.PublicPath += "/"
	}
	return nil
}

// Build discovers the components and bundles them for server and browser.
// A Builder does the same repeatedly, reusing esbuild's incremental state.
func Build(opts Options) (*Result, error) {
	b := NewBuilder(opts)
	defer b.Close()
	return b.Build()
}

// withSFC adds the Vue SFC compiler plugin when some component is a .vue file.
func withSFC(opts Options, comps []Component) (Options, error) {
	if !needsSFC(comps) {
		return opts, nil
	}
	vue, err := sfcCompiler(filepath.Join(opts.Root, "node_modules"))
	if err != nil {
		return opts, err
	}
	if opts.Dev {
		// Start-up found every file in the disk cache, but the first
		// save will need the compiler: start it now, not on that save.
		vue.Warm()
	}
	extra := opts.Plugins
	opts.Plugins = func(server bool) []api.Plugin {
		ps := []api.Plugin{vue.Plugin(vuesfc.PluginOptions{SSR: server, Root: opts.Root})}
		if extra != nil {
			ps = append(ps, extra(server)...)
		}
		return ps
	}
	return opts, nil
}

// buildID hashes every output byte.
func buildID(res *Result) string {
	h := sha256.New()
	h.Write([]byte(res.Server))
	keys := make([]string, 0, len(res.Client))
	for k := range res.Client {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write(res.Client[k])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// common returns the options both builds share.
func common(opts Options) api.BuildOptions {
	return api.BuildOptions{
		Bundle:        true,
		Write:         false,
		AbsWorkingDir: opts.Root,
		Outdir:        filepath.Join(opts.Root, ".ssrgate-out"),
		LogLevel:      api.LogLevelSilent,
		Define: map[string]string{
			"process.env.NODE_ENV":                    `"production"`,
			"__VUE_OPTIONS_API__":                     "true",
			"__VUE_PROD_DEVTOOLS__":                   "false",
			"__VUE_PROD_HYDRATION_MISMATCH_DETAILS__": "false",
		},
		Loader: map[string]api.Loader{
			".png": api.LoaderFile, ".jpg": api.LoaderFile, ".jpeg": api.LoaderFile, ".gif": api.LoaderFile,
			".svg": api.LoaderFile, ".webp": api.LoaderFile, ".woff": api.LoaderFile, ".woff2": api.LoaderFile,
		},
		AssetNames: "assets/[name]-[hash]",
		// Components outside Root (a temp dir, a sibling checkout) still
		// resolve react and vue from Root's node_modules.
		NodePaths: []string{filepath.Join(opts.Root, "node_modules")},
		// A node_modules that is itself a symlink (a shared install, a CI
		// cache) is read through the link: esbuild names modules by their
		// path relative to Root, and the link's target would put where it
		// points (and how deep Root is) into the output and the build id,
		// so two replicas built from the same sources would disagree.
		PreserveSymlinks: linkedNodeModules(opts.Root),
		PublicPath:       opts.PublicPath,
		JSX:              api.JSXAutomatic,
		Charset:          api.CharsetUTF8,
	}
}

// linkedNodeModules reports whether root/node_modules is a symlink.
func linkedNodeModules(root string) bool {
	fi, err := os.Lstat(filepath.Join(root, "node_modules"))
	return err == nil && fi.Mode()&os.ModeSymlink != 0
}

// NodeOptions returns the server build's settings (JSX, defines, loaders,
// asset names) for a CommonJS bundle that Node runs. The Node-diff test and
// the benchmark use it to render the very same components in Node; callers
// add EntryPoints, Outdir, and plugins such as the Vue SFC compiler.
func NodeOptions(root string) api.BuildOptions {
	opts := Options{Root: root}
	opts.ComponentsDir = "."
	opts.fill()
	o := common(opts)
	o.Platform = api.PlatformNode
	o.Format = api.FormatCommonJS
	o.Target = api.ES2022
	return o
}

func serverOptions(opts Options, comps []Component) api.BuildOptions {
	o := common(opts)
	o.EntryPoints = []string{"ssrgate:server"}
	o.Format = api.FormatIIFE
	o.GlobalName = "__ssr"
	o.Platform = api.PlatformNeutral
	o.MainFields = []string{"module", "main"}
	// goja implements ES5.1 plus most of ES2017; esbuild lowers the rest.
	o.Target = api.ES2017
	// goja silently mis-handles \p{...} in regexp literals; esbuild turns
	// such literals into new RegExp(...) calls, which the runtime's RegExp
	// wrapper (internal/jsvm) expands.
	//
	// goja evaluates ** with Go's math.Pow, whose last bit differs from
	// V8's for some inputs; lowered to Math.pow, it reaches jsvm's port of
	// V8's pow.
	//
	// goja cannot parse import(). Calls esbuild can follow are bundled
	// anyway; the rest (react-router's `await import(route.module)`)
	// become a require() that throws "Dynamic require of … is not
	// supported" if the render ever takes that path.
	o.Supported = map[string]bool{"regexp-unicode-property-escapes": false, "exponent-operator": false, "dynamic-import": false}
	// Sources in the map are relative to the output directory; the root
	// makes stacks read "components/X.jsx". Nothing is written there.
	o.Outdir = opts.Root
	o.Sourcemap = api.SourceMapInline
	o.SourcesContent = api.SourcesContentExclude
	o.Metafile = true // for Result.ComponentsUsing
	o.Plugins = []api.Plugin{entriesPlugin(opts, comps, true), reactServerPlugin(), patchPlugin(), nodeBuiltinsPlugin(opts.Root)}
	if !opts.noTemplates {
		o.Plugins = append(o.Plugins, templatesPlugin(opts))
	}
	if opts.Plugins != nil {
		o.Plugins = append(o.Plugins, opts.Plugins(true)...)
	}
	return o
}

func serverOutput(r api.BuildResult) (string, string, error) {
	if len(r.Errors) > 0 {
		return "", "", &Error{Stage: "server", Messages: r.Errors}
	}
	for _, f := range r.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			return string(f.Contents), r.Metafile, nil
		}
	}
	return "", "", errors.New("server build produced no JavaScript")
}

func clientOptions(opts Options, comps []Component) api.BuildOptions {
	o := common(opts)
	// Production Vue reports hydration mismatches only as one console line
	// per page; with the details flag each one reaches app.config.warnHandler,
	// which the Vue adapter turns into a report (see js/vue-client.js).
	o.Define["__VUE_PROD_HYDRATION_MISMATCH_DETAILS__"] = "true"
	o.EntryPointsAdvanced = []api.EntryPoint{
		{InputPath: "ssrgate:runtime", OutputPath: "runtime"},
		{InputPath: "ssrgate:island.css", OutputPath: "island"},
	}
	for _, c := range comps {
		o.EntryPointsAdvanced = append(o.EntryPointsAdvanced, api.EntryPoint{
			InputPath: "ssrgate:client/" + c.Name, OutputPath: outputName(c.Name),
		})
	}
	o.Format = api.FormatESModule
	o.Splitting = true
	o.Platform = api.PlatformBrowser
	o.Target = api.ES2020
	o.EntryNames = "[dir]/[name]-[hash]"
	o.ChunkNames = "chunks/[name]-[hash]"
	o.Metafile = true
	if !opts.Dev {
		// Not MinifyIdentifiers here: it renames CSS-module class names in
		// this build only, so browser CSS would no longer match the
		// server's class attributes. minifyJS renames identifiers after
		// the build instead, when class names are plain strings.
		o.MinifyWhitespace, o.MinifySyntax = true, true
	}
	// Browser bundlers resolve Node built-ins the same way, so server and browser agree on them.
	o.Plugins = []api.Plugin{entriesPlugin(opts, comps, false), nodeBuiltinsPlugin(opts.Root)}
	if opts.Plugins != nil {
		o.Plugins = append(o.Plugins, opts.Plugins(false)...)
	}
	return o
}

func clientOutput(r api.BuildResult, opts Options, comps []Component) (map[string][]byte, Manifest, error) {
	if len(r.Errors) > 0 {
		return nil, Manifest{}, &Error{Stage: "client", Messages: r.Errors}
	}
	outdir := filepath.Join(opts.Root, ".ssrgate-out")
	files := make(map[string][]byte, len(r.OutputFiles))
	for _, f := range r.OutputFiles {
		rel, err := filepath.Rel(outdir, f.Path)
		if err != nil {
			return nil, Manifest{}, err
		}
		files[filepath.ToSlash(rel)] = f.Contents
	}
	if !opts.Dev {
		if err := minifyJS(files); err != nil {
			return nil, Manifest{}, err
		}
	}
	man, err := manifestFrom(r.Metafile, opts, comps)
	return files, man, err
}

type metafile struct {
	Outputs map[string]struct {
		EntryPoint string `json:"entryPoint"`
		CSSBundle  string `json:"cssBundle"`
		Imports    []struct {
			Path string `json:"path"`
			Kind string `json:"kind"`
		} `json:"imports"`
	} `json:"outputs"`
}

// manifestFrom reads esbuild's metafile: each entry output names its entry
// point, its extracted CSS bundle and the chunks it imports.
func manifestFrom(meta string, opts Options, comps []Component) (Manifest, error) {
	var m metafile
	if err := json.Unmarshal([]byte(meta), &m); err != nil {
		return Manifest{}, fmt.Errorf("read esbuild metafile: %w", err)
	}
	rel := func(p string) string { return strings.TrimPrefix(filepath.ToSlash(p), ".ssrgate-out/") }
	byEntry := map[string]Entry{}
	islandCSS := ""
	for out, info := range m.Outputs {
		if info.EntryPoint == "ssrgate:island.css" && strings.HasSuffix(out, ".css") {
			islandCSS = rel(out)
			continue
		}
		if info.EntryPoint == "" || !strings.HasSuffix(out, ".js") {
			continue
		}
		e := Entry{JS: rel(out)}
		for _, imp := range info.Imports {
			if imp.Kind == "import-statement" {
				e.Imports = append(e.Imports, rel(imp.Path))
			}
		}
		if info.CSSBundle != "" {
			e.CSS = []string{rel(info.CSSBundle)}
		}
		byEntry[strings.TrimPrefix(info.EntryPoint, "ssrgate:")] = e
	}
	man := Manifest{PublicPath: opts.PublicPath, Components: map[string]Entry{}}
	rt, ok := byEntry["runtime"]
	if !ok {
		return man, errors.New("client build: no output for the island runtime")
	}
	man.Runtime = rt.JS
	if islandCSS == "" {
		return man, errors.New("client build: no output for the island stylesheet")
	}
	man.IslandCSS = islandCSS
	for _, c := range comps {
		e, ok := byEntry["client/"+c.Name]
		if !ok {
			return man, fmt.Errorf("client build: no output for component %s", c.Name)
		}
		e.Framework = c.Framework
		man.Components[c.Name] = e
	}
	return man, nil
}

var tmpl = template.Must(template.New("").Funcs(template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}).ParseFS(jsFiles, "js/*.tmpl"))

func adapter(f Framework, server bool) string {
	if server {
		return "ssrgate:" + string(f) + "-server"
	}
	return "ssrgate:" + string(f) + "-client"
}

// entriesPlugin provides the "ssrgate:" modules: the generated server
// registry and client entries, and the adapters and island runtime, which
// are real files embedded in this package and in package island.
func entriesPlugin(opts Options, comps []Component, server bool) api.Plugin {
	byName := map[string]Component{}
	for _, c := range comps {
		byName[c.Name] = c
	}
	return api.Plugin{Name: "ssrgate", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^ssrgate:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, "ssrgate:"), Namespace: "ssrgate"}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "ssrgate"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			var buf bytes.Buffer
			switch {
			case a.Path == "registry":
				if err := registry(&buf, comps); err != nil {
					return api.OnLoadResult{}, err
				}
			case a.Path == "runtime":
				src, err := island.Source.ReadFile(island.RuntimePath)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				buf.Write(src)
			case a.Path == "reactfast":
				src, _ := reactfast.Module(opts.Root, !opts.NoReactFast)
				buf.WriteString(src)
			case a.Path == "reactfast-render":
				buf.WriteString(reactfast.RendererSource)
			case a.Path == "island.css":
				src, err := island.Source.ReadFile(island.StylesheetPath)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(src)
				return api.OnLoadResult{Contents: &s, ResolveDir: opts.Root, Loader: api.LoaderCSS}, nil
			case strings.HasPrefix(a.Path, "client/"):
				c, ok := byName[strings.TrimPrefix(a.Path, "client/")]
				if !ok {
					return api.OnLoadResult{}, fmt.Errorf("no component %s", a.Path)
				}
				err := tmpl.ExecuteTemplate(&buf, "client-entry.js.tmpl", map[string]string{
					"Path": c.Path, "Adapter": adapter(c.Framework, false),
				})
				if err != nil {
					return api.OnLoadResult{}, err
				}
			default:
				src, err := jsFiles.ReadFile(path.Join("js", a.Path+".js"))
				if err != nil {
					return api.OnLoadResult{}, fmt.Errorf("unknown module ssrgate:%s", a.Path)
				}
				buf.Write(src)
			}
			s := buf.String()
			return api.OnLoadResult{Contents: &s, ResolveDir: opts.Root, Loader: api.LoaderJS}, nil
		})
	}}
}

func registry(buf *bytes.Buffer, comps []Component) error {
	var adapters []string
	index := map[string]int{}
	compIdx := make([]int, len(comps))
	for i, c := range comps {
		a := adapter(c.Framework, true)
		if _, ok := index[a]; !ok {
			index[a] = len(adapters)
			adapters = append(adapters, a)
		}
		compIdx[i] = index[a]
	}
	return tmpl.ExecuteTemplate(buf, "registry.js.tmpl", map[string]any{
		"Adapters": adapters, "Components": comps, "AdapterIndex": compIdx,
	})
}

// reactServerPlugin points "react-dom/server" at React's legacy browser
// build: the same renderToString as Node's build, without Node built-ins.
func reactServerPlugin() api.Plugin {
	return api.Plugin{Name: "ssrgate-react-server", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^react-dom/server$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			r := b.Resolve("react-dom/package.json", api.ResolveOptions{ResolveDir: a.ResolveDir, Kind: api.ResolveJSImportStatement})
			if len(r.Errors) > 0 {
				return api.OnResolveResult{}, errors.New("react-dom is not installed: run npm install react react-dom")
			}
			return api.OnResolveResult{Path: filepath.Join(filepath.Dir(r.Path), "cjs", "react-dom-server-legacy.browser.production.js")}, nil
		})
	}}
}

// WriteTo writes the client assets and manifest.json below dir.
func (r *Result) WriteTo(dir string) error {
	for p, b := range r.Client {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
	}
	man, err := json.MarshalIndent(r.Manifest, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), append(man, '\n'), 0o644)
}

func needsSFC(comps []Component) bool {
	for _, c := range comps {
		if strings.HasSuffix(c.Path, ".vue") {
			return true
		}
	}
	return false
}

// sfcCompilers holds one Vue SFC compiler per node_modules directory for the
// life of the process: starting one costs about a quarter of a second, and
// its content-hash caches (in memory and in node_modules/.cache/ssrgate)
// make rebuilds and restarts skip unchanged files.
var sfcCompilers sync.Map // dir -> *sfcOnce

type sfcOnce struct {
	once sync.Once
	c    *vuesfc.Compiler
	err  error
}

func sfcCompiler(nodeModules string) (*vuesfc.Compiler, error) {
	v, _ := sfcCompilers.LoadOrStore(nodeModules, &sfcOnce{})
	o := v.(*sfcOnce)
	o.once.Do(func() { o.c, o.err = vuesfc.New(nodeModules) })
	if o.err != nil {
		return nil, fmt.Errorf("start the Vue SFC compiler (is @vue/compiler-sfc installed? run npm install): %w", o.err)
	}
	return o.c, nil
}
