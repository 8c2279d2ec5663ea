package vuesfc

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	id := scopeID("src/Case.vue")
	tests := []struct {
		name    string
		src     string
		ssr     bool
		lang    string   // default "js"
		want    []string // substrings of JS
		notWant []string // must not be in JS
		css     []string // substrings of CSS; empty CSS required when nil
	}{
		{
			name: "script setup ts, ssr (production: prop types dropped)",
			src: `<script setup lang="ts">
import { ref } from 'vue'
const props = defineProps<{ msg: string; n?: number }>()
const count = ref<number>(props.n ?? 0)
</script>
<template><p>{{ props.msg }} {{ count as number }}</p></template>`,
			ssr:     true,
			lang:    "ts",
			want:    []string{"__ssrInlineRender: true", "props: {\n    msg: {},\n    n: {}\n  }", "_ssrInterpolate(props.msg)", "ref<number>", "export default _sfc_main"},
			notWant: []string{"_createElementBlock", "?vue&type=style"},
		},
		{
			name:    "script setup ts, client",
			src:     `<script setup lang="ts">const props = defineProps<{ msg: string }>()</script><template><p>{{ props.msg }}</p></template>`,
			lang:    "ts",
			want:    []string{"_createElementBlock(\"p\"", "_toDisplayString(props.msg)"},
			notWant: []string{"ssrRender", "__ssrInlineRender"},
		},
		{
			name: "plain script, ssr",
			src: `<script>
export default { props: { n: Number }, data() { return { m: 2 } } }
</script>
<template><b>{{ n * m }}</b></template>`,
			ssr:  true,
			want: []string{"const _sfc_main = {", "function _sfc_ssrRender(", "_sfc_main.ssrRender = _sfc_ssrRender;", "_ssrInterpolate($props.n * $data.m)"},
		},
		{
			name:    "plain script, client",
			src:     `<script>export default { props: { n: Number } }</script><template><b>{{ n }}</b></template>`,
			want:    []string{"function _sfc_render(", "_sfc_main.render = _sfc_render;"},
			notWant: []string{"export function render"},
		},
		{
			name:    "template only",
			src:     `<template><i>hi</i></template>`,
			ssr:     true,
			want:    []string{"const _sfc_main = {};", "_sfc_main.ssrRender = _sfc_ssrRender;"},
			notWant: []string{"__scopeId"},
		},
		{
			name: "scoped style, client",
			src: `<template><p class="a">x</p></template>
<style scoped>.a { color: red }</style>
<style>.b { color: blue }</style>`,
			want: []string{
				`_sfc_main.__scopeId = "data-v-` + id + `"`,
				`import "./Case.vue?vue&type=style&index=0&lang.css";`,
				`import "./Case.vue?vue&type=style&index=1&lang.css";`,
			},
			css: []string{".a[data-v-" + id + "]", ".b { color: blue\n}"},
		},
		{
			name:    "scoped style, ssr emits no CSS",
			src:     `<template><p class="a">x</p></template><style scoped>.a { color: red }</style>`,
			ssr:     true,
			want:    []string{`data-v-` + id + `>x</p>`, `_sfc_main.__scopeId = "data-v-` + id + `"`},
			notWant: []string{"?vue&type=style"},
		},
		{
			name: "v-html, ssr",
			src:  `<script setup>defineProps(['html'])</script><template><div v-html="html"></div></template>`,
			ssr:  true,
			want: []string{"(__props.html) ?? ''"},
		},
		{
			name: "v-html, client",
			src:  `<script setup>defineProps(['html'])</script><template><div v-html="html"></div></template>`,
			want: []string{"innerHTML: __props.html"},
		},
		{
			name: "slots",
			src:  `<template><div><slot name="head" :x="1">fallback</slot><slot /></div></template>`,
			ssr:  true,
			want: []string{`_ssrRenderSlot(_ctx.$slots, "head", { x: 1 }`, `_ssrRenderSlot(_ctx.$slots, "default"`},
		},
		{
			name: "provide/inject",
			src: `<script setup>
import { provide, inject } from 'vue'
provide('k', 1)
const v = inject('parent', 'none')
</script>
<template>{{ v }}</template>`,
			ssr:  true,
			want: []string{"provide('k', 1)", "inject('parent', 'none')", "_ssrInterpolate(_unref(v))"},
		},
		{
			name: "defineProps runtime declaration",
			src: `<script setup>
const props = defineProps({ title: { type: String, default: 'x' }, n: Number })
</script>
<template><h1>{{ title }}{{ props.n }}</h1></template>`,
			want: []string{"props: { title: { type: String, default: 'x' }, n: Number }", "__props.title"},
		},
		{
			name:    "comments are dropped, as in a production build",
			src:     `<template><p><!-- secret -->x</p></template>`,
			ssr:     true,
			notWant: []string{"secret"},
		},
	}
	c := testCompiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Compile("src/Case.vue", tt.src, tt.ssr)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			lang := tt.lang
			if lang == "" {
				lang = "js"
			}
			if res.Lang != lang {
				t.Errorf("Lang = %q, want %q", res.Lang, lang)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.JS, w) {
					t.Errorf("JS lacks %q:\n%s", w, res.JS)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(res.JS, w) {
					t.Errorf("JS has %q:\n%s", w, res.JS)
				}
			}
			if tt.css == nil && res.CSS != "" {
				t.Errorf("CSS = %q, want none", res.CSS)
			}
			for _, w := range tt.css {
				if !strings.Contains(res.CSS, w) {
					t.Errorf("CSS lacks %q:\n%s", w, res.CSS)
				}
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ssr      bool
		text     string // substring of the message
		line     int    // 1-based
		column   int    // 0-based bytes
		lineText string
	}{
		{
			name:     "template: missing end tag",
			src:      "<template>\n  <div>\n    <span></div>\n</template>",
			text:     "Element is missing end tag",
			line:     3,
			column:   4,
			lineText: "    <span></div>",
		},
		{
			name:     "script setup: syntax error",
			src:      "<script setup>\nimport { ref } from 'vue'\nconst a = ;\n</script>\n<template><p>{{ a }}</p></template>",
			ssr:      true,
			text:     "Unexpected token",
			line:     3,
			column:   10,
			lineText: "const a = ;",
		},
		{
			name:   "plain script ts: syntax error",
			src:    "<script lang=\"ts\">\nexport default {\n  data(): { n: number } { return { n: 1 } },\n  x: <>,\n}\n</script>",
			text:   "Type parameter list cannot be empty",
			line:   4,
			column: 5,
		},
		{
			name:   "template expression after script setup (inlined template)",
			src:    "<script setup>\nconst a = 1\n</script>\n<template>\n  <p>{{ a + }}</p>\n</template>",
			ssr:    true,
			text:   "Error parsing JavaScript expression",
			line:   5,
			column: 8,
		},
		{
			name:   "column counts bytes after non-ASCII text",
			src:    "<template><p>é😀 {{ a + }}</p></template>",
			text:   "Error parsing JavaScript expression",
			line:   1,
			column: 23,
		},
		{
			name:   "compiler-sfc error located through its code frame",
			src:    "<script setup>\nconst p = defineProps({a: String})\ndefineProps({b: String})\n</script>",
			text:   "duplicate defineProps() call",
			line:   3,
			column: 0,
		},
		{
			name:   "style: unclosed block",
			src:    "<template><p>x</p></template>\n<style>\n.a { color: red }\n.b { color: blue\n</style>",
			text:   "Unclosed block",
			line:   4,
			column: 0,
		},
		{
			name:   "style: preprocessor not supported",
			src:    "<template><p>x</p></template>\n<style lang=\"scss\">\n.a { .b { color: red } }\n</style>",
			ssr:    true,
			text:   `<style lang="scss"> is not supported`,
			line:   2,
			column: 19,
		},
	}
	c := testCompiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Compile("src/Bad.vue", tt.src, tt.ssr)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if !strings.Contains(ce.Text, tt.text) || ce.File != "src/Bad.vue" || ce.Line != tt.line || ce.Column != tt.column {
				t.Errorf("got %s:%d:%d %q, want src/Bad.vue:%d:%d %q", ce.File, ce.Line, ce.Column, ce.Text, tt.line, tt.column, tt.text)
			}
			if tt.lineText != "" && ce.LineText != tt.lineText {
				t.Errorf("LineText = %q, want %q", ce.LineText, tt.lineText)
			}
		})
	}
}

