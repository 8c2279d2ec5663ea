// Package vuesfc compiles Vue single-file components (.vue) for the bundler.
//
// At serve time there is no Node, so @vue/compiler-sfc runs inside goja: its
// self-contained browser build is bundled by esbuild into an IIFE together
// with a small driver (js/compile.js, which mirrors @vitejs/plugin-vue in
// production mode), compiled to one *goja.Program, and run in a small pool of
// runtimes. Plugin wraps the compiler as an esbuild plugin: .vue files load as
// JS or TS modules whose default export is the component, with the template
// compiled to ssrRender for the server build and to render for the client
// build, and with each <style> block imported through a virtual CSS module so
// that esbuild extracts it into the CSS bundle.
package vuesfc

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"golang.org/x/sync/singleflight"
)

//go:embed js/compile.js
var driverSource string

// driverFile names driverSource in the bundle.
const driverFile = "vuesfc/compile.js"

// globalName is the global the driver's IIFE assigns its exports to.
const globalName = "__vuesfc"

// Compiler compiles .vue files with @vue/compiler-sfc running inside goja.
//
// A Compiler is safe for concurrent use: esbuild calls plugin callbacks from
// many goroutines, and each goja runtime is used by one goroutine at a time
// (runtimes are kept in a bounded pool and share one compiled program).
// Results are cached in memory by content hash, so a rebuild does not
// recompile unchanged files; only the latest version of each file is kept,
// which bounds the cache by the number of files.
type Compiler struct {
	code    string // the driver bundle
	diskDir string // the compiled files' cache on disk; "" for none

	booted  sync.Once
	bootErr error
	program *goja.Program
	idle    chan *engine  // runtimes ready for use
	slots   chan struct{} // one token per live runtime; bounds the pool

	mu    sync.Mutex
	cache map[cacheSlot]cacheEntry

	flight   singleflight.Group
	compiles atomic.Int64 // compilations actually run, for tests and metrics
}

// cacheSlot names one file in one build flavour.
type cacheSlot struct {
	filename string
	ssr      bool
}

type cacheEntry struct {
	sum [sha256.Size]byte
	res Result
	err error
}

// engine is one goja runtime with the driver loaded.
type engine struct {
	vm      *goja.Runtime
	compile goja.Callable
}

// Result is one compiled .vue file.
type Result struct {
	// JS is an ES module whose default export is the component. In the
	// client build it imports one virtual CSS module per <style> block.
	JS string
	// CSS is the compiled CSS of all <style> blocks, scoped selectors
	// rewritten; empty when compiled for SSR, where no CSS is emitted.
	CSS string
	// Lang is "ts" when a <script> block has lang="ts", so the module must be
	// loaded with esbuild's TS loader; "js" otherwise.
	Lang string
	// Map is the source map of JS's script part as JSON (version 3), its
	// positions in the .vue file itself and its one source the file's base
	// name; empty when the file has no <script>. The template code appended
	// after the script is unmapped.
	Map string

	styles []string // CSS per <style> block, in order; CSS joins them
}

// Error is a problem the compiler found in a .vue file. It carries the
// position esbuild needs to point at the source, so that a broken template
// or script reads like any other build error.
type Error struct {
	File     string // the filename given to Compile
	Line     int    // 1-based; 0 when the compiler gave no position
	Column   int    // 0-based, in bytes
	LineText string // the source line, for esbuild's code frame
	Text     string
}

// Error formats the problem as file:line:column (1-based column, as editors
// count) so that a plain log line is clickable.
func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Text)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column+1, e.Text)
}

// New loads @vue/compiler-sfc from nodeModulesDir (the node_modules folder
// that holds @vue/compiler-sfc) and joins it with the driver into one script
// (assembleDriver), so that a missing or broken install fails here rather
// than in the middle of a build. goja compiles and starts the script (about
// a quarter of a second) on the first compile that misses the caches, or on
// Warm.
//
// Compiled files are cached in memory and in node_modules/.cache/ssrgate
// (by the content of the driver bundle, which holds the compiler, and of
// the file), so a restart with unchanged components starts no compiler.
func New(nodeModulesDir string) (*Compiler, error) {
	abs, err := filepath.Abs(nodeModulesDir)
	if err != nil {
		return nil, fmt.Errorf("vuesfc: %w", err)
	}
	if _, err := os.Stat(filepath.Join(abs, "@vue", "compiler-sfc", "package.json")); err != nil {
		return nil, fmt.Errorf("vuesfc: @vue/compiler-sfc not found in %s: %w", abs, err)
	}
	cacheDir := filepath.Join(abs, ".cache", "ssrgate")
	code, err := driver(abs, cacheDir)
	if err != nil {
		return nil, err
	}
	return newCompiler(code, outputCacheDir(cacheDir, code)), nil
}

