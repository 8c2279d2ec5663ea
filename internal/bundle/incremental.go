package bundle

import (
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/reactfast"
)

// Builder builds one components directory repeatedly, as development mode
// does on every save. While the set of components stays the same it reuses
// esbuild's build contexts, so a rebuild re-parses only the files that
// changed (esbuild keeps the ASTs of unchanged files; the Vue SFC compiler
// keeps its output by content hash). A component added, removed or switching
// framework changes the entry points, so the contexts are made anew.
//
// A Builder is for one goroutine at a time. Close releases esbuild's state.
type Builder struct {
	opts   Options
	err    error // from Options.fill, reported by Build
	key    string
	comps  []Component
	sopts  Options // opts with the framework plugins of comps
	server api.BuildContext
	client api.BuildContext
}

// NewBuilder returns a Builder for opts. Nothing is built until Build.
func NewBuilder(opts Options) *Builder {
	b := &Builder{opts: opts}
	b.err = b.opts.fill()
	return b
}

// Build discovers the components and bundles them for server and browser.
func (b *Builder) Build() (*Result, error) {
	if b.err != nil {
		return nil, b.err
	}
	comps, err := Discover(b.opts.ComponentsDir)
	if err != nil {
		return nil, err
	}
	if len(comps) == 0 {
		return nil, errNoComponents(b.opts.ComponentsDir)
	}
	if key := componentsKey(comps); key != b.key || b.server == nil {
		b.dispose()
		sopts, err := withSFC(b.opts, comps)
		if err != nil {
			return nil, err
		}
		server, cerr := api.Context(serverOptions(sopts, comps))
		if cerr != nil {
			return nil, &Error{Stage: "server", Messages: cerr.Errors}
		}
		client, cerr := api.Context(clientOptions(sopts, comps))
		if cerr != nil {
			server.Dispose()
			return nil, &Error{Stage: "client", Messages: cerr.Errors}
		}
		b.key, b.comps, b.sopts, b.server, b.client = key, comps, sopts, server, client
	}
	res := &Result{Components: b.comps, root: b.sopts.Root}
	_, res.ReactFastOff = reactfast.Module(b.sopts.Root, !b.sopts.NoReactFast)
	sr := b.server.Rebuild()
	if len(sr.Errors) > 0 {
		// The templates' rewrite (package jsxtpl) reprints the modules it
		// compiles: build once without it, so that the messages point at the
		// components' own lines, and so that a module the rewrite broke
		// still builds.
		o := b.sopts
		o.noTemplates = true
		plain := api.Build(serverOptions(o, b.comps))
		if len(plain.Errors) == 0 {
			res.TemplatesOff = FormatMessage(sr.Errors[0])
		}
		sr = plain
	}
	if res.Server, res.serverMeta, err = serverOutput(sr); err != nil {
		return nil, err
	}
	if res.Client, res.Manifest, err = clientOutput(b.client.Rebuild(), b.sopts, b.comps); err != nil {
		return nil, err
	}
	res.BuildID = buildID(res)
	res.Manifest.BuildID = res.BuildID
	return res, nil
}

// Close releases esbuild's incremental state. The Builder may be used again
// afterwards; its next Build starts from scratch.
func (b *Builder) Close() { b.dispose() }

func (b *Builder) dispose() {
	if b.server != nil {
		b.server.Dispose()
	}
	if b.client != nil {
		b.client.Dispose()
	}
	b.server, b.client, b.key = nil, nil, ""
}

// componentsKey identifies a set of components: what the entry points and
// the generated registry depend on.
func componentsKey(comps []Component) string {
	var sb strings.Builder
	for _, c := range comps {
		sb.WriteString(c.Name)
		sb.WriteByte(0)
		sb.WriteString(c.Path)
		sb.WriteByte(0)
		sb.WriteString(string(c.Framework))
		sb.WriteByte('\n')
	}
	return sb.String()
}

func errNoComponents(dir string) error {
	return fmt.Errorf("no components found in %s: add e.g. Hello.jsx with a default export", dir)
}
