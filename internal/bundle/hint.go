package bundle

import (
	"strings"
)

// installHint returns the npm command that fixes an esbuild "Could not
// resolve" message for a bare package import, or "" for anything else
// (relative paths, absolute paths, other messages).
func installHint(text string) string {
	const prefix = `Could not resolve "`
	if !strings.HasPrefix(text, prefix) {
		return ""
	}
	spec, _, ok := strings.Cut(text[len(prefix):], `"`)
	if !ok || spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") {
		return ""
	}
	pkg := packageName(spec)
	if pkg == "" {
		return ""
	}
	return "npm install " + pkg
}

// packageName is the npm package of an import specifier: "lodash/get" is
// "lodash", "@scope/pkg/sub" is "@scope/pkg".
func packageName(spec string) string {
	parts := strings.Split(spec, "/")
	if strings.HasPrefix(spec, "@") {
		if len(parts) < 2 || parts[1] == "" {
			return ""
		}
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}
