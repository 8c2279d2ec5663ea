package ssrhost

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// ParseJSON builds in rt the value JSON.parse would make of text: objects
// with their keys in text order (a repeated key keeps its first position
// and its last value, "__proto__" is an own property), arrays, strings
// with every escape kept as UTF-16 code units (lone surrogates included),
// numbers as doubles (-0 stays -0), booleans and null. It reads the bytes
// in one pass, where goja's JSON.parse goes through encoding/json's token
// stream and costs about three times as much for a render's props.
//
// ok is false when text is not valid JSON or nests deeper than maxDepth:
// the caller then hands text to JSON.parse, whose error (and depth guard)
// the component sees as before. It must run on rt's goroutine.
func ParseJSON(rt *goja.Runtime, text []byte, maxDepth int) (v goja.Value, ok bool) {
	p := parser{rt: rt, s: text, maxDepth: maxDepth}
	p.space()
	v, ok = p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(p.s)
}

type parser struct {
	rt       *goja.Runtime
	s        []byte
	i        int
	maxDepth int
	units    []uint16 // scratch for strings with escapes
	keys     map[string]goja.Value
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (goja.Value, bool) {
	if p.i >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		if depth >= p.maxDepth {
			return nil, false
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= p.maxDepth {
			return nil, false
		}
		return p.array(depth + 1)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case p.literal("true"):
		return p.rt.ToValue(true), true
	case p.literal("false"):
		return p.rt.ToValue(false), true
	case p.literal("null"):
		return goja.Null(), true
	}
	return nil, false
}

func (p *parser) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && string(p.s[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return true
	}
	return false
}

func (p *parser) object(depth int) (goja.Value, bool) {
	o := p.rt.NewObject()
	p.i++ // {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return o, true
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, false
		}
		k, ok := p.key()
		if !ok {
			return nil, false
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.space()
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		// CreateDataProperty, as JSON.parse: no setters run, "__proto__" is
		// an ordinary key. A key with lone surrogates cannot be a Go string
		// without loss, so that rare object goes to JSON.parse.
		name, exact := keyName(k)
		if !exact || o.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE) != nil {
			return nil, false
		}
		p.space()
		if p.i >= len(p.s) {
			return nil, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.space()
		case '}':
			p.i++
			return o, true
		default:
			return nil, false
		}
	}
}

// keyName is the property name for key k, and whether it is exact: a Go
// string cannot hold a lone surrogate, which k.String() turns into U+FFFD.
func keyName(k goja.Value) (string, bool) {
	s := k.String()
	if !strings.ContainsRune(s, utf8.RuneError) {
		return s, true
	}
	u := utf16.Encode([]rune(s))
	ks := k.(goja.String)
	if len(u) != ks.Length() {
		return s, false
	}
	for i, c := range u {
		if ks.CharAt(i) != c {
			return s, false
		}
	}
	return s, true
}

// key reads an object key. Plain ASCII keys, nearly all of them and the
// same few over and over in a list, are kept once per parse.
func (p *parser) key() (goja.Value, bool) {
	start := p.i + 1
	for j := start; j < len(p.s); j++ {
		c := p.s[j]
		if c == '"' {
			if v, ok := p.keys[string(p.s[start:j])]; ok {
				p.i = j + 1
				return v, true
			}
			v, ok := p.str()
			if ok {
				if p.keys == nil {
					p.keys = map[string]goja.Value{}
				}
				p.keys[string(p.s[start:j])] = v
			}
			return v, ok
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			break
		}
	}
	return p.str()
}

func (p *parser) array(depth int) (goja.Value, bool) {
	p.i++ // [
	p.space()
	var items []any
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return p.rt.NewArray(), true
	}
	for {
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		items = append(items, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.space()
		case ']':
			p.i++
			return p.rt.NewArray(items...), true
		default:
			return nil, false
		}
	}
}

func (p *parser) str() (goja.Value, bool) {
	p.i++ // "
	start := p.i
	ascii := true
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			s := string(p.s[start:p.i])
			p.i++
			if ascii {
				return p.rt.ToValue(s), true
			}
			if !utf8.ValidString(s) {
				return nil, false // JSON.parse would see U+FFFD; let it
			}
			return p.rt.ToValue(s), true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
		p.i++
	}
	return nil, false
}

// escaped finishes a string with escapes, from its first escape at p.i,
// as UTF-16 code units.
func (p *parser) escaped(start int) (goja.Value, bool) {
	u := p.units[:0]
	for _, r := range string(p.s[start:p.i]) {
		if r == utf8.RuneError {
			return nil, false
		}
		u = utf16.AppendRune(u, r)
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			p.units = u
			return goja.StringFromUTF16(u), true
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return nil, false
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				u = append(u, uint16(e))
			case 'b':
				u = append(u, '\b')
			case 'f':
				u = append(u, '\f')
			case 'n':
				u = append(u, '\n')
			case 'r':
				u = append(u, '\r')
			case 't':
				u = append(u, '\t')
			case 'u':
				if p.i+4 > len(p.s) {
					return nil, false
				}
				n, err := strconv.ParseUint(string(p.s[p.i:p.i+4]), 16, 16)
				if err != nil {
					return nil, false
				}
				u = append(u, uint16(n))
				p.i += 4
			default:
				return nil, false
			}
		case c < 0x20:
			return nil, false
		case c < 0x80:
			u = append(u, uint16(c))
			p.i++
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			if r == utf8.RuneError {
				return nil, false
			}
			u = utf16.AppendRune(u, r)
			p.i += size
		}
	}
	return nil, false
}

// number reads a number with JSON's grammar (no leading zeros, no bare
// dot, no plus sign) and converts it as JSON.parse does.
func (p *parser) number() (goja.Value, bool) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case p.i < len(p.s) && p.s[p.i] >= '1' && p.s[p.i] <= '9':
		p.digits()
	default:
		return nil, false
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if !p.digits() {
			return nil, false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return nil, false
		}
	}
	f, err := strconv.ParseFloat(string(p.s[start:p.i]), 64)
	if err != nil {
		// Out of range: JSON.parse gives ±Infinity, as ParseFloat's value does.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return nil, false
		}
	}
	return p.rt.ToValue(f), true
}

func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}
