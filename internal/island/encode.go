package island

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// propsEncoder writes props as json.Marshal does, byte for byte, without
// reflection for the types that props are nearly always made of: what
// encoding/json decodes into an any, and the maps, slices and numbers that
// Go callers build by hand. json.Marshal spends most of a list's encoding on
// reflect.Value copies of map entries; this is about three times faster.
type propsEncoder struct {
	buf  []byte
	keys []string // sort scratch for a map[string]string
}

type entry struct {
	k string
	v any
}

// maxPropsDepth bounds the nesting the encoder writes itself; deeper (or
// cyclic) props go to json.Marshal, for its output or its cycle error.
const maxPropsDepth = 512

var encoders = sync.Pool{New: func() any { return new(propsEncoder) }}

// marshalProps is json.Marshal(props). Anything the encoder does not write
// exactly as json.Marshal (a NaN, an error inside a type it hands to
// json.Marshal, too deep a nesting) makes it marshal all of props again,
// so errors are json.Marshal's own.
func marshalProps(props any) ([]byte, error) {
	e := encoders.Get().(*propsEncoder)
	defer e.release()
	if !e.value(props, 0) {
		return json.Marshal(props)
	}
	return append([]byte(nil), e.buf...), nil
}

func (e *propsEncoder) release() {
	if cap(e.buf) > 1<<20 { // one huge page's props should not stay pinned
		return
	}
	e.buf = e.buf[:0]
	clear(e.keys[:cap(e.keys)])
	e.keys = e.keys[:0]
	encoders.Put(e)
}

func (e *propsEncoder) value(v any, depth int) bool {
	switch v := v.(type) {
	case nil:
		e.buf = append(e.buf, "null"...)
	case string:
		e.buf = appendJSONString(e.buf, v)
	case bool:
		e.buf = strconv.AppendBool(e.buf, v)
	case float64:
		return e.float(v, 64)
	case float32:
		return e.float(float64(v), 32)
	case int:
		e.buf = strconv.AppendInt(e.buf, int64(v), 10)
	case int64:
		e.buf = strconv.AppendInt(e.buf, v, 10)
	case int32:
		e.buf = strconv.AppendInt(e.buf, int64(v), 10)
	case uint:
		e.buf = strconv.AppendUint(e.buf, uint64(v), 10)
	case uint64:
		e.buf = strconv.AppendUint(e.buf, v, 10)
	case uint32:
		e.buf = strconv.AppendUint(e.buf, uint64(v), 10)
	case map[string]any:
		if v == nil {
			e.buf = append(e.buf, "null"...)
			return true
		}
		if depth >= maxPropsDepth {
			return false
		}
		return e.object(v, depth)
	case map[string]string:
		if v == nil {
			e.buf = append(e.buf, "null"...)
			return true
		}
		start := len(e.keys)
		for k := range v {
			e.keys = append(e.keys, k)
		}
		keys := e.keys[start:]
		slices.Sort(keys)
		e.buf = append(e.buf, '{')
		for i, k := range keys {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendJSONString(e.buf, k)
			e.buf = append(e.buf, ':')
			e.buf = appendJSONString(e.buf, v[k])
		}
		e.buf = append(e.buf, '}')
		e.keys = e.keys[:start]
	case []any:
		return appendArray(e, v, depth)
	case []map[string]any:
		return appendArray(e, v, depth)
	case []string:
		if v == nil {
			e.buf = append(e.buf, "null"...)
			return true
		}
		e.buf = append(e.buf, '[')
		for i, s := range v {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendJSONString(e.buf, s)
		}
		e.buf = append(e.buf, ']')
	default:
		// Structs, named types, json.Number, json.Marshaler and the rest:
		// json.Marshal writes a value the same inside props as on its own.
		b, err := json.Marshal(v)
		if err != nil {
			return false
		}
		e.buf = append(e.buf, b...)
	}
	return true
}

// object writes a map[string]any with sorted keys. Its entries are sorted,
// not its keys, which saves looking each value up again; those of a small
// map stay on the stack, as pointer writes to the heap cost a write
// barrier each while the collector runs, which in a render is often.
func (e *propsEncoder) object(m map[string]any, depth int) bool {
	var small [8]entry
	entries := small[:0]
	if len(m) > len(small) {
		entries = make([]entry, 0, len(m))
	}
	for k, x := range m {
		entries = append(entries, entry{k, x})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.k, b.k) })
	e.buf = append(e.buf, '{')
	for i, kv := range entries {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendJSONString(e.buf, kv.k)
		e.buf = append(e.buf, ':')
		if !e.value(kv.v, depth+1) {
			return false
		}
	}
	e.buf = append(e.buf, '}')
	return true
}

// float is encoding/json's floatEncoder: ES number formatting, with 'e'
// below 1e-6 and from 1e21, and e-07 written e-7.
func (e *propsEncoder) float(f float64, bits int) bool {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(e.buf, f, format, -1, bits)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.buf = b
	return true
}

// jsonSafe marks the ASCII bytes json.Marshal writes as they are: not a
// control character, quote, backslash or one of <, > and & (HTML escaping).
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's appendString with HTML escaping:
// \b \f \n \r \t and \u00XX for other control bytes and <, >, &; \ufffd for
// each invalid UTF-8 byte; U+2028 and U+2029 as \u2028 and \u2029.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendArray writes a slice of values the encoder handles (nil is null, as json.Marshal writes it).
func appendArray[T any](e *propsEncoder, v []T, depth int) bool {
	if v == nil {
		e.buf = append(e.buf, "null"...)
		return true
	}
	if depth >= maxPropsDepth {
		return false
	}
	e.buf = append(e.buf, '[')
	for i, x := range v {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if !e.value(x, depth+1) {
			return false
		}
	}
	e.buf = append(e.buf, ']')
	return true
}
