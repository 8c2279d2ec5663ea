package bundle

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// A patch rewrites framework code in the server bundle only, where goja
// needs it. Every patch must keep the output byte-identical to Node's (the
// Node-diff corpus in ssr/ checks that), and every edit must match exactly
// once: if a framework release changes the code, the build fails and names
// the patch instead of silently going slow.
type patch struct {
	name  string
	file  *regexp.Regexp // matched against the module's path
	edits []edit
}

type edit struct{ old, new string }

// patches exist because goja has no rope strings: each `s += chunk` copies
// all of s, so renderers that accumulate output that way cost O(n²) in the
// size of their HTML. Collecting chunks in an array and joining once is the
// same bytes in linear time.
var patches = []patch{
	{
		name: "react-dom renderToString output",
		file: regexp.MustCompile(`react-dom-server-legacy\.browser\.production\.js$`),
		edits: []edit{
			{"    result = \"\",\n    readyToStream = !1;", "    resultChunks = [],\n    readyToStream = !1;"},
			{"null !== chunk && (result += chunk);", "null !== chunk && resultChunks.push(chunk);"},
			{"if (!readyToStream) throw Error(formatProdErrorMessage(426));\n  return result;",
				"if (!readyToStream) throw Error(formatProdErrorMessage(426));\n  return resultChunks.join(\"\");"},
		},
	},
	{
		name: "@vue/server-renderer buffers",
		file: regexp.MustCompile(`server-renderer\.esm-bundler\.js$`),
		edits: []edit{
			// push: keep each string as its own item instead of appending
			// it to the previous one.
			{"      if (appendable && isStringItem) {\n        buffer[buffer.length - 1] += item;\n        return;\n      }\n", ""},
			// unroll: flatten into one array, join once.
			{`function unrollBufferSync$1(buffer) {
  let ret = "";
  for (let i = 0; i < buffer.length; i++) {
    let item = buffer[i];
    if (isString(item)) {
      ret += item;
    } else {
      ret += unrollBufferSync$1(item);
    }
  }
  return ret;
}`, `function unrollBufferSync$1(buffer) {
  const parts = [];
  collectBufferSync(buffer, parts);
  return parts.join("");
}
function collectBufferSync(buffer, parts) {
  for (let i = 0; i < buffer.length; i++) {
    const item = buffer[i];
    if (isString(item)) {
      parts.push(item);
    } else {
      collectBufferSync(item, parts);
    }
  }
}`},
		},
	},
}

// apply returns src with p's edits, or an error naming the first edit that
// does not match exactly once.
func (p patch) apply(src string) (string, error) {
	for i, e := range p.edits {
		if n := strings.Count(src, e.old); n != 1 {
			return "", fmt.Errorf("patch %q, edit %d: expected code found %d times, want 1; this framework version needs the patch updated in internal/bundle/patches.go", p.name, i+1, n)
		}
		src = strings.Replace(src, e.old, e.new, 1)
	}
	return src, nil
}

// patchPlugin applies the patches to the modules they name.
func patchPlugin() api.Plugin {
	var alt []string
	for _, p := range patches {
		alt = append(alt, p.file.String())
	}
	filter := "(" + strings.Join(alt, "|") + ")"
	return api.Plugin{Name: "ssrgate-patches", Setup: func(b api.PluginBuild) {
		b.OnLoad(api.OnLoadOptions{Filter: filter}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := os.ReadFile(a.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			out := string(src)
			for _, p := range patches {
				if p.file.MatchString(a.Path) {
					if out, err = p.apply(out); err != nil {
						return api.OnLoadResult{}, err
					}
				}
			}
			return api.OnLoadResult{Contents: &out, Loader: api.LoaderJS}, nil
		})
	}}
}
