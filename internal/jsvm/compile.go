package jsvm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/ssrgate/ssrgate/internal/jsvm/uniprop"
)

// Compile parses src into a program that many runtimes can share (compiling once is what makes a pool of
// warm runtimes cheap). An inline source map (`//# sourceMappingURL=data:application/json;base64,...`) is
// honoured so stack traces point at original files and lines, and a syntax error goja finds is a *SyntaxError
// that names the original file too; external source map URLs are ignored rather
// than read from disk, because the bundle may not come from the file system.
func Compile(name, src string) (*goja.Program, error) {
	ast, err := parser.ParseFile(nil, name, src, 0, parser.WithSourceMapLoader(noExternalSourceMaps))
	if err != nil {
		if se := syntaxError(name, src, err); se != nil {
			return nil, fmt.Errorf("compile %s: %w", name, se)
		}
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	if strings.Contains(src, `\p{`) || strings.Contains(src, `\P{`) { // the AST walk costs ~15 ms per MB
		err = uniprop.ExpandLiterals(ast)
	}
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	prg, err := goja.CompileAST(ast, false)
	if err != nil {
		if se := syntaxError(name, src, err); se != nil {
			return nil, fmt.Errorf("compile %s: %w", name, se)
		}
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	bundleNames.Store(name, true)
	return prg, nil
}

// bundleNames holds the names of compiled programs. Stack positions in any other file came through a source
// map, where goja reports 0-based columns; fixStack makes them 1-based like Node's.
var bundleNames sync.Map

var stackPosition = regexp.MustCompile(`\(([^()\n]+):(\d+):(\d+)((?:\(\d+\))?)\)`)

func fixStack(stack string) string {
	return stackPosition.ReplaceAllStringFunc(stack, func(m string) string {
		sub := stackPosition.FindStringSubmatch(m)
		file := sub[1]
		if _, ok := bundleNames.Load(file); ok || strings.HasPrefix(file, "jsvm/") {
			return m
		}
		col, _ := strconv.Atoi(sub[3])
		return "(" + file + ":" + sub[2] + ":" + strconv.Itoa(col+1) + sub[4] + ")"
	})
}

func noExternalSourceMaps(path string) ([]byte, error) {
	return nil, fmt.Errorf("external source map %s not loaded", path)
}
