package hypernova

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/ssrgate/ssrgate/internal/island"
)

func quietTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func TestKey(t *testing.T) {
	tests := []struct{ name, key string }{
		{"Widget", "Widget"},
		{"Widget.js", "Widgetjs"},
		{"shop/Cart.tsx", "shopCarttsx"},
		{"my-widget_2", "mywidget_2"},
		{`a"b<c>`, "abc"},
		{"Ünïcode", "ncode"}, // JavaScript's \W is ASCII-only too
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.name); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.name, got, tt.key)
		}
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newID()
		if !uuidV4.MatchString(id) {
			t.Fatalf("%q is not a UUID v4", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
	}
}

func TestComponentNames(t *testing.T) {
	s := &service{known: map[string]bool{"Widget": true, "shop/Cart": true, "Odd.js": true}}
	tests := []struct {
		name, comp string
		ok         bool
	}{
		{"Widget", "Widget", true},
		{"Widget.js", "Widget", true},
		{"Widget.jsx", "Widget", true},
		{"Widget.ts", "Widget", true},
		{"Widget.tsx", "Widget", true},
		{"Widget.vue", "Widget", true},
		{"shop/Cart.tsx", "shop/Cart", true},
		{"shop/Cart", "shop/Cart", true},
		{"Odd.js", "Odd.js", true}, // an exact name wins over stripping
		{"Odd.js.jsx", "Odd.js", true},
		{"Widget.css", "", false},
		{"widget", "", false},
		{"Cart.tsx", "", false},
		{"Nope.js", "", false},
	}
	for _, tt := range tests {
		comp, ok := s.component(tt.name)
		if comp != tt.comp || ok != tt.ok {
			t.Errorf("component(%q) = %q, %v; want %q, %v", tt.name, comp, ok, tt.comp, tt.ok)
		}
	}
}

// hypernovaDecode is what hypernova's browser code (fromScript) does with
// the text of a props script; node_test.go runs the real one.
func hypernovaDecode(text string) (any, error) {
	text = strings.TrimPrefix(text, "<!--")
	text = strings.TrimSuffix(text, "-->")
	text = strings.ReplaceAll(text, "&gt;", ">")
	text = strings.ReplaceAll(text, "&amp;", "&")
	var v any
	err := json.Unmarshal([]byte(text), &v)
	return v, err
}

func TestMarkupEscaping(t *testing.T) {
	hostile := map[string]any{
		"a": "</script><script>alert(1)</script>",
		"b": "<!-- <script> -->",
		"c": "line\u2028sep\u2029para",
		"d": "&gt; &amp; & > <",
		"e": "]]> --!> <!",
	}
	props, err := island.EncodeProps(hostile)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	writeMarkup(&buf, element{key: "Widget", id: "id-1", src: "/_ssr/w.js", html: "<p>hi</p>", props: props})
	out := buf.String()
	open := `<script type="application/json" data-hypernova-key="Widget" data-hypernova-id="id-1">`
	i := strings.Index(out, open)
	if i < 0 || !strings.HasSuffix(out, "</script>") {
		t.Fatalf("markup: %s", out)
	}
	text := out[i+len(open) : len(out)-len("</script>")]
	if !strings.HasPrefix(text, "<!--") || !strings.HasSuffix(text, "-->") {
		t.Fatalf("props not wrapped in <!-- -->: %s", text)
	}
	inner := text[4 : len(text)-3]
	if strings.ContainsAny(inner, "<>&\u2028\u2029") {
		t.Errorf("props text holds a character that can end the script or break JS: %s", inner)
	}
	got, err := hypernovaDecode(text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	for k, v := range hostile {
		want[k] = v
	}
	if gb, wb := mustMarshal(t, got), mustMarshal(t, want); gb != wb {
		t.Errorf("round trip:\n got %s\nwant %s", gb, wb)
	}
	if !strings.HasPrefix(out, `<div data-hypernova-key="Widget" data-hypernova-id="id-1" data-ssrgate-src="/_ssr/w.js"><p>hi</p></div>`+"\n") {
		t.Errorf("div: %s", out)
	}
}

func TestFallbackMarkup(t *testing.T) {
	var buf bytes.Buffer
	writeMarkup(&buf, element{key: "shopCarttsx", id: "x", props: []byte(`{}`)})
	want := `<div data-hypernova-key="shopCarttsx" data-hypernova-id="x"></div>` + "\n" +
		`<script type="application/json" data-hypernova-key="shopCarttsx" data-hypernova-id="x"><!--{}--></script>`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzDecodeBatch: no request body panics the decoder, and a decoded batch
// has unique tokens and a result or a component for every job.
func FuzzDecodeBatch(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, ``, `{"a": {"name": "Widget", "data": {"x": 1}}}`, `[{"name": "W.js"}]`,
		`{"a": 1, "a": {"name": "Widget"}}`, `{"a": {"name": "Widget", "data": [1]}}`, `{"a"`, `null`, `"x"`, `{} x`} {
		f.Add(seed)
	}
	s := &service{known: map[string]bool{"Widget": true, "W": true}, log: quietTo(io.Discard), cfg: Config{MaxJobs: DefaultMaxJobs}}
	f.Fuzz(func(t *testing.T, body string) {
		jobs, rerr := s.decodeBatch([]byte(body))
		if rerr != nil {
			if (rerr.status != 400 && rerr.status != 413) || rerr.err == nil {
				t.Fatalf("request error %+v", rerr)
			}
			return
		}
		seen := map[string]bool{}
		for _, j := range jobs {
			if seen[j.token] {
				t.Fatalf("duplicate token %q", j.token)
			}
			seen[j.token] = true
			if j.bad == nil && (j.comp == "" || len(j.props) == 0 || j.props[0] != '{') {
				t.Fatalf("job %+v neither failed nor ready", j)
			}
		}
	})
}
