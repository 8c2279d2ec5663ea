package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/encode"
	"github.com/ssrgate/ssrgate/internal/vuesfc"
)

// TestDownloadBytes measures what a browser downloads for a page with one
// React island (Counter) and one Vue island (Comments): every JS and CSS
// file of an ssrgate production build of just those two components
// (island runtime included), against a stock esbuild production build
// (bundle, splitting, ESM, full minify, NODE_ENV=production) of two
// hand-written entries that hydrate the same components with
// react-dom/client and Vue's createSSRApp. esbuild has no .vue loader, so
// the stock build uses the same SFC plugin. Sizes are of each file
// compressed on its own at the highest gzip and brotli levels, as served.
//
//	go test ./internal/bundle -run TestDownloadBytes -v
//
// It fails if ssrgate's page needs more than 10% (plus 2 KB for the
// island runtime) over the stock build.
func TestDownloadBytes(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	comps := filepath.Join(dir, "components")
	stock := filepath.Join(dir, "stock")
	for _, d := range []string{comps, stock} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"Counter.jsx", "Comments.vue"} {
		b, err := os.ReadFile(filepath.Join(root, "components", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(comps, f), b, 0o644)
	}
	os.WriteFile(filepath.Join(stock, "react.jsx"), []byte(`import { hydrateRoot } from "react-dom/client";
import Counter from "../components/Counter.jsx";
const el = document.getElementById("counter");
hydrateRoot(el, <Counter {...JSON.parse(el.nextElementSibling.textContent)} />);
`), 0o644)
	os.WriteFile(filepath.Join(stock, "vue.js"), []byte(`import { createSSRApp } from "vue";
import Comments from "../components/Comments.vue";
const el = document.getElementById("comments");
createSSRApp(Comments, JSON.parse(el.nextElementSibling.textContent)).mount(el);
`), 0o644)

	res, err := Build(Options{ComponentsDir: comps, Root: root})
	if err != nil {
		t.Fatal(err)
	}
	ours := measure(res.Client)

	vue, err := sfcCompiler(filepath.Join(root, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	sr := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join(stock, "react.jsx"), filepath.Join(stock, "vue.js")},
		Bundle:      true, Splitting: true, Format: api.FormatESModule, Platform: api.PlatformBrowser,
		Target: api.ES2020, Outdir: filepath.Join(dir, "out"), Write: false, AbsWorkingDir: root,
		NodePaths:        []string{filepath.Join(root, "node_modules")},
		MinifyWhitespace: true, MinifyIdentifiers: true, MinifySyntax: true,
		JSX: api.JSXAutomatic, Charset: api.CharsetUTF8,
		Define: map[string]string{"process.env.NODE_ENV": `"production"`, "__VUE_OPTIONS_API__": "true",
			"__VUE_PROD_DEVTOOLS__": "false", "__VUE_PROD_HYDRATION_MISMATCH_DETAILS__": "false"},
		Plugins:  []api.Plugin{vue.Plugin(vuesfc.PluginOptions{Root: root})},
		LogLevel: api.LogLevelSilent,
	})
	if len(sr.Errors) > 0 {
		t.Fatalf("stock esbuild build: %v", sr.Errors)
	}
	files := map[string][]byte{}
	for _, f := range sr.OutputFiles {
		files[filepath.Base(f.Path)] = f.Contents
	}
	theirs := measure(files)

	t.Logf("\n| build | files | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|---:|\n| ssrgate build | %d | %s | %s | %s |\n| stock esbuild --bundle --minify --splitting | %d | %s | %s | %s |",
		ours.files, kb(ours.raw), kb(ours.gz), kb(ours.br), theirs.files, kb(theirs.raw), kb(theirs.gz), kb(theirs.br))
	t.Logf("ssrgate files: %s", strings.Join(ours.names, ", "))
	t.Logf("stock files:   %s", strings.Join(theirs.names, ", "))
	const slack = 2048 // the island runtime, which the stock page does not have
	if ours.gz > theirs.gz*11/10+slack || ours.br > theirs.br*11/10+slack {
		t.Errorf("ssrgate's page downloads %d B gzip / %d B brotli, over 110%% of stock esbuild's %d / %d", ours.gz, ours.br, theirs.gz, theirs.br)
	}
}

type sizes struct {
	files, raw, gz, br int
	names              []string
}

func measure(files map[string][]byte) sizes {
	var s sizes
	for name, b := range files {
		if !strings.HasSuffix(name, ".js") && !strings.HasSuffix(name, ".css") {
			continue
		}
		s.files++
		s.raw += len(b)
		s.gz += len(encode.Compress(b, encode.Gzip))
		s.br += len(encode.Compress(b, encode.Brotli))
		s.names = append(s.names, fmt.Sprintf("%s (%d)", name, len(b)))
	}
	sort.Strings(s.names)
	return s
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