// newCompiler is a Compiler for a driver bundle, not started yet.
func newCompiler(code, diskDir string) *Compiler {
	size := min(runtime.GOMAXPROCS(0), 4)
	return &Compiler{
		code:    code,
		diskDir: diskDir,
		idle:    make(chan *engine, size),
		slots:   make(chan struct{}, size),
		cache:   make(map[cacheSlot]cacheEntry),
	}
}

// Warm starts the compiler in the background if it has not started, for a
// process that will compile soon (a dev server waiting for the first edit).
func (c *Compiler) Warm() { go c.boot() }

// boot compiles the driver bundle and starts the first runtime, once.
func (c *Compiler) boot() error {
	c.booted.Do(func() {
		program, err := goja.Compile("vuesfc-compiler.js", c.code, false)
		if err != nil {
			c.bootErr = fmt.Errorf("vuesfc: compile compiler-sfc bundle: %w", err)
			return
		}
		c.program = program
		c.slots <- struct{}{}
		e, err := c.newEngine()
		if err != nil {
			<-c.slots
			c.bootErr = err
			return
		}
		c.idle <- e
	})
	return c.bootErr
}

// driver returns the driver bundle: from cacheDir when its inputs are
// unchanged (diskcache.go), else assembled (or, for a compiler whose file
// layout assembleDriver does not know, bundled) and stored there.
func driver(nodeModulesDir, cacheDir string) (string, error) {
	if code, ok := cachedDriver(nodeModulesDir, cacheDir); ok {
		return code, nil
	}
	code, inputs, err := assembleDriver(nodeModulesDir)
	if err == errNoAssembly {
		code, inputs, err = bundleDriver(nodeModulesDir)
	}
	if err != nil {
		return "", err
	}
	storeDriver(nodeModulesDir, cacheDir, code, inputs)
	return code, nil
}

// browserBuild is @vue/compiler-sfc's self-contained browser build, the file
// its "import"/"module" export conditions choose, relative to node_modules.
const browserBuild = "@vue/compiler-sfc/dist/compiler-sfc.esm-browser.js"

var errNoAssembly = errors.New("vuesfc: the compiler's browser build is not laid out as assembleDriver expects")

// exportList is the browser build's one export statement, at its end.
var exportList = regexp.MustCompile(`\nexport \{([^}]*)\};\s*$`)

// assembleDriver is bundleDriver without esbuild reading the compiler: the
// browser build is one ES module with no imports and a single export
// statement at its end, so wrapping it in a function that returns its
// exports makes it a script, and only the small driver goes through
// esbuild. Parsing and printing 1.7 MB with esbuild was about 0.2 s of every
// first start. goja takes the build's syntax as it is (TestDriverAssembled
// checks that the installed compiler is assembled, the parity and golden
// tests that it compiles as in Node).
func assembleDriver(nodeModulesDir string) (code string, inputs []string, err error) {
	src, err := os.ReadFile(filepath.Join(nodeModulesDir, filepath.FromSlash(browserBuild)))
	if err != nil {
		return "", nil, errNoAssembly
	}
	body := string(src)
	m := exportList.FindStringSubmatchIndex(body)
	if m == nil {
		return "", nil, errNoAssembly
	}
	var fields []string
	for _, spec := range strings.Split(body[m[2]:m[3]], ",") {
		local, exported, found := strings.Cut(strings.TrimSpace(spec), " as ")
		if !found {
			exported = local
		}
		if local == "" {
			continue
		}
		fields = append(fields, strconv.Quote(strings.TrimSpace(exported))+": "+strings.TrimSpace(local))
	}
	res := api.Build(api.BuildOptions{
		Stdin:      driverStdin(nodeModulesDir),
		Bundle:     true,
		External:   []string{"@vue/compiler-sfc"},
		Format:     api.FormatIIFE,
		GlobalName: globalName,
		Platform:   api.PlatformNeutral,
		Target:     api.ES2017,
		LogLevel:   api.LogLevelSilent,
		Write:      false,
	})
	if len(res.Errors) > 0 {
		return "", nil, fmt.Errorf("vuesfc: bundle the driver: %s", formatMessages(res.Errors))
	}
	var b strings.Builder
	b.WriteString("var __vuesfcCompiler = (function () {\n")
	b.WriteString(body[:m[0]])
	b.WriteString("\nreturn {" + strings.Join(fields, ", ") + "};\n})();\n")
	b.WriteString("var require = function (name) {\n  if (name === \"@vue/compiler-sfc\") return __vuesfcCompiler;\n  throw new Error(\"vuesfc: the driver imports \" + name);\n};\n")
	b.Write(res.OutputFiles[0].Contents)
	return b.String(), []string{"@vue/compiler-sfc/package.json", browserBuild}, nil
}

