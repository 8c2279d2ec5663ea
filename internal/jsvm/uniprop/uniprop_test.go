package uniprop

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// nodePath finds node, or skips (fails under SSRGATE_REQUIRE_NODE=1, as in make test).
func nodePath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatal("node not found and SSRGATE_REQUIRE_NODE=1")
		}
		t.Skip("node not found")
	}
	return p
}

// runNode evaluates script (an expression) in Node and returns its String().
func runNode(t *testing.T, script string) string {
	t.Helper()
	cmd := exec.Command(nodePath(t), "-")
	cmd.Stdin = strings.NewReader("process.stdout.write(String(" + script + "))")
	cmd.Env = append(os.Environ(), "LANG=C")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return string(out)
}

// sampleCodePoints are code points every property is tested on: ASCII, identifiers' edge cases, scripts
// old and new, emoji and their components, surrogates, private use, unassigned, the last code point.
var sampleCodePoints = []rune{
	0, 0x09, 0x20, '$', '0', '9', 'A', 'Z', '_', 'a', 'z', 0x7f, 0xa0, 0xaa, 0xb5, 0xb7, 0xc0, 0xd7, 0xdf, 0xff,
	0x2bb, 0x300, 0x37e, 0x387, 0x3a9, 0x416, 0x5d0, 0x627, 0x660, 0x6f0, 0x905, 0x966, 0xe01, 0x10d0, 0x1100,
	0x1e9e, 0x200b, 0x200c, 0x200d, 0x2028, 0x203c, 0x2118, 0x212e, 0x2160, 0x2e2f, 0x3005, 0x3007, 0x3042,
	0x30a2, 0x30fc, 0x4e00, 0x9fff, 0xa000, 0xac00, 0xd7a3, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfe0f,
	0xfeff, 0xff10, 0xfffd, 0xffff, 0x10000, 0x10400, 0x11f00, 0x16ea0, 0x1e5d0, 0x1f1e6, 0x1f3fb, 0x1f600,
	0x1f9d1, 0x1fae8, 0x20000, 0x2ebf0, 0x323af, 0x31350, 0xe0001, 0xe0100, 0xf0000, 0x10fffd, 0x10ffff,
}

