package ssr

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ssrgate/ssrgate/internal/bundle"
)

// devPrefix is the path below Config.PublicPath where dev mode serves its
// browser client (client.js) and event stream (events). Hashed build
// outputs never start with "_".
const devPrefix = "__dev/"

// devDebounce is how long the watcher waits after the last change of a
// burst (an editor's save, a git checkout) before rebuilding.
const devDebounce = 80 * time.Millisecond

//go:embed js/dev-client.js
var devClientJS []byte

// devServer is dev mode: it watches the sources, rebuilds and swaps in new
// generations, and tells the open pages through server-sent events.
type devServer struct {
	e       *Engine
	builder *bundle.Builder // used only by the watch loop
	watcher *fsnotify.Watcher
	compDir string // absolute
	root    string // absolute

	mu      sync.Mutex
	groups  []*devGroup
	errs    map[string][]devError // by source: "components" or a group's first path
	version int                   // counts good rebuilds; see versionTag
	clients map[chan devEvent]struct{}
	stopped bool
	start   string // process start, so versions differ across restarts

	done chan struct{}
	wg   sync.WaitGroup
}

// devGroup is a set of watched paths outside the components directory
// (templates), with the function that reloads them.
type devGroup struct {
	paths  []string // absolute
	reload func() error
}

// devEvent is one message to the open pages.
type devEvent struct {
	Type    string            `json:"type"` // hello, reload, css, errors
	Version string            `json:"version"`
	Changed []string          `json:"changed,omitempty"`
	CSS     map[string]string `json:"css,omitempty"` // old stylesheet URL -> new
	Errors  []devError        `json:"errors"`
}

func startDev(e *Engine, b *bundle.Builder) (*devServer, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("dev mode: start the file watcher: %w", err)
	}
	comp, _ := filepath.Abs(e.cfg.ComponentsDir)
	root, _ := filepath.Abs(e.cfg.Root)
	d := &devServer{e: e, builder: b, watcher: w, compDir: comp, root: root,
		errs: map[string][]devError{}, clients: map[chan devEvent]struct{}{},
		start: strconv.FormatInt(time.Now().UnixNano(), 36), done: make(chan struct{})}
	if err := d.addTree(comp); err != nil {
		w.Close()
		return nil, fmt.Errorf("dev mode: watch %s: %w", e.cfg.ComponentsDir, err)
	}
	// package.json and the lock file are watched through their directory:
	// editors and npm replace files by renaming, which ends a file watch.
	if err := w.Add(root); err != nil {
		w.Close()
		return nil, fmt.Errorf("dev mode: watch %s: %w", e.cfg.Root, err)
	}
	for _, p := range e.cfg.DevWatch {
		if err := d.watch(nil, p); err != nil {
			w.Close()
			return nil, err
		}
	}
	d.wg.Add(1)
	go d.loop()
	e.log.Info("dev: watching for changes", "components", d.display(comp), "packages", d.display(filepath.Join(root, "package.json")))
	return d, nil
}

// brokenAtStart records a build error of the first build: the pages show it
// until a save fixes it.
func (d *devServer) brokenAtStart(err error) {
	d.setErrs("components", err)
	for _, de := range d.currentErrs() {
		d.e.log.Error("dev: " + de.Kind + " error: " + de.location() + de.Message + " (fix it and save: dev mode rebuilds)")
	}
}

// WatchDev, in dev mode, watches more files or directories (recursively)
// whose changes should reach the open pages, such as a templates directory.
// After a burst of changes reload runs (if not nil); an error it returns
// is shown in the pages' error overlay and the terminal until a later run
// succeeds; then the open pages reload. Outside dev mode it does nothing.
// The standalone server uses it for its templates.
func (e *Engine) WatchDev(reload func() error, paths ...string) error {
	if e.dev == nil {
		return nil
	}
	for _, p := range paths {
		if err := e.dev.watch(reload, p); err != nil {
			return err
		}
	}
	return nil
}