// driverStdin is js/compile.js as esbuild's entry point.
func driverStdin(nodeModulesDir string) *api.StdinOptions {
	return &api.StdinOptions{Contents: driverSource, ResolveDir: nodeModulesDir, Sourcefile: driverFile, Loader: api.LoaderJS}
}

// bundleDriver bundles js/compile.js with @vue/compiler-sfc's browser build
// (chosen by the package's "import"/"module" export conditions; it has no
// imports of its own) into one IIFE script for goja. inputs are the files it
// read, relative to nodeModulesDir.
func bundleDriver(nodeModulesDir string) (code string, inputs []string, err error) {
	res := api.Build(api.BuildOptions{
		Stdin:      driverStdin(nodeModulesDir),
		NodePaths:  []string{nodeModulesDir},
		Bundle:     true,
		Format:     api.FormatIIFE,
		GlobalName: globalName,
		Platform:   api.PlatformNeutral,
		MainFields: []string{"module", "main"},
		// goja lacks some newer syntax; ES2017 is what the server bundle uses.
		Target:           api.ES2017,
		MinifyWhitespace: true,
		MinifySyntax:     true,
		LegalComments:    api.LegalCommentsNone,
		Define:           map[string]string{"process.env.NODE_ENV": `"production"`},
		LogLevel:         api.LogLevelSilent,
		Write:            false,
		AbsWorkingDir:    nodeModulesDir,
		Metafile:         true,
	})
	if len(res.Errors) > 0 {
		return "", nil, fmt.Errorf("vuesfc: bundle compiler-sfc: %s", formatMessages(res.Errors))
	}
	if len(res.OutputFiles) != 1 {
		return "", nil, fmt.Errorf("vuesfc: bundle compiler-sfc: %d output files, want 1", len(res.OutputFiles))
	}
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return "", nil, fmt.Errorf("vuesfc: bundle compiler-sfc: metafile: %w", err)
	}
	// The package.json chose the file through its export conditions.
	inputs = []string{"@vue/compiler-sfc/package.json"}
	for in := range meta.Inputs {
		if in != driverFile {
			inputs = append(inputs, in)
		}
	}
	return string(res.OutputFiles[0].Contents), inputs, nil
}

func formatMessages(msgs []api.Message) string {
	parts := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if m.Location != nil {
			parts = append(parts, fmt.Sprintf("%s:%d:%d: %s", m.Location.File, m.Location.Line, m.Location.Column, m.Text))
		} else {
			parts = append(parts, m.Text)
		}
	}
	return strings.Join(parts, "; ")
}

// newEngine starts a runtime and runs the compiled program in it. The caller
// holds a slot.
func (c *Compiler) newEngine() (*engine, error) {
	vm := goja.New()
	// The compiler warns through console (deprecations, tips); the driver
	// reports what matters as errors, so warnings are dropped.
	console := vm.NewObject()
	noop := func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	for _, name := range []string{"log", "info", "warn", "error", "debug", "trace"} {
		if err := console.Set(name, noop); err != nil {
			return nil, err
		}
	}
	if err := vm.Set("console", console); err != nil {
		return nil, err
	}
	// Without atob the compiler decodes its HTML-entity table through a
	// Buffer polyfill that builds a string one character at a time, which
	// costs goja (no ropes) about a second per runtime.
	if err := vm.Set("atob", func(call goja.FunctionCall) goja.Value {
		b, err := atob(call.Argument(0).String())
		if err != nil {
			panic(vm.NewTypeError("atob: %v", err))
		}
		return vm.ToValue(b)
	}); err != nil {
		return nil, err
	}
	if _, err := vm.RunProgram(c.program); err != nil {
		return nil, fmt.Errorf("vuesfc: load compiler-sfc: %w", err)
	}
	exports := vm.Get(globalName)
	if exports == nil || goja.IsUndefined(exports) {
		return nil, errors.New("vuesfc: load compiler-sfc: driver exports missing")
	}
	fn, ok := goja.AssertFunction(exports.ToObject(vm).Get("compile"))
	if !ok {
		return nil, errors.New("vuesfc: load compiler-sfc: compile is not a function")
	}
	return &engine{vm: vm, compile: fn}, nil
}

// acquire returns an idle runtime, starting a new one while the pool has
// room, or waits for one to be released.
func (c *Compiler) acquire() (*engine, error) {
	if err := c.boot(); err != nil {
		return nil, err
	}
	select {
	case e := <-c.idle:
		return e, nil
	default:
	}
	select {
	case e := <-c.idle:
		return e, nil
	case c.slots <- struct{}{}:
		e, err := c.newEngine()
		if err != nil {
			<-c.slots
			return nil, err
		}
		return e, nil
	}
}

