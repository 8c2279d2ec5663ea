package island

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// sameAsMarshal fails t unless marshalProps(v) and EncodeProps(v) give
// exactly what json.Marshal, and EncodeProps before the encoder, give.
func sameAsMarshal(t *testing.T, v any) {
	t.Helper()
	got, gotErr := marshalProps(v)
	want, wantErr := json.Marshal(v)
	if !bytes.Equal(got, want) || errString(gotErr) != errString(wantErr) {
		t.Fatalf("marshalProps(%#v)\n = %q, %v\nwant %q, %v", v, got, gotErr, want, wantErr)
	}
	got, gotErr = EncodeProps(v)
	want, wantErr = encodePropsReflect(v)
	if !bytes.Equal(got, want) || errString(gotErr) != errString(wantErr) {
		t.Fatalf("EncodeProps(%#v)\n = %q, %v\nwant %q, %v", v, got, gotErr, want, wantErr)
	}
}

// encodePropsReflect is EncodeProps as it was with json.Marshal.
func encodePropsReflect(props any) ([]byte, error) {
	switch props.(type) {
	case nil, json.RawMessage, []byte:
		return EncodeProps(props)
	}
	b, err := json.Marshal(props)
	if err != nil {
		return nil, fmt.Errorf("props are not JSON-serializable: %w", err)
	}
	if b[0] != '{' {
		return nil, fmt.Errorf("props must encode to a JSON object, got %s; wrap the value, e.g. (props \"items\" .)", shorten(b))
	}
	return b, nil
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

type point struct {
	X int    `json:"x"`
	S string `json:"s,omitempty"`
}

type upper string

func (u upper) MarshalJSON() ([]byte, error) {
	if u == "fail" {
		return nil, errors.New("upper: fail")
	}
	return json.Marshal(strings.ToUpper(string(u)) + "<&>")
}

var edgeFloats = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.75, 3.75, 1e20, 1e21, 1e-6, 1e-7, 9.999999e-7,
	123456789e13, 1.5e300, 5e-324, -5e-324, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
	1e-5, 1.0000000000000002, 2.220446049250313e-16, float64(1<<53 + 1), 1e100, 12345678901234567890,
	math.NaN(), math.Inf(1), math.Inf(-1)}