func (d *devServer) watch(reload func() error, p string) error {
	abs, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return fmt.Errorf("dev mode: watch %s: %w", p, err)
	}
	if fi.IsDir() {
		err = d.addTree(abs)
	} else {
		err = d.watcher.Add(filepath.Dir(abs))
	}
	if err != nil {
		return fmt.Errorf("dev mode: watch %s: %w", p, err)
	}
	d.mu.Lock()
	d.groups = append(d.groups, &devGroup{paths: []string{abs}, reload: reload})
	d.mu.Unlock()
	d.e.log.Info("dev: watching for changes", "path", d.display(abs))
	return nil
}

// addTree watches dir and every directory below it, except node_modules
// and hidden ones (fsnotify watches are not recursive).
func (d *devServer) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking
			}
			return err
		}
		if !de.IsDir() {
			return nil
		}
		if p != dir && (de.Name() == "node_modules" || strings.HasPrefix(de.Name(), ".")) {
			return filepath.SkipDir
		}
		return d.watcher.Add(p)
	})
}

// StopDev ends dev mode's file watching and the open pages' event streams,
// which otherwise keep an http.Server's Shutdown waiting; pass it to
// http.Server.RegisterOnShutdown. It does nothing outside dev mode. Close
// calls it.
func (e *Engine) StopDev() {
	if e.dev != nil {
		e.dev.close()
	}
}

func (d *devServer) close() {
	d.mu.Lock()
	if d.stopped {
		d.mu.Unlock()
		return
	}
	d.stopped = true
	for c := range d.clients {
		close(c)
		delete(d.clients, c)
	}
	d.mu.Unlock()
	close(d.done)
	d.watcher.Close()
	d.wg.Wait()
	d.builder.Close()
}

// loop collects changes and rebuilds once a burst is over.
func (d *devServer) loop() {
	defer d.wg.Done()
	changed := map[string]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-d.done:
			if timer != nil {
				timer.Stop()
			}
			return
		case ev, ok := <-d.watcher.Events:
			if !ok {
				return
			}
			if !d.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					d.addTree(ev.Name) // a new directory: watch it and what is already inside
				}
			}
			changed[ev.Name] = true
			if timer == nil {
				timer = time.NewTimer(devDebounce)
			} else {
				timer.Reset(devDebounce)
			}
			fire = timer.C
		case err, ok := <-d.watcher.Errors:
			if !ok {
				return
			}
			d.e.log.Warn("dev mode: file watcher", "err", err)
		case <-fire:
			fire = nil
			paths := make([]string, 0, len(changed))
			for p := range changed {
				paths = append(paths, p)
			}
			clear(changed)
			sort.Strings(paths)
			d.rebuild(paths)
		}
	}
}

// relevant filters watcher events: in the root directory only package.json
// and the lock file count; editors' swap and backup files never do.
func (d *devServer) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasPrefix(base, "#") {
		return false
	}
	if d.isComponent(ev.Name) || d.isPackageFile(ev.Name) {
		return true
	}
	return d.groupOf(ev.Name) != nil
}

func (d *devServer) isComponent(p string) bool { return within(d.compDir, p) }

func (d *devServer) isPackageFile(p string) bool {
	return filepath.Dir(p) == d.root && (filepath.Base(p) == "package.json" || filepath.Base(p) == "package-lock.json")
}

func (d *devServer) groupOf(p string) *devGroup {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, g := range d.groups {
		for _, gp := range g.paths {
			if p == gp || within(gp, p) {
				return g
			}
		}
	}
	return nil
}