func TestCompileCache(t *testing.T) {
	c, err := New(nodeModules) // own instance: the counter must not see other tests
	if err != nil {
		t.Fatal(err)
	}
	c.diskDir = "" // the memory cache alone (TestDiskCache has the disk's)
	src := `<template><p>{{ 1 }}</p></template>`
	steps := []struct {
		filename, src string
		ssr           bool
		compiles      int64
	}{
		{"A.vue", src, true, 1},
		{"A.vue", src, true, 1},       // same inputs: cached
		{"A.vue", src, false, 2},      // client flavour is another entry
		{"B.vue", src, true, 3},       // filename is part of the key (scope id)
		{"A.vue", src + " ", true, 4}, // edited
		{"A.vue", src, true, 5},       // only the latest version is kept
		{"A.vue", "<template><p></div>", true, 6},
		{"A.vue", "<template><p></div>", true, 6}, // failures are cached too
	}
	for i, s := range steps {
		_, _ = c.Compile(s.filename, s.src, s.ssr)
		if got := c.compiles.Load(); got != s.compiles {
			t.Fatalf("step %d: %d compilations, want %d", i, got, s.compiles)
		}
	}
}

func TestPosition(t *testing.T) {
	src := "ab\né😀x\r\nlast"
	tests := []struct {
		offset16, line, col int
		text                string
	}{
		{0, 1, 0, "ab"},
		{2, 1, 2, "ab"},
		{3, 2, 0, "é😀x"},
		{4, 2, 2, "é😀x"},    // after é (2 bytes)
		{6, 2, 6, "é😀x"},    // after 😀 (2 UTF-16 units, 4 bytes)
		{9, 3, 0, "last"},   // after \r\n
		{100, 3, 4, "last"}, // clamps at the end
	}
	for _, tt := range tests {
		line, col, text := position(src, tt.offset16)
		if line != tt.line || col != tt.col || text != tt.text {
			t.Errorf("position(%d) = %d:%d %q, want %d:%d %q", tt.offset16, line, col, text, tt.line, tt.col, tt.text)
		}
	}
}