// release returns a healthy runtime to the pool; a runtime whose call
// failed in Go terms (an exception escaped the driver) is dropped, since its
// state is unknown, and its slot freed for a fresh one.
func (c *Compiler) release(e *engine, healthy bool) {
	if healthy {
		c.idle <- e
		return
	}
	<-c.slots
}

// scopeID returns the short id used in scoped-style attributes
// (data-v-<id>) for a file. It depends only on the filename, so the server
// and client builds, which compile the same file separately, agree on it.
func scopeID(filename string) string {
	sum := sha256.Sum256([]byte(filepath.ToSlash(filename)))
	return hex.EncodeToString(sum[:4])
}

// Compile compiles one .vue file for the server (ssr) or the client build.
// filename should be stable across machines and builds, such as the path
// relative to the project root (Plugin passes that), because the scoped-style
// id is derived from it. Compile errors are returned as *Error (several are
// joined with errors.Join). Results, failures included, are cached by
// sha256(filename, source, ssr).
func (c *Compiler) Compile(filename, source string, ssr bool) (Result, error) {
	filename = filepath.ToSlash(filename)
	sum := contentKey(filename, source, ssr)
	slot := cacheSlot{filename, ssr}
	c.mu.Lock()
	if e, ok := c.cache[slot]; ok && e.sum == sum {
		c.mu.Unlock()
		return e.res, e.err
	}
	c.mu.Unlock()

	v, err, _ := c.flight.Do(string(sum[:]), func() (any, error) {
		res, err := c.compile(filename, source, ssr, sum)
		var cerr *Error
		if err == nil || errors.As(err, &cerr) {
			c.mu.Lock()
			c.cache[slot] = cacheEntry{sum: sum, res: res, err: err}
			c.mu.Unlock()
		}
		return res, err
	})
	return v.(Result), err
}

func contentKey(filename, source string, ssr bool) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(filename))
	h.Write([]byte{0})
	h.Write([]byte(source))
	if ssr {
		h.Write([]byte{0, 1})
	} else {
		h.Write([]byte{0, 0})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// driverOutput is what compile.js returns, as JSON.
type driverOutput struct {
	JS     string   `json:"js"`
	Map    string   `json:"map"`
	Lang   string   `json:"lang"`
	Styles []string `json:"styles"`
	Errors []struct {
		Message string `json:"message"`
		Offset  int    `json:"offset"` // UTF-16 index into the source, -1 if unknown
	} `json:"errors"`
}

func (c *Compiler) compile(filename, source string, ssr bool, sum [sha256.Size]byte) (Result, error) {
	raw, ok := c.loadOutput(sum)
	if !ok {
		c.compiles.Add(1)
		e, err := c.acquire()
		if err != nil {
			return Result{}, err
		}
		vm := e.vm
		out, err := e.compile(goja.Undefined(), vm.ToValue(filename), vm.ToValue(source), vm.ToValue(scopeID(filename)), vm.ToValue(ssr))
		if err != nil {
			c.release(e, false)
			return Result{}, fmt.Errorf("vuesfc: compile %s: %w", filename, err)
		}
		raw = out.String()
		c.release(e, true)
		c.storeOutput(sum, raw)
	}

	var d driverOutput
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return Result{}, fmt.Errorf("vuesfc: compile %s: decode driver output: %w", filename, err)
	}
	if len(d.Errors) > 0 {
		errs := make([]error, 0, len(d.Errors))
		for _, m := range d.Errors {
			ce := &Error{File: filename, Text: m.Message}
			if m.Offset >= 0 {
				ce.Line, ce.Column, ce.LineText = position(source, m.Offset)
			}
			errs = append(errs, ce)
		}
		return Result{}, errors.Join(errs...)
	}
	return Result{JS: d.JS, CSS: strings.Join(d.Styles, "\n"), Lang: d.Lang, Map: d.Map, styles: d.Styles}, nil
}

// position converts a UTF-16 offset (JS string index) into a 1-based line, a
// 0-based byte column, and the text of that line.
func position(source string, offset16 int) (line, col int, lineText string) {
	line = 1
	lineStart := 0
	units := 0
	i := 0
	for i < len(source) && units < offset16 {
		r, size := utf8.DecodeRuneInString(source[i:])
		if r == '\n' {
			line++
			lineStart = i + size
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		i += size
	}
	end := strings.IndexByte(source[lineStart:], '\n')
	if end < 0 {
		end = len(source) - lineStart
	}
	lineText = strings.TrimSuffix(source[lineStart:lineStart+end], "\r")
	return line, i - lineStart, lineText
}

// atob decodes base64 like the browser's atob: ASCII whitespace is ignored,
// padding is optional, and each byte becomes one character (U+0000–U+00FF).
func atob(in string) (string, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			return -1
		}
		return r
	}, in)
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
	if err != nil {
		return "", err
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r), nil
}