// within reports whether p is below dir.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// rebuild handles one burst of changes: it rebuilds the components if any
// of them (or package.json) changed, reloads the watch groups whose files
// changed, and tells the pages.
func (d *devServer) rebuild(paths []string) {
	start := time.Now()
	var comps, pkg bool
	groups := map[*devGroup]bool{}
	for _, p := range paths {
		switch {
		case d.isComponent(p):
			comps = true
		case d.isPackageFile(p):
			comps, pkg = true, true
		default:
			if g := d.groupOf(p); g != nil {
				groups[g] = true
			}
		}
	}
	var css map[string]string
	cssOnly := false
	if comps {
		if pkg {
			d.builder.Close() // new packages: start esbuild from scratch
		}
		old := d.e.gen.Load()
		g, err := d.build()
		d.setErrs("components", err)
		if err == nil {
			g.prevAssets = old.assets
			d.e.swap(g)
			css, cssOnly = cssSwap(old.build, g.build, d.e.cfg.PublicPath)
		}
	}
	for g := range groups {
		if g.reload == nil {
			continue
		}
		d.setErrs(g.paths[0], g.reload())
	}
	var rel []string
	for _, p := range paths {
		// Leave out editors' and sed's temporary files: gone by now, and
		// without an extension.
		if _, err := os.Stat(p); err != nil && filepath.Ext(p) == "" {
			continue
		}
		rel = append(rel, d.display(p))
	}
	took := time.Since(start).Round(time.Millisecond)
	errs := d.currentErrs()
	if len(errs) > 0 {
		for _, de := range errs {
			d.e.log.Error("dev: "+de.Kind+" error: "+de.location()+de.Message, "changed", strings.Join(rel, " "), "took", took)
		}
		d.broadcast(devEvent{Type: "errors", Errors: errs})
		return
	}
	d.mu.Lock()
	d.version++
	d.mu.Unlock()
	ev := devEvent{Type: "reload", Version: d.versionTag(), Changed: rel}
	what := "reloading pages"
	if cssOnly && len(groups) == 0 {
		ev.Type, ev.CSS, what = "css", css, "stylesheets swapped"
	}
	d.e.log.Info("dev: rebuilt in "+took.String()+": "+strings.Join(rel, " ")+" ("+what+")", "build", d.e.BuildID())
	d.broadcast(ev)
}

// build makes a new generation from the current sources.
func (d *devServer) build() (*generation, error) {
	res, err := d.builder.Build()
	if err != nil {
		return nil, err
	}
	return newGeneration(d.e.cfg, res)
}

// cssSwap reports whether a rebuild changed only stylesheets (the server
// bundle and every browser script are the same), and then maps each
// changed stylesheet's old URL to its new one.
func cssSwap(old, cur *bundle.Result, pub string) (map[string]string, bool) {
	if old.Server != cur.Server || len(old.Client) != len(cur.Client) {
		return nil, false
	}
	for name, b := range cur.Client {
		if strings.HasSuffix(name, ".css") {
			continue
		}
		if ob, ok := old.Client[name]; !ok || !bytes.Equal(ob, b) {
			return nil, false
		}
	}
	swap := map[string]string{}
	for name, ne := range cur.Manifest.Components {
		oe := old.Manifest.Components[name]
		if len(oe.CSS) != len(ne.CSS) {
			return nil, false
		}
		for i := range ne.CSS {
			if oe.CSS[i] != ne.CSS[i] {
				swap[pub+oe.CSS[i]] = pub + ne.CSS[i]
			}
		}
	}
	return swap, len(swap) > 0
}

// display shortens p for the terminal: relative to the working directory
// when below it.
func (d *devServer) display(p string) string { return d.e.display(p) }

func (d *devServer) setErrs(source string, err error) {
	var errs []devError
	if err != nil {
		errs = d.e.describe(err) // before locking: describe reads the groups
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err == nil {
		delete(d.errs, source)
		return
	}
	d.errs[source] = errs
}

func (d *devServer) currentErrs() []devError {
	d.mu.Lock()
	defer d.mu.Unlock()
	keys := make([]string, 0, len(d.errs))
	for k := range d.errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []devError
	for _, k := range keys {
		out = append(out, d.errs[k]...)
	}
	return out
}

// versionTag names the state of the sources the pages were rendered from:
// it changes with every good rebuild and with every restart.
func (d *devServer) versionTag() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.start + "." + strconv.Itoa(d.version)
}