var edgeStrings = []string{"", "plain", "</script><!--", "a&b", "\u2028\u2029", "\x00\x01\x1f\x7f", "\b\f\n\r\t",
	`"\`, "\xff", "a\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "😀", "é", "\ufffd", "\u00e9\u0301", "日本語"}

// randString mixes the bytes encoding/json treats specially with plain text.
func randString(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(12) {
		switch r.IntN(8) {
		case 0:
			b.WriteByte(byte(r.IntN(0x20)))
		case 1:
			b.WriteByte(byte(0x80 + r.IntN(0x80))) // often invalid UTF-8
		case 2:
			b.WriteString(edgeStrings[r.IntN(len(edgeStrings))])
		case 3:
			b.WriteRune(rune(r.IntN(0x110000)))
		default:
			b.WriteByte(byte(0x20 + r.IntN(0x60)))
		}
	}
	return b.String()
}

func randFloat(r *rand.Rand) float64 {
	switch r.IntN(4) {
	case 0:
		return edgeFloats[r.IntN(len(edgeFloats)-3)] // finite
	case 1:
		return math.Float64frombits(r.Uint64())
	case 2:
		return float64(r.IntN(2000)-1000) * 0.25
	default:
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(60)-30))
	}
}

// randValue builds props of the kinds the encoder writes itself, with now
// and then one it hands to json.Marshal or one that must fail.
func randValue(r *rand.Rand, depth int) any {
	n := 14
	if depth > 4 {
		n = 8 // scalars only
	}
	switch r.IntN(n + 1) {
	case 0:
		return nil
	case 1:
		return randString(r)
	case 2:
		return r.IntN(2) == 0
	case 3:
		return randFloat(r)
	case 4:
		switch r.IntN(8) {
		case 0:
			return int(r.Int64())
		case 1:
			return r.Int64() - math.MaxInt64/2
		case 2:
			return int32(r.Int32())
		case 3:
			return uint(r.Uint64())
		case 4:
			return r.Uint64()
		case 5:
			return uint32(r.Uint32())
		case 6:
			return float32(randFloat(r))
		default:
			return int8(r.IntN(256) - 128) // json.Marshal's path
		}
	case 5:
		switch r.IntN(8) {
		case 0:
			return json.Number(fmt.Sprint(r.IntN(1000)))
		case 1:
			return json.Number("1.5e3x") // invalid: json.Marshal's error
		case 2:
			return point{X: r.IntN(10), S: randString(r)}
		case 3:
			return upper(randString(r))
		case 4:
			return json.RawMessage(`{"b":1, "a":"<"}`)
		case 5:
			return []byte(randString(r))
		case 6:
			return map[int]string{r.IntN(9): randString(r), 10: "x"}
		default:
			return &point{X: -1}
		}
	case 6:
		if r.IntN(40) == 0 {
			return math.NaN()
		}
		return edgeFloats[r.IntN(len(edgeFloats))]
	case 7:
		return edgeStrings[r.IntN(len(edgeStrings))]
	case 8:
		if r.IntN(20) == 0 {
			return []string(nil)
		}
		s := make([]string, r.IntN(4))
		for i := range s {
			s[i] = randString(r)
		}
		return s
	case 9, 10:
		if r.IntN(20) == 0 {
			return map[string]any(nil)
		}
		m := map[string]any{}
		for range r.IntN(6) {
			m[randString(r)] = randValue(r, depth+1)
		}
		return m
	case 11:
		m := map[string]string{}
		for range r.IntN(5) {
			m[randString(r)] = randString(r)
		}
		return m
	case 12:
		if r.IntN(20) == 0 {
			return []map[string]any(nil)
		}
		s := make([]map[string]any, r.IntN(4))
		for i := range s {
			s[i] = map[string]any{"id": i, "name": randString(r), "v": randValue(r, depth+1)}
		}
		return s
	default:
		if r.IntN(20) == 0 {
			return []any(nil)
		}
		s := make([]any, r.IntN(5))
		for i := range s {
			s[i] = randValue(r, depth+1)
		}
		return s
	}
}

// TestMarshalPropsMatchesJSON compares the encoder with json.Marshal on
// edge values and on thousands of seeded random props. Break it: drop the
// e-07 clean-up, the U+2028 escape or the key sort, and it fails.
func TestMarshalPropsMatchesJSON(t *testing.T) {
	for _, f := range edgeFloats {
		sameAsMarshal(t, f)
		sameAsMarshal(t, map[string]any{"f": f, "g": float32(f), "l": []any{f}})
	}
	for _, s := range edgeStrings {
		sameAsMarshal(t, s)
		sameAsMarshal(t, map[string]any{s: s, "k" + s: []string{s}})
		sameAsMarshal(t, map[string]string{s: s})
	}
	for c := range 256 {
		sameAsMarshal(t, map[string]any{string(rune(c)): string([]byte{byte(c)})})
	}
	sameAsMarshal(t, map[string]any{"a": json.Number("12"), "b": json.Number(""), "p": point{1, "<"}, "u": upper("x")})
	sameAsMarshal(t, map[string]any{"u": upper("fail")})
	sameAsMarshal(t, map[string]any{"c": make(chan int)})
	sameAsMarshal(t, map[string]any{"n": []any(nil), "m": map[string]any(nil), "s": []string(nil), "l": []map[string]any(nil), "e": []any{}})
	sameAsMarshal(t, map[string]any(nil))
	sameAsMarshal(t, []any{1, "a"})
	sameAsMarshal(t, point{})

	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		sameAsMarshal(t, map[string]any{"items": randValue(r, 0), randString(r): randValue(r, 1)})
		sameAsMarshal(t, randValue(r, 0))
	}
}

// TestMarshalPropsDeepAndCyclic: past maxPropsDepth json.Marshal writes
// the props, so deep props are the same and a cycle is its error.
func TestMarshalPropsDeepAndCyclic(t *testing.T) {
	deep := map[string]any{}
	m := deep
	for range 2 * maxPropsDepth {
		next := map[string]any{}
		m["a"] = []any{next}
		m = next
	}
	sameAsMarshal(t, deep)

	cyclic := map[string]any{"x": 1}
	cyclic["self"] = cyclic
	sameAsMarshal(t, cyclic)
	if _, err := EncodeProps(cyclic); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("cyclic props: %v, want json.Marshal's cycle error", err)
	}
	list := []any{nil}
	list[0] = list
	sameAsMarshal(t, map[string]any{"l": list})
}

// FuzzEncodePropsMatchesJSON decodes the input as JSON (as a template's
// data arrives) and compares the encoder with json.Marshal on it, on its
// json.Number form, and on the raw input as a key and a string (where
// invalid UTF-8 and control bytes survive).
//
// Seeds: testdata/fuzz/FuzzEncodePropsMatchesJSON.
func FuzzEncodePropsMatchesJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"b":1,"a":[2,"x"]}`, `{"x":"</script><!--&"}`, `{"u":"\u2028\u2029\u0000"}`,
		`{"f":[1e20,1e21,1e-6,1e-7,-0,5e-324,1.7976931348623157e308,0.1,100,1e+300]}`, `{"s":"\ud800\udc00\ud800"}`,
		`[1,{"c":null,"d":true}]`, `"str"`, `12.5`, "\xff\x00<", `{"a":{"a":{"a":{}}},"":""}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		sameAsMarshal(t, map[string]any{string(in): string(in), "l": []string{string(in)}})
		var v any
		if err := json.Unmarshal(in, &v); err != nil {
			return
		}
		sameAsMarshal(t, v)
		sameAsMarshal(t, map[string]any{"props": v})
		dec := json.NewDecoder(bytes.NewReader(in))
		dec.UseNumber()
		var n any
		if dec.Decode(&n) == nil {
			sameAsMarshal(t, n)
		}
	})
}
