package bundle

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Framework is the UI library a component is written for.
type Framework string

// The supported frameworks.
const (
	React Framework = "react"
	Vue   Framework = "vue"
)

// Component is one discovered component file.
type Component struct {
	// Name is the path below the components directory without its
	// extension, with forward slashes: components/shop/Cart.tsx is "shop/Cart".
	Name      string
	Path      string // absolute file path
	Framework Framework
}

var componentExts = map[string]bool{".jsx": true, ".tsx": true, ".js": true, ".ts": true, ".vue": true}

// importsVue matches an import of the vue package in a .js or .ts file.
var importsVue = regexp.MustCompile(`(?m)(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']vue["']`)

// Discover lists the components under dir. A component is a .jsx, .tsx, .js,
// .ts or .vue file whose name and directories do not start with "_" or ".";
// *.test.*, *.spec.* and *.d.ts files are skipped too, so helpers can live in
// "_lib/" beside components. The framework is Vue for .vue files and for
// .js/.ts files that import "vue"; everything else is React.
func Discover(dir string) ([]Component, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("components directory %s does not exist; pass --components DIR", dir)
	}
	byName := map[string]Component{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != root && (strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".") || base == "node_modules") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		ext := filepath.Ext(base)
		if !componentExts[ext] || strings.HasSuffix(base, ".d.ts") ||
			strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		name := strings.TrimSuffix(filepath.ToSlash(rel), ext)
		c := Component{Name: name, Path: p, Framework: React}
		if ext == ".vue" {
			c.Framework = Vue
		} else if ext == ".js" || ext == ".ts" {
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if importsVue.Match(bytes.TrimSpace(src)) {
				c.Framework = Vue
			}
		}
		if prev, dup := byName[name]; dup {
			return fmt.Errorf("component %q is defined twice, by %s and %s; rename one", name, prev.Path, p)
		}
		byName[name] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Component, 0, len(byName))
	for _, c := range byName {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// outputName is the client entry's output path for a component.
func outputName(name string) string { return path.Join("islands", name) }