func (d *devServer) broadcast(ev devEvent) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for c := range d.clients {
		select {
		case c <- ev:
		default: // a stalled page misses this event; its reconnect hello catches it up
		}
	}
}

// ServeHTTP serves client.js and the event stream.
func (d *devServer) ServeHTTP(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "client.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(devClientJS)
	case "events":
		d.events(w, r)
	default:
		http.NotFound(w, r)
	}
}

// events is the server-sent event stream of one open page. It starts with
// a hello that carries the current version and errors, so a page that
// missed a rebuild (it loaded during one, or the server restarted) learns
// of it.
func (d *devServer) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan devEvent, 16)
	d.mu.Lock()
	if d.stopped {
		d.mu.Unlock()
		http.Error(w, "dev mode stopped", http.StatusServiceUnavailable)
		return
	}
	d.clients[c] = struct{}{}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		if _, ok := d.clients[c]; ok {
			delete(d.clients, c)
		}
		d.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	send := func(ev devEvent) bool {
		b, _ := json.Marshal(ev)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Type, b); err != nil {
			return false
		}
		fl.Flush()
		return true
	}
	if !send(devEvent{Type: "hello", Version: d.versionTag(), Errors: d.currentErrs()}) {
		return
	}
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case ev, ok := <-c:
			if !ok || !send(ev) {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// clientTag is the script element pages get in dev mode.
// nonce, if not "", is the page's CSP nonce.
func (d *devServer) clientTag(nonce string) string {
	n := ""
	if nonce != "" {
		n = ` nonce="` + nonce + `"`
	}
	return `<script type="module" src="` + d.e.cfg.PublicPath + devPrefix + `client.js" data-version="` + d.versionTag() + `"` + n + `></script>`
}

// WriteDevError writes, in dev mode, the page for a request that failed
// with err: an HTML page whose error overlay shows the error with its file,
// line, code frame and mapped stack, and whose dev client reloads it after
// the next good build. It reports whether it wrote anything; outside dev
// mode it writes nothing and returns false, so nothing of the error reaches
// browsers. The error is the caller's to log.
func (e *Engine) WriteDevError(w http.ResponseWriter, status int, err error) bool {
	if e.dev == nil {
		return false
	}
	// A broken build comes first: it is likely why the page failed.
	errs := append(e.dev.currentErrs(), e.describe(err)...)
	b, _ := json.Marshal(errs)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	var sb strings.Builder
	sb.WriteString("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
	sb.WriteString(template.HTMLEscapeString(errs[0].Kind + " error"))
	sb.WriteString("</title></head><body><h1>")
	sb.WriteString(strconv.Itoa(status))
	sb.WriteString("</h1><pre>")
	for _, de := range errs {
		sb.WriteString(template.HTMLEscapeString(de.location() + de.Message + "\n" + de.Frame + "\n" + de.Stack + "\n"))
	}
	sb.WriteString("</pre><script type=\"application/json\" id=\"ssrgate-dev-errors\">")
	sb.Write(b) // json.Marshal escapes <, >, &, U+2028 and U+2029
	sb.WriteString("</script>")
	sb.WriteString(e.dev.clientTag(""))
	sb.WriteString("</body></html>")
	w.Write([]byte(sb.String()))
	return true
}

// devTag adds the dev client's script element to a page in dev mode: to
// scriptTags when the page has the {{ ssrScripts }} marker, else it is
// returned for the end of the page.
func (e *Engine) devTag(marker bool, scriptTags *bytes.Buffer, nonce string) []byte {
	if e.dev == nil {
		return nil
	}
	if marker {
		scriptTags.WriteString(e.dev.clientTag(nonce))
		return nil
	}
	return []byte(e.dev.clientTag(nonce))
}
