package bundle

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
)

// ComponentsUsing returns the names of the components whose server code includes file, directly or
// through other modules, sorted. file is a path relative to Options.Root with forward slashes, as the
// server bundle's source map and stack traces name it ("node_modules/react-markdown/lib/index.js"). It
// lets a failure in one library be reported against the components that pulled it in.
func (r *Result) ComponentsUsing(file string) []string {
	var meta struct {
		Inputs map[string]struct {
			Imports []struct {
				Path string `json:"path"`
			} `json:"imports"`
		} `json:"inputs"`
	}
	if r.serverMeta == "" || json.Unmarshal([]byte(r.serverMeta), &meta) != nil {
		return nil
	}
	importers := map[string][]string{}
	for from, in := range meta.Inputs {
		for _, imp := range in.Imports {
			importers[imp.Path] = append(importers[imp.Path], from)
		}
	}
	byPath := map[string]string{}
	for _, c := range r.Components {
		if rel, err := filepath.Rel(r.root, c.Path); err == nil {
			byPath[filepath.ToSlash(rel)] = c.Name
		}
	}
	var names []string
	seen := map[string]bool{file: true}
	queue := []string{file}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if name, ok := byPath[p]; ok {
			names = append(names, name)
		}
		for _, from := range importers[p] {
			if !seen[from] {
				seen[from] = true
				queue = append(queue, from)
			}
		}
	}
	sort.Strings(names)
	return names
}

// PackageOf returns the npm package a file belongs to ("react-markdown", "@emotion/react"), or "" for a
// file outside node_modules.
func PackageOf(file string) string {
	i := strings.LastIndex(file, "node_modules/")
	if i < 0 {
		return ""
	}
	parts := strings.SplitN(file[i+len("node_modules/"):], "/", 3)
	if strings.HasPrefix(parts[0], "@") && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}