// BenchmarkCompile measures one uncached compilation of a mid-sized SFC
// (script setup + ts, scoped style with v-bind) for the server and client.
func BenchmarkCompile(b *testing.B) {
	c, err := New(nodeModules)
	if err != nil {
		b.Fatal(err)
	}
	c.diskDir = "" // each iteration compiles
	src, err := os.ReadFile("testdata/render/Greeting.vue")
	if err != nil {
		b.Fatal(err)
	}
	var key [32]byte
	for _, ssr := range []bool{true, false} {
		b.Run(fmt.Sprintf("ssr=%v", ssr), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.compile("render/Greeting.vue", string(src), ssr, key); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNew measures start-up: the driver bundle (from the disk cache
// after the first iteration), goja.Compile, and running it in the first
// runtime.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := New(nodeModules)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.boot(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAtob(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"aGk=", "hi"},
		{"aGk", "hi"},      // padding optional
		{" aG\nk= ", "hi"}, // whitespace ignored
		{"/w==", "\u00ff"}, // bytes map to U+0000..U+00FF, not UTF-8
		{"QR08ALkA", "A\x1d<\x00\u00b9\x00"},
	}
	for _, tt := range tests {
		got, err := atob(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("atob(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := atob("a$b="); err == nil {
		t.Error("atob accepted invalid input")
	}
}
