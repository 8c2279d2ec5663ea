package jsvm

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/go-sourcemap/sourcemap"
)

// SyntaxError is a program goja cannot compile although its source was produced by a bundler that accepted
// it (goja's parser lags Node's). Bundle positions say little, so the position is also mapped through the
// program's inline source map back to the original file: the library that holds the construct.
type SyntaxError struct {
	// Message is goja's description, for example "Unexpected reserved word".
	Message string
	// Program, Line and Column locate the error in the compiled source (1-based).
	Program      string
	Line, Column int
	// File, FileLine and FileColumn locate it in the original source, when the source map knows it
	// (File is "" otherwise). File is as the map names it, relative to the bundle's root.
	File                 string
	FileLine, FileColumn int
}

func (e *SyntaxError) Error() string {
	if e.File != "" {
		return fmt.Sprintf("SyntaxError: %s:%d:%d: %s (%s:%d:%d)", e.File, e.FileLine, e.FileColumn, e.Message, e.Program, e.Line, e.Column)
	}
	return fmt.Sprintf("SyntaxError: %s:%d:%d: %s", e.Program, e.Line, e.Column, e.Message)
}

// syntaxError builds a *SyntaxError from a parse error (parser.ErrorList) or a compile error
// (*goja.CompilerSyntaxError), or returns nil for other errors.
func syntaxError(name, src string, err error) *SyntaxError {
	se := &SyntaxError{Program: name}
	var list parser.ErrorList
	var one *parser.Error
	var ce *goja.CompilerSyntaxError
	switch {
	case errors.As(err, &list) && len(list) > 0:
		one = list[0]
		fallthrough
	case one != nil || errors.As(err, &one):
		se.Message, se.Line, se.Column = one.Message, one.Position.Line, one.Position.Column
		if one.Position.Filename != "" && one.Position.Filename != name { // already mapped by goja
			se.File, se.FileLine, se.FileColumn = one.Position.Filename, one.Position.Line, one.Position.Column
			return se
		}
	case errors.As(err, &ce) && ce.File != nil:
		se.Message = ce.Message
		line, col := lineColumn(src, ce.Offset)
		se.Line, se.Column = line, col
	default:
		return nil
	}
	se.File, se.FileLine, se.FileColumn = mapPosition(src, se.Line, se.Column)
	return se
}

// lineColumn converts a byte offset into a 1-based line and column.
func lineColumn(src string, offset int) (int, int) {
	offset = min(max(offset, 0), len(src))
	line := strings.Count(src[:offset], "\n") + 1
	col := offset - (strings.LastIndexByte(src[:offset], '\n') + 1) + 1
	return line, col
}

const inlineMapPrefix = "//# sourceMappingURL=data:application/json;base64,"

// mapPosition maps a 1-based line and column of src through its inline source map.
func mapPosition(src string, line, col int) (string, int, int) {
	i := strings.LastIndex(src, inlineMapPrefix)
	if i < 0 {
		return "", 0, 0
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimSpace(src[i+len(inlineMapPrefix):]))
	if err != nil {
		return "", 0, 0
	}
	sm, err := sourcemap.Parse("", data)
	if err != nil {
		return "", 0, 0
	}
	file, _, l, c, ok := sm.Source(line, col-1)
	if !ok {
		return "", 0, 0
	}
	return file, l, c + 1
}
