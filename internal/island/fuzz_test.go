package island

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokens decodes b into its token stream (keys in their order), or fails.
func tokens(b []byte) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out []any
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, tok)
	}
}

// FuzzRawProps feeds arbitrary bytes to EncodeProps as json.RawMessage (the
// path that keeps the author's key order, used by Engine.Render callers and
// the render API) and as []byte. Accepted props must be HTML-safe, decode
// to the same tokens in the same order as the input, and be a JSON object;
// everything else must be an error, never a panic.
//
// Seeds: testdata/fuzz/FuzzRawProps. Break it: drop json.HTMLEscape in
// encodeRaw (a "</script>" survives), or re-marshal through a map (key order
// changes).
func FuzzRawProps(f *testing.F) {
	for _, s := range []string{`{}`, `{"b":1,"a":2}`, `{"x":"</script><!--"}`, `{"u":"\u2028\u2029"}`, "{\"raw\":\"\u2028\"}",
		`{"n":1e400}`, `{"s":"\ud800"}`, `[1]`, `"str"`, `{"a":{"b":[1,{"c":null}]}}`, " \n{\"a\" : 1 }\t", `{"a":1}{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := EncodeProps(json.RawMessage(in))
		inTok, inErr := tokens(in)
		if err != nil {
			if inErr == nil && utf8.Valid(in) && json.Valid(in) && bytes.HasPrefix(bytes.TrimLeft(in, " \t\r\n"), []byte("{")) {
				t.Fatalf("valid JSON object %q rejected: %v", in, err)
			}
			return
		}
		if !json.Valid(in) || !utf8.Valid(in) {
			t.Fatalf("invalid props %q accepted as %q", in, out)
		}
		if bytes.ContainsAny(out, "<>&\u2028\u2029") {
			t.Fatalf("unsafe byte in %q (from %q)", out, in)
		}
		if out[0] != '{' {
			t.Fatalf("props %q encoded to a non-object %q", in, out)
		}
		outTok, err := tokens(out)
		if err != nil {
			t.Fatalf("encoded props %q do not decode: %v", out, err)
		}
		if !reflect.DeepEqual(inTok, outTok) {
			t.Fatalf("props changed: %q became %q", in, out)
		}

		// []byte is not raw JSON (json.Marshal would make it a base64
		// string): always an error that points to json.RawMessage.
		if _, err := EncodeProps(in); err == nil || !strings.Contains(err.Error(), "json.RawMessage") {
			t.Fatalf("[]byte props %q: %v, want an error naming json.RawMessage", in, err)
		}
	})
}