// casesFromTables builds one case per table (under one of its names) with the sample code points and the
// table's own range boundaries, and a case with few code points for every other accepted spelling.
func casesFromTables(t *testing.T) [][2]any {
	tb := loadTables()
	canonical := map[string]string{} // table key -> a spelling that selects it
	var spellings []string
	add := func(body, key string) {
		spellings = append(spellings, body)
		if _, ok := canonical[key]; !ok {
			canonical[key] = body
		}
	}
	for _, kind := range []string{"gc", "binary", "sc"} {
		for _, name := range slices.Sorted(mapKeys(tb.Names[kind])) {
			c := tb.Names[kind][name]
			switch kind {
			case "gc":
				add(name, "gc:"+c)
				add("gc="+name, "gc:"+c)
				add("General_Category="+name, "gc:"+c)
			case "binary":
				add(name, "binary:"+c)
			case "sc":
				add("sc="+name, "sc:"+c)
				add("Script="+name, "sc:"+c)
				add("scx="+name, "scx:"+c)
				add("Script_Extensions="+name, "scx:"+c)
			}
		}
	}
	if len(canonical) != len(tb.Tables) {
		t.Fatalf("%d tables are reachable by name, props.json has %d", len(canonical), len(tb.Tables))
	}
	var cases [][2]any
	for _, key := range slices.Sorted(mapKeys(canonical)) {
		s, _ := tb.spansOf(key)
		cps := slices.Clone(sampleCodePoints)
		for i, r := range s {
			if i < 3 || i >= len(s)-3 || i == len(s)/2 {
				cps = append(cps, r.lo-1, r.lo, r.hi, r.hi+1)
			}
		}
		cps = slices.DeleteFunc(cps, func(c rune) bool { return c < 0 || c > maxRune })
		slices.Sort(cps)
		cases = append(cases, [2]any{canonical[key], slices.Compact(cps)})
	}
	for _, body := range spellings {
		cases = append(cases, [2]any{body, []rune{'a', 0x3a9, 0x4e00, 0x1f600}})
	}
	// Spellings V8 rejects: wrong case, loose matching, script names alone, unsupported properties.
	for _, body := range []string{"id_start", "L&", "Latin", "sc=latin", "Script=Latn ", "Block=Basic_Latin",
		"ID_Start=Yes", "gc=Latin", "sc=Lu", "Other_Alphabetic", "Hrkt", "sc=Hrkt", "Emoji_Keycap_Sequence",
		"RGI_Emoji", "", "Any=", "binary=ASCII", "is_Latin", "In_Greek", "lu", "LU", "Script_Extension=Latn"} {
		cases = append(cases, [2]any{body, []rune{'a'}})
	}
	return cases
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestPropertyMatrixAgainstNode compares every property name the tables know, and spellings V8 rejects,
// on sample code points and every table's range boundaries, in goja (through the RegExp wrapper) and Node.
func TestPropertyMatrixAgainstNode(t *testing.T) {
	src, err := os.ReadFile("testdata/matrix.js")
	if err != nil {
		t.Fatal(err)
	}
	cases := casesFromTables(t)
	js, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	want := runNode(t, "("+string(src)+")("+string(js)+")")
	if v := runNode(t, "process.versions.unicode"); v != UnicodeVersion() {
		t.Fatalf("props.json is for Unicode %s, node has %s: run go generate ./internal/jsvm/uniprop", UnicodeVersion(), v)
	}

	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	f, err := rt.RunString(string(src))
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(f)
	arg, err := rt.RunString("(" + string(js) + ")")
	if err != nil {
		t.Fatal(err)
	}
	res, err := fn(goja.Undefined(), arg)
	if err != nil {
		t.Fatal(err)
	}
	gotLines, wantLines := strings.Split(res.String(), "\n"), strings.Split(want, "\n")
	if len(gotLines) != len(wantLines) {
		t.Fatalf("goja gave %d lines, node %d", len(gotLines), len(wantLines))
	}
	bad := 0
	for i := range gotLines {
		if gotLines[i] != wantLines[i] {
			if bad++; bad <= 10 {
				body, g, _ := strings.Cut(gotLines[i], ": ")
				_, w, _ := strings.Cut(wantLines[i], ": ")
				gf, wf := strings.Fields(g), strings.Fields(w)
				at := 0
				for at < min(len(gf), len(wf)) && gf[at] == wf[at] {
					at++
				}
				cps := cases[i][1].([]rune)
				where := ""
				if at < len(cps) && at < len(gf) && at < len(wf) {
					where = fmt.Sprintf(" first at U+%04X: goja %s, node %s (\\p \\P [x\\p] [^\\p])", cps[at], gf[at], wf[at])
				}
				t.Errorf("\\p{%s} differs%s\n goja: %.200s\n node: %.200s", body, where, g, w)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ", bad, len(gotLines))
	}
	t.Logf("%d cases compared", len(gotLines))
}

// TestScriptNamesComplete asks Node for every four-letter script code it accepts in \p{sc=…} and checks
// each is known here, so a script Node knows cannot be missing from props.json.
func TestScriptNamesComplete(t *testing.T) {
	got := runNode(t, `(() => { const L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", l = L.toLowerCase(), out = [];
  for (const a of L) for (const b of l) for (const c of l) for (const d of l) {
    try { new RegExp("\\p{sc=" + a + b + c + d + "}", "u"); out.push(a + b + c + d); } catch {}
  }
  return out.join(" "); })()`)
	known := loadTables().Names["sc"]
	for _, code := range strings.Fields(got) {
		if _, ok := known[code]; !ok {
			t.Errorf("node accepts \\p{sc=%s}; props.json lacks it", code)
		}
	}
	if n := len(strings.Fields(got)); n < 150 {
		t.Fatalf("node accepted only %d script codes", n)
	}
}

func ExampleExpand() {
	p, _ := Expand(`^\p{ASCII_Hex_Digit}+$`)
	fmt.Println(p)
	// Output: ^[\u{30}-\u{39}\u{41}-\u{46}\u{61}-\u{66}]+$
}

// TestSourceShowsPattern checks that RegExp#source and #toString show the pattern as written, not its
// expansion, for new RegExp and for expanded literals alike: highlight.js rebuilds regexps from toString()
// without the u flag, which must see \p{…} as V8 shows it.
func TestSourceShowsPattern(t *testing.T) {
	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	lit, err := Expand(`^\p{Lu}\d$`)
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.Set("expandedLiteral", lit); err != nil {
		t.Fatal(err)
	}
	v, err := rt.RunString(`[
  new RegExp("\\p{ID_Start}+", "u").source,
  String(new RegExp("[\\p{L}_]", "gu")),
  new RegExp(new RegExp("\\p{N}", "u")).test("٣"),
  new RegExp(expandedLiteral, "u").source,
  new RegExp(String(/a\p{L}/u).slice(1, -2)).test("ap{L}"),
  /plain/g.source,
].join(" | ")`)
	if err != nil {
		t.Fatal(err)
	}
	want := `\p{ID_Start}+ | /[\p{L}_]/gu | true | ^\p{Lu}\d$ | true | plain`
	if v.String() != want {
		t.Errorf("got  %s\nwant %s", v, want)
	}
}
