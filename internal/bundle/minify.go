package bundle

import (
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// minifyJS renames local identifiers in every JavaScript file of a
// production client build, in place. React's and Vue's production CommonJS
// files are readable source (React 19's react-dom client is about twice
// its minified size), so without this pass the browser downloads long
// names. It runs after the build because the build's own
// MinifyIdentifiers would rename CSS-module class names differently from
// the server build; here they are string literals and stay as they are.
// Exports and import specifiers are part of an ES module's interface and
// are not renamed, so chunks still link. File names keep the build's
// content hash: the pass is deterministic, so a name still stands for one
// content.
func minifyJS(files map[string][]byte) error {
	for name, b := range files {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		r := api.Transform(string(b), api.TransformOptions{
			Loader:            api.LoaderJS,
			Format:            api.FormatESModule,
			Target:            api.ES2020,
			Charset:           api.CharsetUTF8,
			MinifyIdentifiers: true,
			MinifySyntax:      true,
			MinifyWhitespace:  true,
			LegalComments:     api.LegalCommentsEndOfFile,
			LogLevel:          api.LogLevelSilent,
		})
		if len(r.Errors) > 0 {
			return &Error{Stage: "client minify " + name, Messages: r.Errors}
		}
		files[name] = r.Code
	}
	return nil
}
