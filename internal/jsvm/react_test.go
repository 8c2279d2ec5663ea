package jsvm

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evanw/esbuild/pkg/api"
)

const reactEntry = `
import React from "react";
import { renderToString } from "react-dom/server";

function Price({ value, locale }) {
  const when = new Date(Date.UTC(2024, 2, 5, 14, 7)).toLocaleDateString(locale, { timeZone: "UTC", dateStyle: "long" });
  return <li data-ssr={typeof window === "undefined" ? "yes" : "no"}>
    {value.toLocaleString(locale, { style: "currency", currency: "EUR" })} · {when} · {/^\p{Lu}/u.test(locale) ? "U" : "l"} 😀
  </li>;
}
function App({ items }) {
  return <ul>{items.map((v, i) => <Price key={i} value={v} locale={["en-US", "de-DE", "fr-FR", "ja-JP", "en-GB"][i % 5]} />)}</ul>;
}
const props = { items: [1234.5, 99, 0.5, 1e6, -42] };
export function render() { return renderToString(<App {...props} />); }
`

// TestReactNodeDiff renders a React 19 tree with the browser server renderer (which needs MessageChannel and
// TextEncoder at load time) in goja and in Node from the same bundle; the HTML must be identical.
func TestReactNodeDiff(t *testing.T) {
	modules, _ := filepath.Abs("../../node_modules")
	if _, err := os.Stat(filepath.Join(modules, "react-dom")); err != nil {
		t.Fatalf("react-dom is not installed in %s (npm ci at the repository root): %v", modules, err)
	}
	requireNode(t)
	res := api.Build(api.BuildOptions{
		Stdin:       &api.StdinOptions{Contents: reactEntry, Loader: api.LoaderJSX, ResolveDir: filepath.Dir(modules)},
		Bundle:      true,
		Format:      api.FormatIIFE,
		GlobalName:  "__ssr",
		Target:      api.ES2017,
		Supported:   map[string]bool{"regexp-unicode-property-escapes": false},
		Define:      map[string]string{"process.env.NODE_ENV": `"production"`},
		JSX:         api.JSXAutomatic,
		Write:       false,
		LogLevel:    api.LogLevelSilent,
		MainFields:  []string{"browser", "module", "main"},
		Conditions:  []string{"browser"},
		Platform:    api.PlatformBrowser,
		Outfile:     "server.js",
		Sourcemap:   api.SourceMapNone,
		TreeShaking: api.TreeShakingTrue,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild: %v", res.Errors)
	}
	bundle := string(res.OutputFiles[0].Contents)
	p := newTestPool(t, 1, bundle)
	for _, fn := range []string{"render"} {
		t.Run(fn, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			v, err := invoke(t, p, ctx, "__ssr."+fn)
			if err != nil {
				t.Fatal(err)
			}
			// React's scheduler holds a MessagePort open, so node must exit explicitly.
			script := bundle + "\nPromise.resolve(__ssr." + fn + "()).then((h) => process.stdout.write(h, () => process.exit(0)));"
			cmd := exec.CommandContext(ctx, "node", "-")
			cmd.Stdin = strings.NewReader(script)
			cmd.Env = nodeEnv("UTC")
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v", err)
			}
			t.Logf("%d bytes of HTML: %.120s…", len(want), want)
			if got := v.String(); got != string(want) {
				t.Errorf("goja and node differ:\n got: %s\nwant: %s", got, want)
			}
		})
	}
}
