package uniprop

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Unicode property escapes are expanded from tables extracted from Node's regexp engine by gen/props.js, so
// they follow Node's Unicode version (props.json records it), not Go's unicode package.

// span is an inclusive code point range.
type span struct{ lo, hi rune }

//go:embed props.json
var propsJSON []byte

// tables is props.json decoded: names maps each kind ("gc", "sc", "binary") to name -> canonical name;
// ranges holds the still-encoded ranges by key ("gc:Lu", "sc:Latn", "scx:Latn", "binary:ID_Start").
type tables struct {
	Unicode string                       `json:"unicode"`
	Names   map[string]map[string]string `json:"names"`
	Tables  map[string]string            `json:"tables"`
	decoded sync.Map                     // key -> []span
}

var loadTables = sync.OnceValue(func() *tables {
	t := &tables{}
	if err := json.Unmarshal(propsJSON, t); err != nil {
		panic(fmt.Sprintf("uniprop: embedded props.json: %v", err))
	}
	return t
})

// UnicodeVersion is the Unicode version of the embedded tables (Node's process.versions.unicode when they
// were generated).
func UnicodeVersion() string { return loadTables().Unicode }

// spansOf decodes one table: base-36 numbers, alternately the gap after the previous range and the length
// of the range minus one.
func (t *tables) spansOf(key string) ([]span, bool) {
	if v, ok := t.decoded.Load(key); ok {
		return v.([]span), true
	}
	enc, ok := t.Tables[key]
	if !ok {
		return nil, false
	}
	f := strings.Fields(enc)
	out := make([]span, 0, len(f)/2)
	prev := rune(-1)
	for i := 0; i+1 < len(f); i += 2 {
		gap, err1 := strconv.ParseInt(f[i], 36, 32)
		n, err2 := strconv.ParseInt(f[i+1], 36, 32)
		if err1 != nil || err2 != nil {
			panic(fmt.Sprintf("uniprop: embedded props.json: table %s is malformed", key))
		}
		lo := prev + 1 + rune(gap)
		out = append(out, span{lo, lo + rune(n)})
		prev = lo + rune(n)
	}
	t.decoded.Store(key, out)
	return out, true
}

// propertySpans resolves the body of \p{...} as V8 does: names are case-sensitive, General_Category values
// may stand alone, Script and Script_Extensions take script values.
func propertySpans(name string) ([]span, error) {
	t := loadTables()
	key, value, hasValue := strings.Cut(name, "=")
	var table string
	switch {
	case !hasValue:
		if c, ok := t.Names["gc"][name]; ok {
			table = "gc:" + c
		} else if c, ok := t.Names["binary"][name]; ok {
			table = "binary:" + c
		}
	case key == "General_Category" || key == "gc":
		if c, ok := t.Names["gc"][value]; ok {
			table = "gc:" + c
		}
	case key == "Script" || key == "sc":
		if c, ok := t.Names["sc"][value]; ok {
			table = "sc:" + c
		}
	case key == "Script_Extensions" || key == "scx":
		if c, ok := t.Names["sc"][value]; ok {
			table = "scx:" + c
		}
	}
	if s, ok := t.spansOf(table); ok {
		return s, nil
	}
	return nil, fmt.Errorf("Invalid property name %s", name)
}

const maxRune = 0x10FFFF

func complement(s []span) []span {
	var out []span
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, span{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= maxRune {
		out = append(out, span{next, maxRune})
	}
	return out
}

func writeSpans(b *strings.Builder, s []span) {
	for _, r := range s {
		fmt.Fprintf(b, `\u{%X}`, r.lo)
		if r.hi != r.lo {
			fmt.Fprintf(b, `-\u{%X}`, r.hi)
		}
	}
}

var (
	expandCache sync.Map // pattern -> expanded pattern; pure, so shared by all runtimes
	originals   sync.Map // expanded pattern -> pattern, for RegExp#source
)

// OriginalSource returns the pattern that Expand turned into source, or source itself.
func OriginalSource(source string) string {
	if v, ok := originals.Load(source); ok {
		return v.(string)
	}
	return source
}

// Expand rewrites \p{...} and \P{...} in a u-mode pattern into code point classes.
func Expand(pattern string) (string, error) {
	if v, ok := expandCache.Load(pattern); ok {
		return v.(string), nil
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			next := pattern[i+1]
			if (next == 'p' || next == 'P') && i+2 < len(pattern) && pattern[i+2] == '{' {
				end := strings.IndexByte(pattern[i+3:], '}')
				if end < 0 {
					return "", fmt.Errorf("Invalid regular expression: /%s/: Invalid property name", pattern)
				}
				name := pattern[i+3 : i+3+end]
				s, err := propertySpans(name)
				if err != nil {
					return "", fmt.Errorf("Invalid regular expression: /%s/u: Invalid property name", pattern)
				}
				switch {
				case inClass && next == 'P':
					writeSpans(&b, complement(s))
				case inClass:
					writeSpans(&b, s)
				case next == 'P':
					b.WriteString("[^")
					writeSpans(&b, s)
					b.WriteByte(']')
				default:
					b.WriteByte('[')
					writeSpans(&b, s)
					b.WriteByte(']')
				}
				i += 3 + end
				continue
			}
			b.WriteByte(c)
			b.WriteByte(next)
			i++
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	expandCache.Store(pattern, out)
	if out != pattern {
		originals.Store(out, pattern)
	}
	return out, nil
}
