package island

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		in   []string
		want Options
		err  string
	}{
		{nil, Options{Strategy: Load}, ""},
		{[]string{"client:idle"}, Options{Strategy: Idle}, ""},
		{[]string{" client:visible "}, Options{Strategy: Visible}, ""},
		{[]string{"client:media=(max-width: 600px)"}, Options{Strategy: Media, Media: "(max-width: 600px)"}, ""},
		{[]string{"client:only"}, Options{Strategy: Load, ClientOnly: true}, ""},
		{[]string{"static", "cache=5m"}, Options{Strategy: Static, CacheTTL: 5 * time.Minute}, ""},
		{[]string{"cache=off"}, Options{Strategy: Load, NoCache: true}, ""},
		{[]string{"client:later"}, Options{}, "unknown island option"},
		{[]string{"cache=-1s"}, Options{}, "positive duration"},
		{[]string{"static", "client:load"}, Options{}, "more than one"},
	}
	for _, tt := range tests {
		got, err := ParseOptions(tt.in...)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseOptions(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseOptions(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestEncodePropsEscapes(t *testing.T) {
	b, err := EncodeProps(map[string]any{"s": "</script><!--\u2028\u2029&'\"", "n": nil})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"n":null,"s":"\u003c/script\u003e\u003c!--\u2028\u2029\u0026'\""}`
	if string(b) != want {
		t.Fatalf("EncodeProps = %s\nwant         %s", b, want)
	}
	if b, _ := EncodeProps(nil); string(b) != "{}" {
		t.Errorf("nil props = %s", b)
	}
	if _, err := EncodeProps(json.RawMessage(`{"a":`)); err == nil {
		t.Error("malformed raw JSON accepted")
	}
	// Raw JSON keeps its key order (components may iterate objects) and is
	// escaped like everything else.
	raw, err := EncodeProps(json.RawMessage(" {\"z\": 1, \"a\": \"</script>\u2028\"}\n"))
	if want := `{"z":1,"a":"\u003c/script\u003e\u2028"}`; err != nil || string(raw) != want {
		t.Errorf("raw props = %s, %v; want %s", raw, err, want)
	}
	if _, err := EncodeProps(json.RawMessage(`[1]`)); err == nil {
		t.Error("raw array accepted")
	}
	if _, err := EncodeProps("str"); err == nil || !strings.Contains(err.Error(), "JSON object") {
		t.Errorf("string props: %v", err)
	}
	if _, err := EncodeProps(map[string]any{"c": make(chan int)}); err == nil {
		t.Error("channel accepted")
	}
}

// FuzzEncodeProps checks that no string value can break out of the props
// script: the encoding never contains <, >, &, U+2028 or U+2029 raw, and it
// decodes back to the input.
func FuzzEncodeProps(f *testing.F) {
	for _, s := range []string{"</script>", "<!--", "\u2028", "a&b", "😀", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := EncodeProps(map[string]string{"v": s})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(b, "<>&\u2028\u2029") {
			t.Fatalf("unsafe byte in %q", b)
		}
		var back map[string]string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if want := validUTF8(s); back["v"] != want {
			t.Fatalf("round trip: %q != %q", back["v"], want)
		}
	})
}

func TestMarkupAndScan(t *testing.T) {
	var buf bytes.Buffer
	Markup(&buf, Island{Component: "shop/Cart", Src: "/_ssr/islands/shop/Cart-X.js", Props: []byte(`{"a":1}`),
		HTML: "<p>hi</p>", Options: Options{Strategy: Media, Media: `(min-width: 1px) and "x"`}})
	Markup(&buf, Island{Component: "A", HTML: "<b>static</b>", Options: Options{Strategy: Static}})
	Markup(&buf, Island{Component: "B", Src: "/b.js", Props: []byte(`{}`), Options: Options{Strategy: Load, ClientOnly: true}, Fallback: "timeout", IDPrefix: "i2"})
	want := `<ssr-island data-component="shop/Cart" data-strategy="media" data-media="(min-width: 1px) and &#34;x&#34;" data-src="/_ssr/islands/shop/Cart-X.js"><p>hi</p></ssr-island>` +
		`<script type="application/json" data-island-props>{"a":1}</script>` +
		`<ssr-island data-component="A" data-strategy="static"><b>static</b></ssr-island>` +
		`<ssr-island data-component="B" data-strategy="load" data-src="/b.js" data-id-prefix="i2" data-render="client" data-fallback="timeout"></ssr-island>` +
		`<script type="application/json" data-island-props>{}</script>`
	if buf.String() != want {
		t.Fatalf("Markup:\n%s\nwant\n%s", buf.String(), want)
	}
	found := Scan(buf.Bytes())
	if len(found) != 3 || found[0] != (Found{"shop/Cart", Media}) || found[1] != (Found{"A", Static}) || found[2] != (Found{"B", Load}) {
		t.Fatalf("Scan = %+v", found)
	}
}

// TestRuntimeContract keeps runtime.js in step with Markup: the runtime must
// read the attributes and the props script that Markup writes.
func TestRuntimeContract(t *testing.T) {
	src, err := Source.ReadFile(RuntimePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"` + Tag + `"`, `"data-component"`, `"data-strategy"`, `"data-src"`, `"data-media"`,
		`"data-render"`, `"data-id-prefix"`, `"data-island-props"`, `"static"`, `"idle"`, `"visible"`, `"media"`} {
		if !bytes.Contains(src, []byte(s)) {
			t.Errorf("runtime.js does not mention %s", s)
		}
	}
}

// validUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func validUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // RuneError is U+FFFD
		i += size
	}
	return b.String()
}

func benchProps(n int) map[string]any {
	items := make([]map[string]any, n)
	for i := range items {
		items[i] = map[string]any{"id": i, "name": "Product <b>", "price": 12.5}
	}
	return map[string]any{"products": items}
}

func BenchmarkEncodeProps(b *testing.B) {
	props := benchProps(100)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := EncodeProps(props); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkup(b *testing.B) {
	props, _ := EncodeProps(benchProps(100))
	is := Island{Component: "ProductList", Src: "/_ssr/islands/ProductList-X.js", Props: props,
		HTML: strings.Repeat("<li>row</li>", 1000), Options: Options{Strategy: Visible}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var sb strings.Builder
		sb.Grow(Size(is))
		Markup(&sb, is)
	}
}
