package ssrhost

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// describeJS renders a parsed value canonically: keys in order, strings as
// code units, -0 apart from 0. The same function runs in Node on
// JSON.parse's result and in goja on ParseJSON's.
const describeJS = `function describe(v) {
  if (v === null) return "null";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : "n" + v;
  if (typeof v === "boolean") return "" + v;
  if (typeof v === "string") { let s = "s"; for (let i = 0; i < v.length; i++) s += v.charCodeAt(i).toString(16) + "."; return s; }
  if (Array.isArray(v)) return "[" + v.map(describe).join(",") + "]";
  if (Object.getPrototypeOf(v) !== Object.prototype) return "bad prototype";
  return "{" + Reflect.ownKeys(v).map((k) => describe(k) + ":" + describe(v[k])).join(",") + "}";
}`

// randomJSON writes a random JSON text: nested objects and arrays, repeated
// and __proto__ keys, escapes (lone surrogates too), raw non-ASCII, numbers
// in every JSON form, whitespace.
func randomJSON(r *rand.Rand, b *bytes.Buffer, depth int) {
	ws := func() {
		if r.IntN(4) == 0 {
			b.WriteString([]string{" ", "\n", "\t ", "\r\n"}[r.IntN(4)])
		}
	}
	str := func() {
		b.WriteByte('"')
		for range r.IntN(8) {
			switch r.IntN(8) {
			case 0:
				fmt.Fprintf(b, `\u%04x`, []int{0xd800, 0xdc00, 0xd83d, 0x00e9, 0x0000, 0x2028}[r.IntN(6)])
			case 1:
				b.WriteString([]string{`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`}[r.IntN(8)])
			case 2:
				b.WriteString([]string{"é", "日本", "😀", "\u2028"}[r.IntN(4)])
			case 3:
				b.WriteString([]string{"__proto__", "a", "constructor", "toString"}[r.IntN(4)])
			default:
				b.WriteByte("abcxyz <&>'"[r.IntN(11)])
			}
		}
		b.WriteByte('"')
	}
	ws()
	switch k := r.IntN(10); {
	case depth < 5 && k < 3:
		b.WriteByte('{')
		for i := range r.IntN(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			ws()
			if r.IntN(3) == 0 {
				b.WriteString([]string{`"__proto__"`, `"a"`, `"1"`, `"0"`, `""`}[r.IntN(5)])
			} else {
				str()
			}
			ws()
			b.WriteByte(':')
			randomJSON(r, b, depth+1)
		}
		ws()
		b.WriteByte('}')
	case depth < 5 && k < 5:
		b.WriteByte('[')
		for i := range r.IntN(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			randomJSON(r, b, depth+1)
		}
		ws()
		b.WriteByte(']')
	case k < 7:
		str()
	case k < 9:
		b.WriteString([]string{"0", "-0", "1", "-1.5", "1e3", "1E-7", "123456789012345678901234567890", "1e400", "-1e400",
			"0.1", "5e-324", "2.5e-324", "9007199254740993", "-0.0", "1.7976931348623157e308"}[r.IntN(15)])
	default:
		b.WriteString([]string{"true", "false", "null"}[r.IntN(3)])
	}
	ws()
}

// TestParseJSONMatchesNode parses random texts with ParseJSON in goja and
// with JSON.parse in Node and compares the values.
func TestParseJSONMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") != "" {
			t.Fatal("node not on PATH")
		}
		t.Skip("node not on PATH")
	}
	r := rand.New(rand.NewPCG(7, 11))
	texts := make([]string, 3000)
	for i := range texts {
		var b bytes.Buffer
		randomJSON(r, &b, 0)
		texts[i] = b.String()
	}
	in, _ := json.Marshal(texts)
	file := filepath.Join(t.TempDir(), "texts.json")
	if err := os.WriteFile(file, in, 0o644); err != nil {
		t.Fatal(err)
	}
	script := describeJS + `
const texts = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
process.stdout.write(JSON.stringify(texts.map((t) => describe(JSON.parse(t)))));`
	out, err := exec.Command(node, "-e", script, file).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	rt := goja.New()
	if _, err := rt.RunString(describeJS); err != nil {
		t.Fatal(err)
	}
	describe, _ := goja.AssertFunction(rt.Get("describe"))
	fell := 0
	for i, text := range texts {
		v, ok := ParseJSON(rt, []byte(text), 100)
		if !ok {
			// Handed to JSON.parse: only for a key that may hold a lone surrogate.
			if !strings.Contains(text, `\ud8`) && !strings.Contains(text, `\udc`) {
				t.Fatalf("ParseJSON(%s) not ok; JSON.parse takes it", text)
			}
			fell++
			continue
		}
		got, err := describe(goja.Undefined(), v)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != want[i] {
			t.Fatalf("ParseJSON(%s):\n got  %s\n Node %s", text, got, want[i])
		}
	}
	t.Logf("%d texts identical to Node's JSON.parse, %d handed to JSON.parse", len(texts)-fell, fell)
}

