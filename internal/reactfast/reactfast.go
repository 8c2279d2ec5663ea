package reactfast

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// VerifiedVersion is the react-dom release whose renderToString output the
// fast path reproduces. Any other installed version turns it off.
const VerifiedVersion = "19.3.1"

// RendererSource is js/render.js: an ES module exporting
// renderToString(element, options) and the Unsupported error class.
//
//go:embed js/render.js
var RendererSource string

// Module returns the source of the virtual module "ssrgate:reactfast" for a
// build whose node_modules is below root. It re-exports the renderer from
// "ssrgate:reactfast-render" and exports disabled: "" when the fast path
// may run, else the reason it may not (the adapter then renders every
// island with React). off is that reason too, for the build to log.
func Module(root string, enabled bool) (src, off string) {
	switch {
	case !enabled:
		off = "the React renderer is set to \"react\""
	default:
		v, err := InstalledVersion(root)
		if err != nil {
			off = fmt.Sprintf("cannot read the installed react-dom version (%v)", err)
		} else if v != VerifiedVersion {
			off = fmt.Sprintf("react-dom %s is installed but the fast path is verified against %s only; update internal/reactfast and VerifiedVersion after checking it against the new release", v, VerifiedVersion)
		}
	}
	src = "export { renderToString, Unsupported } from \"ssrgate:reactfast-render\";\n" +
		"export const disabled = " + strconv.Quote(off) + ";\n"
	return src, off
}

// InstalledVersion reads the version of root/node_modules/react-dom.
func InstalledVersion(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "node_modules", "react-dom", "package.json"))
	if err != nil {
		return "", err
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return "", fmt.Errorf("react-dom/package.json: %w", err)
	}
	return pkg.Version, nil
}
