package ssr

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
	"sync/atomic"

	"github.com/gin-gonic/gin"

	"github.com/ssrgate/ssrgate/internal/island"
)

// Wiring mistakes make pages that look fine and never hydrate: the markers
// of {{ ssrHead }} and {{ ssrScripts }} left in the page, or islands without
// the runtime script. They are logged once per template with what to do;
// with Config.Strict (ssrgate --strict and --dev) the page shows them too.

// unfinishedNote is what {{ ssrScripts }} adds, in strict mode, in a page
// executed without request state (t.Execute, Gin's debug renderer). Finish
// removes it; a page that shows it was never finished.
const unfinishedNote = `<p role="alert" data-ssrgate-warning>ssrgate: this page was not finished, so its islands will not hydrate. ` +
	`With Gin, set r.HTMLRender = engine.HTMLRender(r.HTMLRender) after r.LoadHTMLGlob (which replaces r.HTMLRender); ` +
	`otherwise execute pages with Engine.Execute or pass them through Engine.Finish.</p>`

// unfinishedAfter is how many markers may be printed by directly executed
// templates, with no page finished at all, before ssrgate says so. It is
// above any plausible number of first requests in flight at once.
const unfinishedAfter = 32

// wiring detects the mistakes. Its zero value is ready.
type wiring struct {
	gin        atomic.Pointer[gin.Engine] // the router Mount was given, if a *gin.Engine
	ginChecked atomic.Bool

	markers    atomic.Int64 // markers printed by directly executed templates
	finished   atomic.Int64 // pages finished by scanning
	unfinished atomic.Bool  // logged

	mu     sync.Mutex
	warned map[wiringKey]bool
}

type wiringKey struct {
	t    *template.Template
	name string
	what string
}

// maxWarned bounds the templates remembered as warned about.
const maxWarned = 1024

// unboundMarker is called by the template functions of a page executed
// without request state (FuncMap's ssrHead and ssrScripts).
func (e *Engine) unboundMarker() {
	w := &e.wiring
	n := w.markers.Add(1)
	// Checked once a page or so later than its first marker: a renderer of
	// the application's that wraps the engine's (and so finishes pages) is
	// not an error, and by then it has finished one.
	if n >= 3 && !w.ginChecked.Load() && w.finished.Load() == 0 {
		if g := w.gin.Load(); g != nil && w.ginChecked.CompareAndSwap(false, true) {
			if _, ok := g.HTMLRender.(htmlRender); !ok {
				e.log.Error("ssrgate: Gin renders pages with its own HTMLRender, not the engine's, so they keep ssrgate's markers and no island hydrates; "+
					"set r.HTMLRender = engine.HTMLRender(r.HTMLRender) after r.LoadHTMLGlob (LoadHTMLGlob replaces r.HTMLRender)",
					"renderer", typeName(g.HTMLRender))
			}
		}
	}
	if n >= unfinishedAfter && w.finished.Load() == 0 && w.unfinished.CompareAndSwap(false, true) {
		e.log.Error("ssrgate: pages were executed with the engine's template functions but never finished: they keep ssrgate's markers and no island hydrates; "+
			"execute them with Engine.Execute, or pass the output through Engine.Finish (with Gin: r.HTMLRender = engine.HTMLRender(r.HTMLRender) after r.LoadHTMLGlob)",
			"markers", w.markers.Load())
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// checkPage looks at what a finished page has: its islands and whether it
// printed {{ ssrHead }} and {{ ssrScripts }}. A problem is logged once per
// template (t, name); in strict mode the returned note is appended to the
// page so the developer sees it.
func (e *Engine) checkPage(t *template.Template, name string, islands []island.Found, hasHead, hasScripts bool) string {
	if len(islands) == 0 {
		return ""
	}
	needJS := false
	for _, f := range islands {
		if f.Strategy != island.Static {
			needJS = true
			break
		}
	}
	var notes bytes.Buffer
	if needJS && !hasScripts {
		const msg = "the page has islands that need JavaScript but no {{ ssrScripts }}, so nothing hydrates; add {{ ssrScripts }} before </body>"
		e.warnOnce(t, name, "scripts", msg, islands[0].Component)
		if e.cfg.Strict {
			notes.WriteString(`<p role="alert" data-ssrgate-warning>ssrgate: ` + template.HTMLEscapeString(msg) + `.</p>`)
		}
	}
	if !hasHead {
		const msg = "the page has islands but no {{ ssrHead }}, so their stylesheets (and the island wrapper's display:contents) are missing; add {{ ssrHead }} in <head>"
		e.warnOnce(t, name, "head", msg, islands[0].Component)
		if e.cfg.Strict {
			notes.WriteString(`<p role="alert" data-ssrgate-warning>ssrgate: ` + template.HTMLEscapeString(msg) + `.</p>`)
		}
	}
	return notes.String()
}

func (e *Engine) warnOnce(t *template.Template, name, what, msg, component string) {
	w := &e.wiring
	k := wiringKey{t, name, what}
	w.mu.Lock()
	if w.warned == nil {
		w.warned = map[wiringKey]bool{}
	}
	seen := w.warned[k]
	if !seen && len(w.warned) < maxWarned {
		w.warned[k] = true
	}
	w.mu.Unlock()
	if seen {
		return
	}
	tmpl := name
	if tmpl == "" && t != nil {
		tmpl = t.Name()
	}
	e.log.Error("ssrgate: "+msg, "template", tmpl, "first_island", component)
}
