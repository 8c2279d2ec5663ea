package ssr

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	esbuild "github.com/evanw/esbuild/pkg/api"

	"github.com/ssrgate/ssrgate/internal/bundle"
)

// devError is one error as the dev overlay shows it.
type devError struct {
	Kind    string `json:"kind"` // "build", "template", "render" or "error"
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Frame   string `json:"frame,omitempty"` // the source lines around Line, the error's line marked
	Stack   string `json:"stack,omitempty"`
}

// location is "file:line:col: " (as much as is known), or "".
func (d devError) location() string {
	if d.File == "" {
		return ""
	}
	s := d.File
	if d.Line > 0 {
		s += ":" + strconv.Itoa(d.Line)
		if d.Column > 0 {
			s += ":" + strconv.Itoa(d.Column)
		}
	}
	return s + ": "
}

var (
	// templateErrorPos finds "template: NAME:LINE[:COL]:" in html/template
	// parse and execution errors.
	templateErrorPos = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::(\d+))?:`)
	// stackFrame finds "(file:line:col" in a mapped goja stack.
	stackFrame = regexp.MustCompile(`\(([^()\s]+\.(?:jsx|tsx|js|ts|mjs|cjs|vue)):(\d+):(\d+)`)
)

// isBuildError reports whether err is a failed esbuild build (which dev
// mode shows in the page) rather than, say, a missing directory.
func isBuildError(err error) bool {
	var be *bundle.Error
	return errors.As(err, &be)
}

// describe turns an error into what the overlay shows: the position in the
// user's sources and the lines around it.
func (e *Engine) describe(err error) []devError {
	var be *bundle.Error
	if errors.As(err, &be) {
		var out []devError
		for _, m := range be.Messages {
			de := devError{Kind: "build", Message: messageText(m)}
			if l := m.Location; l != nil {
				de.File, de.Line, de.Column = e.display(e.resolve(l.File)), l.Line, l.Column+1
				de.Frame = codeFrame(e.resolve(l.File), de.Line, de.Column)
			}
			out = append(out, de)
		}
		if len(out) > 0 {
			return out
		}
	}
	var re *RenderError
	if errors.As(err, &re) {
		de := devError{Kind: "render", Message: err.Error(), Stack: re.Stack}
		if f := userFrame(re.Stack); f != nil {
			de.File = e.display(e.resolve(f[1]))
			de.Line, _ = strconv.Atoi(f[2])
			de.Column, _ = strconv.Atoi(f[3])
			de.Frame = codeFrame(e.resolve(f[1]), de.Line, de.Column)
		}
		return []devError{de}
	}
	if m := templateErrorPos.FindStringSubmatch(err.Error()); m != nil {
		de := devError{Kind: "template", Message: err.Error(), File: m[1]}
		de.Line, _ = strconv.Atoi(m[2])
		de.Column, _ = strconv.Atoi(m[3])
		if p := e.resolveTemplate(m[1]); p != "" {
			de.File = e.display(p)
			de.Frame = codeFrame(p, de.Line, de.Column)
		}
		return []devError{de}
	}
	return []devError{{Kind: "error", Message: err.Error()}}
}

// messageText is an esbuild message's text with its plugin name and the
// install hint, without the position (the overlay shows that apart).
func messageText(m esbuild.Message) string {
	c := m
	c.Location = nil
	return bundle.FormatMessage(c)
}

// userFrame returns the first stack frame in the user's own files (not in
// node_modules), as regexp submatches file, line, column.
func userFrame(stack string) []string {
	for _, f := range stackFrame.FindAllStringSubmatch(stack, -1) {
		if !strings.Contains(f[1], "node_modules/") {
			return f
		}
	}
	return nil
}

// resolve finds a source file named relative to Config.Root (as esbuild
// and the mapped stacks name them).
func (e *Engine) resolve(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(e.cfg.Root, filepath.FromSlash(name))
}

// resolveTemplate finds a template file by its template name: relative to
// one of the watched paths (pages are named "pages/x.html" below the
// templates directory; Gin's LoadHTMLGlob names them by base name), or to
// the working directory.
func (e *Engine) resolveTemplate(name string) string {
	var dirs []string
	if e.dev != nil {
		e.dev.mu.Lock()
		for _, g := range e.dev.groups {
			dirs = append(dirs, g.paths...)
		}
		e.dev.mu.Unlock()
	}
	dirs = append(dirs, e.cfg.DevWatch...)
	dirs = append(dirs, ".")
	for _, d := range dirs {
		p := filepath.Join(d, filepath.FromSlash(name))
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// display names a file for people: relative to the working directory
// when below it, else absolute.
func (e *Engine) display(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return abs
}

// codeFrame shows the lines around line of file (1-based), the error's
// line marked with ">" and, when col is known, a caret under its column.
// It returns "" if the file cannot be read.
func codeFrame(file string, line, col int) string {
	b, err := os.ReadFile(file)
	if err != nil || line < 1 {
		return ""
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if line > len(lines) {
		return ""
	}
	from, to := max(1, line-2), min(len(lines), line+2)
	width := len(strconv.Itoa(to))
	var sb strings.Builder
	for n := from; n <= to; n++ {
		mark := "  "
		if n == line {
			mark = "> "
		}
		fmt.Fprintf(&sb, "%s%*d | %s\n", mark, width, n, strings.ReplaceAll(lines[n-1], "\t", "  "))
		if n == line && col > 0 {
			pre := lines[n-1][:min(col-1, len(lines[n-1]))]
			pad := len(strings.ReplaceAll(pre, "\t", "  "))
			fmt.Fprintf(&sb, "  %s | %s^\n", strings.Repeat(" ", width), strings.Repeat(" ", pad))
		}
	}
	return strings.TrimRight(sb.String(), "\n")
}
