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
	text     []byte            // scratch for strings with escapes
	units    []uint16          // the same, for those with lone surrogates
	keys     map[string]string // plain keys seen, as property names
	items    []any             // elements of the arrays being read
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
		name, ok := p.key()
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
		// an ordinary key.
		if o.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE) != nil {
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

// key reads an object key as a property name. Plain ASCII keys, nearly
// all of them and the same few on every row of a list, are kept once per
// parse as their Go string. A key with lone surrogates cannot be a Go
// string without loss, so that rare text goes to JSON.parse (not ok).
func (p *parser) key() (string, bool) {
	start := p.i + 1
	for j := start; j < len(p.s); j++ {
		c := p.s[j]
		if c == '"' {
			if name, ok := p.keys[string(p.s[start:j])]; ok {
				p.i = j + 1
				return name, true
			}
			name := string(p.s[start:j])
			if p.keys == nil {
				p.keys = map[string]string{}
			}
			p.keys[name] = name
			p.i = j + 1
			return name, true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			break
		}
	}
	k, ok := p.str()
	if !ok {
		return "", false
	}
	return keyName(k)
}

func (p *parser) array(depth int) (goja.Value, bool) {
	p.i++ // [
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return p.rt.NewArray(), true
	}
	// The elements go on one stack shared by the nested arrays; NewArray
	// copies them out. A failed parse is dropped whole, so only success
	// pops them.
	base := len(p.items)
	for {
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		p.items = append(p.items, v)
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
			a := p.rt.NewArray(p.items[base:]...)
			clear(p.items[base:])
			p.items = p.items[:base]
			return a, true
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

// escaped finishes a string with escapes, from its first escape at p.i.
// It decodes to UTF-8, surrogate pairs included (list props escape & as
// \u0026, so this is common); a lone surrogate, which UTF-8 cannot hold,
// sends the string from its start to escapedUTF16.
func (p *parser) escaped(start int) (goja.Value, bool) {
	b := append(p.text[:0], p.s[start:p.i]...)
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			p.text = b
			if !utf8.Valid(b) {
				return nil, false // JSON.parse would see U+FFFD; let it
			}
			return p.rt.ToValue(string(b)), true
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return nil, false
			}
			switch e := p.s[p.i+1]; {
			case simpleEscape[e] != 0:
				b = append(b, simpleEscape[e])
			case e == 'u':
				r, ok := hex4(p.s[p.i+2:])
				if !ok {
					return nil, false
				}
				if utf16.IsSurrogate(r) {
					lo, ok := rune(0), false
					if r < 0xdc00 && len(p.s)-p.i >= 12 && p.s[p.i+6] == '\\' && p.s[p.i+7] == 'u' {
						lo, ok = hex4(p.s[p.i+8:])
					}
					if !ok || lo < 0xdc00 || lo > 0xdfff {
						p.i = start
						return p.escapedUTF16(start)
					}
					r = utf16.DecodeRune(r, lo)
					p.i += 6
				}
				b = utf8.AppendRune(b, r)
				p.i += 4
			default:
				return nil, false
			}
			p.i += 2
		case c < 0x20:
			return nil, false
		default:
			b = append(b, c)
			p.i++
		}
	}
	return nil, false
}

// simpleEscape maps the character after a backslash to what it stands for, for every escape but \u.
var simpleEscape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex4 reads the four hex digits of a \u escape.
func hex4(s []byte) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// escapedUTF16 reads a string with a lone surrogate, from p.i (its first
// escape or its start), as UTF-16 code units.
func (p *parser) escapedUTF16(start int) (goja.Value, bool) {
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
			switch {
			case simpleEscape[e] != 0:
				u = append(u, uint16(simpleEscape[e]))
			case e == 'u':
				r, ok := hex4(p.s[p.i:])
				if !ok {
					return nil, false
				}
				u = append(u, uint16(r))
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
	if n, ok := smallInt(p.s[start:p.i]); ok {
		return p.rt.ToValue(n), true // the value ParseFloat's double would give
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

// smallInt is the value of an integer literal of at most 15 digits (ids,
// counts), exact as a double, without ParseFloat. "-0" is not one: it is a
// double.
func smallInt(lit []byte) (int, bool) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	if len(lit) > 15 {
		return 0, false
	}
	n := 0
	for _, c := range lit {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		if n == 0 {
			return 0, false
		}
		n = -n
	}
	return n, true
}

func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}
