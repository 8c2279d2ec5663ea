package vuesfc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// clientBuild is the lead's client build (ESM, splitting, hashed names, CSS
// extracted) for one component through testdata/client-entry.js.
func clientBuild(t *testing.T, c *Compiler, vueFile, outdir string) api.BuildResult {
	t.Helper()
	return api.Build(api.BuildOptions{
		EntryPoints: []string{abs(t, "testdata/client-entry.js")},
		Bundle:      true,
		Write:       false,
		Outdir:      outdir,
		Format:      api.FormatESModule,
		Splitting:   true,
		Platform:    api.PlatformBrowser,
		Target:      api.ES2020,
		EntryNames:  "[name]-[hash]",
		ChunkNames:  "chunk-[hash]",
		Define:      vueDefines,
		LogLevel:    api.LogLevelSilent,
		Plugins: []api.Plugin{
			aliasPlugin("ssrgate-test:component", abs(t, vueFile)),
			c.Plugin(PluginOptions{Root: abs(t, "testdata")}),
		},
	})
}

// TestPluginClientBuild checks that styles of a component and of its
// children end up in the extracted CSS with the same scope ids the server
// build renders, and that a rebuild compiles nothing again.
func TestPluginClientBuild(t *testing.T) {
	c, err := New(nodeModules)
	if err != nil {
		t.Fatal(err)
	}
	outdir := t.TempDir()
	res := clientBuild(t, c, "testdata/render/Options.vue", outdir)
	if len(res.Errors) > 0 {
		t.Fatalf("client build: %s", formatMessages(res.Errors))
	}
	var css, js strings.Builder
	for _, f := range res.OutputFiles {
		switch filepath.Ext(f.Path) {
		case ".css":
			css.Write(f.Contents)
		case ".js":
			js.Write(f.Contents)
		}
	}
	cardID := "data-v-" + scopeID("render/parts/Card.vue")
	for _, want := range []string{".card[" + cardID + "]", ".card h2[" + cardID + "-s]", ".odd {"} {
		if !strings.Contains(css.String(), want) {
			t.Errorf("CSS lacks %q:\n%s", want, css.String())
		}
	}
	if !strings.Contains(js.String(), cardID) {
		t.Errorf("client JS lacks scope id %s", cardID)
	}
	if strings.Contains(css.String(), abs(t, "testdata")) {
		t.Errorf("CSS output leaks absolute paths:\n%s", css.String())
	}

	// The server build renders the same id.
	html := renderGoja(t, buildComponent(t, c, "testdata/render/Options.vue", false), `{"rows":[]}`)
	if !strings.Contains(html, cardID) {
		t.Errorf("server HTML lacks scope id %s: %s", cardID, html)
	}

	before := c.compiles.Load()
	res = clientBuild(t, c, "testdata/render/Options.vue", outdir)
	if len(res.Errors) > 0 {
		t.Fatalf("rebuild: %s", formatMessages(res.Errors))
	}
	if after := c.compiles.Load(); after != before {
		t.Errorf("rebuild compiled %d files again, want 0", after-before)
	}
}

func TestPluginErrors(t *testing.T) {
	c := testCompiler(t)
	tests := []struct {
		name, src  string
		ssr        bool
		text       string
		line, col  int
		importPath string
	}{
		{"template", "<template>\n  <p>{{ a + }}</p>\n</template>\n", true, "Error parsing JavaScript expression", 2, 8, "./Bad.vue"},
		{"script", "<script setup>\nconst x = 1\nconst y = ;\n</script>\n", false, "Unexpected token", 3, 10, "./Bad.vue"},
		{"style, client only", "<template><p/></template>\n<style>\n.a { color: red\n</style>\n", false, "Unclosed block", 3, 0, "./Bad.vue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "Bad.vue"), []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			res := api.Build(api.BuildOptions{
				Stdin:    &api.StdinOptions{Contents: fmt.Sprintf("import C from %q; export default C", tt.importPath), ResolveDir: dir},
				Bundle:   true,
				Write:    false,
				Outdir:   filepath.Join(dir, "out"),
				LogLevel: api.LogLevelSilent,
				External: []string{"vue", "vue/server-renderer"},
				Plugins:  []api.Plugin{c.Plugin(PluginOptions{SSR: tt.ssr, Root: dir})},
			})
			if len(res.Errors) != 1 {
				t.Fatalf("got %d errors, want 1: %s", len(res.Errors), formatMessages(res.Errors))
			}
			m := res.Errors[0]
			if m.Location == nil {
				t.Fatalf("error without location: %+v", m)
			}
			if !strings.Contains(m.Text, tt.text) || m.PluginName != "vuesfc" || m.Location.File != "Bad.vue" || m.Location.Line != tt.line || m.Location.Column != tt.col {
				t.Errorf("got [%s] %s:%d:%d %q, want [vuesfc] Bad.vue:%d:%d %q", m.PluginName, m.Location.File, m.Location.Line, m.Location.Column, m.Text, tt.line, tt.col, tt.text)
			}
		})
	}
}

// TestConcurrentCompile runs many compilations at once, as esbuild does, and
// checks each gets its own file's output (run with -race).
func TestConcurrentCompile(t *testing.T) {
	c := testCompiler(t)
	const n = 24
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("conc/C%d.vue", i)
			src := fmt.Sprintf("<script setup>const n = %d</script><template><p>{{ n }}-%d</p></template><style scoped>p{margin:%dpx}</style>", i, i, i)
			res, err := c.Compile(name, src, i%2 == 0)
			if err != nil {
				errs <- err
				return
			}
			if !strings.Contains(res.JS, fmt.Sprintf("const n = %d", i)) || !strings.Contains(res.JS, "data-v-"+scopeID(name)) {
				errs <- fmt.Errorf("%s: wrong output:\n%s", name, res.JS)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