func TestParseJSONRejects(t *testing.T) {
	rt := goja.New()
	for _, text := range []string{"", " ", "{", `{"a"}`, `{"a":1,}`, "[1,]", "01", "1.", ".5", "+1", "-", "1e", `"\x"`, `"\u12"`,
		"\"a\x01\"", "tru", "nul", "[1] 2", `{"a":1}}`, "\"\xff\"", strings.Repeat("[", 101) + strings.Repeat("]", 101)} {
		if v, ok := ParseJSON(rt, []byte(text), 100); ok {
			t.Errorf("ParseJSON(%q) = %v, want not ok", text, v)
		}
	}
	if _, ok := ParseJSON(rt, []byte(strings.Repeat("[", 100)+strings.Repeat("]", 100)), 100); !ok {
		t.Error("100 levels with a limit of 100: not ok")
	}
}

// TestParseJSONMatchesJSONParse compares ParseJSON with goja's JSON.parse on
// what its fast paths take: the key cache (many objects sharing keys, a
// repeated key whose last value wins in the first position, "__proto__" as
// an own key), escapes decoded to UTF-8 (surrogate pairs, \u0026), lone
// surrogates and small integers beside doubles. goja's JSON.parse turns a
// lone surrogate into U+FFFD, so those strings are checked against the code
// units Node keeps.
func TestParseJSONMatchesJSONParse(t *testing.T) {
	var rows strings.Builder
	rows.WriteString(`{"items":[`)
	for i := range 300 {
		if i > 0 {
			rows.WriteByte(',')
		}
		fmt.Fprintf(&rows, `{"id":%d,"name":"Item %d \u0026 more","price":%g,"featured":%t,"__proto__":{"n":%d},"id":-%d}`, i, i, 3+float64(i)*0.75, i%5 == 0, i, i)
	}
	rows.WriteString(`],"title":"Items"}`)
	texts := []string{
		rows.String(),
		`{"a":1,"b":2,"a":3}`, `{"__proto__":1,"__proto__":[2]}`, `[{"__proto__":null},{"__proto__":{"x":1}}]`,
		`{"k\u0041":1,"kA":2}`, `{"\ud83d\ude00":"\ud83d\ude00","😀":"x"}`, `"a\u0026b\u00e9\u2028\/\"\\\b\f\n\r\t"`,
		`"\uD83D\uDE00\uDBFF\uDFFF"`, `"\ufffd�"`, `["\u0000",""]`, `[[1,[2,[]]],[3,{"a":[4,5]}],6,[]]`,
		`[0,-0,1,-1,123456789012345,-123456789012345,1234567890123456,9007199254740993,1e2,1.5,-0.0,0.5e1]`,
	}
	rt := goja.New()
	if _, err := rt.RunString(describeJS); err != nil {
		t.Fatal(err)
	}
	describe, _ := goja.AssertFunction(rt.Get("describe"))
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	for _, text := range texts {
		v, ok := ParseJSON(rt, []byte(text), 100)
		if !ok {
			t.Fatalf("ParseJSON(%.80s) not ok", text)
		}
		want, err := parse(goja.Undefined(), rt.ToValue(text))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := describe(goja.Undefined(), v)
		if w, _ := describe(goja.Undefined(), want); got.String() != w.String() {
			t.Errorf("ParseJSON(%.80s):\n got  %.300s\n want %.300s", text, got, w)
		}
	}
	for text, want := range map[string]string{
		`"\ud83d"`: "sd83d.", `"\ude00\ud83d"`: "sde00.d83d.", `"x\ud83d\u0041"`: "s78.d83d.41.",
		`"\ud83d\ud83d\ude00"`: "sd83d.d83d.de00.", `"é\u00e9\ud800"`: "se9.e9.d800.", `"\ud83d\ude00\udc00"`: "sd83d.de00.dc00.",
		`"\ud83d\u00e9"`: "sd83d.e9.", `"\ud83d\"`: "",
	} {
		v, ok := ParseJSON(rt, []byte(text), 100)
		if want == "" {
			if ok {
				t.Errorf("ParseJSON(%s) ok, want not ok", text)
			}
			continue
		}
		if !ok {
			t.Fatalf("ParseJSON(%s) not ok", text)
		}
		if got, _ := describe(goja.Undefined(), v); got.String() != want {
			t.Errorf("ParseJSON(%s) = %s, want %s", text, got, want)
		}
	}
}
