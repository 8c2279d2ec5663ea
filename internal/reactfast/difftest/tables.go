package difftest

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// Tables are the attribute and style names react-dom's server renderer
// treats specially, read from its source so that the fuzzer follows the
// installed React rather than a copy that could drift from it.
type Tables struct {
	// Cases are the prop names pushAttribute switches on (className,
	// tabIndex, booleans, overloaded booleans, numeric and URL attributes,
	// xlink*/xml*, the props it drops).
	Cases []string
	// Aliases are the React prop names that become another attribute name
	// (htmlFor, acceptCharset, strokeWidth, ...).
	Aliases []string
	// Unitless are the style properties whose numbers get no "px".
	Unitless []string
}

var (
	caseLabel    = regexp.MustCompile(`case "([A-Za-z:-]+)":`)
	aliasEntry   = regexp.MustCompile(`\["([A-Za-z]+)", "[^"]+"\]`)
	unitlessList = regexp.MustCompile(`unitlessNumbers = new Set\(\s*"([^"]+)"\.split`)
)

// ReadTables extracts Tables from a react-dom server build (for example
// node_modules/react-dom/cjs/react-dom-server-legacy.browser.production.js).
// It fails when a table is missing or implausibly small, which means React
// changed its code and this extraction needs updating.
func ReadTables(path string) (Tables, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Tables{}, fmt.Errorf("read react-dom's server renderer (is react-dom installed? run npm ci): %w", err)
	}
	s := string(src)
	var t Tables

	body, ok := between(s, "function pushAttribute(", "\nfunction ")
	if !ok {
		return t, fmt.Errorf("%s: no function pushAttribute; update difftest.ReadTables for this React version", path)
	}
	for _, m := range caseLabel.FindAllStringSubmatch(body, -1) {
		t.Cases = append(t.Cases, m[1])
	}
	aliases, ok := between(s, "aliases = new Map([", "]),")
	if !ok {
		return t, fmt.Errorf("%s: no aliases map; update difftest.ReadTables for this React version", path)
	}
	for _, m := range aliasEntry.FindAllStringSubmatch(aliases, -1) {
		t.Aliases = append(t.Aliases, m[1])
	}
	if m := unitlessList.FindStringSubmatch(s); m != nil {
		t.Unitless = strings.Fields(m[1])
	}
	t.Cases, t.Aliases, t.Unitless = uniq(t.Cases), uniq(t.Aliases), uniq(t.Unitless)
	if len(t.Cases) < 50 || len(t.Aliases) < 50 || len(t.Unitless) < 30 {
		return t, fmt.Errorf("%s: found only %d pushAttribute cases, %d aliases and %d unitless style names; update difftest.ReadTables for this React version",
			path, len(t.Cases), len(t.Aliases), len(t.Unitless))
	}
	return t, nil
}

func between(s, start, end string) (string, bool) {
	i := strings.Index(s, start)
	if i < 0 {
		return "", false
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		return "", false
	}
	return s[:j], true
}

func uniq(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
