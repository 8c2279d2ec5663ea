package ssrhost

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// installed is a new runtime with the globals defined.
func installed(t *testing.T) *goja.Runtime {
	t.Helper()
	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	return rt
}

// reference loads the frameworks' own escaping code from node_modules into
// rt: Vue's escapeHtml from @vue/shared and React's escapeTextForBrowser
// pattern from react-dom/server, so the native functions are checked against
// the code they replace, not against a copy of themselves.
func reference(t *testing.T, rt *goja.Runtime) (vue, react goja.Callable) {
	t.Helper()
	root := filepath.Join("..", "..", "..", "node_modules")
	src, err := os.ReadFile(filepath.Join(root, "@vue/shared/dist/shared.esm-bundler.js"))
	if err != nil {
		t.Skip("node_modules not installed (run npm ci): ", err)
	}
	m := regexp.MustCompile(`(?s)const escapeRE = .*?\nfunction escapeHtml\(string\) \{.*?\n\}\n`).Find(src)
	if m == nil {
		t.Fatal("escapeHtml not found in @vue/shared")
	}
	dom, err := os.ReadFile(filepath.Join(root, "react-dom/cjs/react-dom-server-legacy.browser.production.js"))
	if err != nil {
		t.Fatal(err)
	}
	r := regexp.MustCompile(`(?s)function escapeTextForBrowser\(text\) \{.*?\n\}\n`).Find(dom)
	re := regexp.MustCompile(`matchHtmlRegExp = (/[^\n]*/);`).FindSubmatch(dom)
	if r == nil || re == nil {
		t.Fatal("escapeTextForBrowser not found in react-dom/server")
	}
	if _, err := rt.RunString(string(m) + "var matchHtmlRegExp = " + string(re[1]) + ";\n" + string(r) + "var vueEscape = escapeHtml, reactEscape = escapeTextForBrowser;"); err != nil {
		t.Fatal(err)
	}
	vue, _ = goja.AssertFunction(rt.Get("vueEscape"))
	react, _ = goja.AssertFunction(rt.Get("reactEscape"))
	return vue, react
}

// randomString mixes ASCII, the five special characters, BMP text, astral
// characters and lone surrogates.
func randomString(r *rand.Rand) []uint16 {
	n := r.IntN(24)
	s := make([]uint16, 0, n)
	for range n {
		switch r.IntN(6) {
		case 0:
			s = append(s, uint16(`&<>"'`[r.IntN(5)]))
		case 1:
			s = append(s, uint16(0xD800+r.IntN(0x800))) // a lone surrogate
		case 2:
			s = append(s, 0xD83D, 0xDE00) // an astral character
		case 3:
			s = append(s, uint16(0x80+r.IntN(0xD000)))
		default:
			s = append(s, uint16(r.IntN(128)))
		}
	}
	return s
}

func TestEscapeMatchesFrameworks(t *testing.T) {
	rt := installed(t)
	vue, react := reference(t, rt)
	native := map[string]goja.Value{EscapeHTML: rt.Get(EscapeHTML), EscapeHTMLReact: rt.Get(EscapeHTMLReact)}
	fixed := []string{"", "plain", "Item 5 & more", `<a href="x">'q'</a>`, "&&&", "é & ü", "\u2028<"}
	r := rand.New(rand.NewPCG(1, 2))
	var inputs []goja.Value
	for _, s := range fixed {
		inputs = append(inputs, rt.ToValue(s))
	}
	for range 5000 {
		inputs = append(inputs, goja.StringFromUTF16(randomString(r)))
	}
	for _, in := range inputs {
		for name, ref := range map[string]goja.Callable{EscapeHTML: vue, EscapeHTMLReact: react} {
			want, err := ref(goja.Undefined(), in)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := goja.AssertFunction(native[name])
			got, err := f(goja.Undefined(), in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.StrictEquals(want) {
				t.Fatalf("%s(%q) = %q, the framework's code gives %q", name, in.String(), got.String(), want.String())
			}
		}
	}
}

func TestEscapeRejectsNonStrings(t *testing.T) {
	rt := installed(t)
	_, err := rt.RunString(EscapeHTML + "(5)")
	if err == nil || !strings.Contains(err.Error(), "TypeError") || !strings.Contains(err.Error(), "takes a string") {
		t.Fatalf("escaping a number: err = %v, want a TypeError saying it takes a string", err)
	}
}

func TestJoinChunks(t *testing.T) {
	rt := installed(t)
	tests := []struct{ js, want string }{
		{`[]`, ""},
		{`["a", "b"]`, "ab"},
		{`["<ul>", ["<li>", ["x"], "</li>"], [], "</ul>"]`, "<ul><li>x</li></ul>"},
		{`["\ud800", "\udc00"]`, "\U00010000"}, // surrogate halves joined in order
		{`(() => { const a = []; for (let i = 0; i < 5000; i++) a.push("" + i % 10); return a; })()`, strings.Repeat("0123456789", 500)},
	}
	for _, tt := range tests {
		v, err := rt.RunString(JoinChunks + "(" + tt.js + ")")
		if err != nil {
			t.Fatal(err)
		}
		if goja.IsUndefined(v) || v.String() != tt.want {
			t.Errorf("%s(%s) = %v, want %q", JoinChunks, tt.js, v, tt.want)
		}
	}
	// Anything but strings and arrays, or nesting past the bound, is left to
	// the caller's JavaScript.
	for _, js := range []string{`"a"`, `["a", 1]`, `["a", {length: 1, 0: "b"}]`, `[null]`,
		`(() => { let a = ["x"]; for (let i = 0; i < 10001; i++) a = [a]; return a; })()`} {
		v, err := rt.RunString(JoinChunks + "(" + js + ")")
		if err != nil {
			t.Fatal(err)
		}
		if !goja.IsUndefined(v) {
			t.Errorf("%s(%s) = %q, want undefined", JoinChunks, js, v)
		}
	}
}
