package vuesfc

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// patchFlagComment matches the comments a development build of the Vue
// compiler writes after patch flags: "1 /* TEXT */", "-1 /* CACHED */".
var patchFlagComment = regexp.MustCompile(` /\* [A-Z_]+(?:, [A-Z_]+)* \*/`)

// TestCompilerParity runs the same driver (js/compile.js) in Node with
// Node's own build of @vue/compiler-sfc and requires the same output as in
// goja with the browser build: the goja port must not change what Vue
// compiles. NODE_ENV is varied because Node's compiler packages switch
// between development and production builds on it, while the browser build
// is a development build. The driver pins the options where that changes
// behaviour (comments); what remains is ignored when comparing with Node's
// production build: patch-flag comments ("1 /* TEXT */"), which esbuild
// drops from bundles anyway, and the text of the placeholder comment a
// client render function writes for a false v-if ("v-if" instead of ""),
// which hydration does not compare (the server renders "<!---->" in both).
func TestCompilerParity(t *testing.T) {
	node := requireNode(t)
	c := testCompiler(t)

	res := api.Build(api.BuildOptions{
		EntryPoints: []string{abs(t, "js/compile.js")},
		Bundle:      true,
		Write:       false,
		Outfile:     filepath.Join(t.TempDir(), "driver.cjs"),
		Platform:    api.PlatformNode,
		Format:      api.FormatCommonJS,
		External:    []string{"@vue/compiler-sfc"},
		LogLevel:    api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("bundle driver for node: %s", formatMessages(res.Errors))
	}
	driver := writeTemp(t, "driver.cjs", string(res.OutputFiles[0].Contents))

	files := []string{"render/Greeting.vue", "render/Options.vue", "render/parts/Card.vue", "render/SuspenseDemo.vue"}
	for _, env := range []string{"development", "production"} {
		for _, file := range files {
			for _, ssr := range []bool{true, false} {
				t.Run(env+"/"+file+"/ssr="+strconv.FormatBool(ssr), func(t *testing.T) {
					src, err := os.ReadFile(filepath.Join("testdata", file))
					if err != nil {
						t.Fatal(err)
					}
					got, err := c.Compile(file, string(src), ssr)
					if err != nil {
						t.Fatal(err)
					}
					cmd := exec.Command(node, abs(t, "testdata/compile-node.mjs"), driver, file,
						abs(t, filepath.Join("testdata", file)), scopeID(file), strconv.FormatBool(ssr))
					cmd.Env = append(nodeEnv(), "NODE_PATH="+abs(t, nodeModules), "NODE_ENV="+env)
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					out, err := cmd.Output()
					if err != nil {
						t.Fatalf("node: %v\n%s", err, stderr.String())
					}
					var want driverOutput
					if err := json.Unmarshal(out, &want); err != nil {
						t.Fatalf("node output: %v\n%s", err, out)
					}
					if len(want.Errors) > 0 {
						t.Fatalf("node compile errors: %+v", want.Errors)
					}
					gotJS, wantJS := got.JS, want.JS
					if env == "production" {
						gotJS = patchFlagComment.ReplaceAllString(gotJS, "")
						gotJS = strings.ReplaceAll(gotJS, `_createCommentVNode("v-if", true)`, `_createCommentVNode("", true)`)
					}
					if gotJS != wantJS {
						t.Errorf("JS differs at byte %d\ngoja:\n%s\nnode:\n%s", firstDiff(gotJS, wantJS), gotJS, wantJS)
					}
					if got.Lang != want.Lang || got.CSS != strings.Join(want.Styles, "\n") {
						t.Errorf("lang/CSS differ\ngoja: %s %q\nnode: %s %q", got.Lang, got.CSS, want.Lang, want.Styles)
					}
				})
			}
		}
	}
}
