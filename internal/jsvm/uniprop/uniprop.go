package uniprop

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Unicode property escapes are expanded from Go's unicode tables. Go's tables may trail the Unicode version
// of Node's ICU by a release or two, so characters assigned very recently can differ.

// span is an inclusive code point range.
type span struct{ lo, hi rune }

var generalCategoryAliases = map[string]string{
	"Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll", "Titlecase_Letter": "Lt",
	"Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M", "Combining_Mark": "M", "Nonspacing_Mark": "Mn",
	"Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Number": "N", "Decimal_Number": "Nd", "digit": "Nd",
	"Letter_Number": "Nl", "Other_Number": "No", "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc",
	"Dash_Punctuation": "Pd", "Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
	"Final_Punctuation": "Pf", "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm", "Currency_Symbol": "Sc",
	"Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z", "Space_Separator": "Zs", "Line_Separator": "Zl",
	"Paragraph_Separator": "Zp", "Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs",
	"Private_Use": "Co", "Unassigned": "Cn",
}

var scriptAliases = map[string]string{
	"Arab": "Arabic", "Armn": "Armenian", "Beng": "Bengali", "Cyrl": "Cyrillic", "Deva": "Devanagari",
	"Geor": "Georgian", "Grek": "Greek", "Gujr": "Gujarati", "Guru": "Gurmukhi", "Hang": "Hangul", "Hani": "Han",
	"Hebr": "Hebrew", "Hira": "Hiragana", "Kana": "Katakana", "Khmr": "Khmer", "Knda": "Kannada", "Laoo": "Lao",
	"Latn": "Latin", "Mlym": "Malayalam", "Mong": "Mongolian", "Mymr": "Myanmar", "Orya": "Oriya", "Sinh": "Sinhala",
	"Taml": "Tamil", "Telu": "Telugu", "Thaa": "Thaana", "Thai": "Thai", "Tibt": "Tibetan", "Zyyy": "Common",
	"Zinh": "Inherited", "Qaai": "Inherited", "Ethi": "Ethiopic",
}

// binaryProperties are ECMAScript binary properties that Go's tables can express.
var binaryProperties = map[string]func() []span{
	"Any":      func() []span { return []span{{0, unicode.MaxRune}} },
	"ASCII":    func() []span { return []span{{0, 0x7f}} },
	"Assigned": func() []span { return complement(spans(unicode.Categories["Cn"])) },
	"Alphabetic": func() []span {
		return spans(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl, unicode.Other_Alphabetic)
	},
	"Lowercase":   func() []span { return spans(unicode.Ll, unicode.Other_Lowercase) },
	"Uppercase":   func() []span { return spans(unicode.Lu, unicode.Other_Uppercase) },
	"Math":        func() []span { return spans(unicode.Sm, unicode.Other_Math) },
	"White_Space": func() []span { return spans(unicode.White_Space) },
	"space":       func() []span { return spans(unicode.White_Space) },
	"Alpha": func() []span {
		return spans(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl, unicode.Other_Alphabetic)
	},
	"Lower":                   func() []span { return spans(unicode.Ll, unicode.Other_Lowercase) },
	"Upper":                   func() []span { return spans(unicode.Lu, unicode.Other_Uppercase) },
	"Noncharacter_Code_Point": func() []span { return spans(unicode.Noncharacter_Code_Point) },
}

// emojiJSON holds the emoji binary properties (Emoji, Emoji_Presentation, Extended_Pictographic, ...), which
// Go's unicode tables lack, extracted from Node by gen/emoji.js.
//
//go:embed emoji.json
var emojiJSON []byte

var emojiProperties = sync.OnceValue(func() map[string][]span {
	var raw struct {
		Properties map[string][][2]rune `json:"properties"`
	}
	if err := json.Unmarshal(emojiJSON, &raw); err != nil {
		panic(fmt.Sprintf("uniprop: embedded emoji.json: %v", err))
	}
	out := make(map[string][]span, len(raw.Properties))
	for name, ranges := range raw.Properties {
		s := make([]span, len(ranges))
		for i, r := range ranges {
			s[i] = span{r[0], r[1]}
		}
		out[name] = s
	}
	return out
})

// propertySpans resolves the body of \p{...}.
func propertySpans(name string) ([]span, error) {
	key, value, hasValue := strings.Cut(name, "=")
	if hasValue {
		switch key {
		case "General_Category", "gc":
			return categorySpans(value)
		case "Script", "sc", "Script_Extensions", "scx":
			if long, ok := scriptAliases[value]; ok {
				value = long
			}
			if t, ok := unicode.Scripts[value]; ok {
				return spans(t), nil
			}
		}
		return nil, fmt.Errorf("Invalid property name %s", name)
	}
	if s, err := categorySpans(name); err == nil {
		return s, nil
	}
	if f, ok := binaryProperties[name]; ok {
		return f(), nil
	}
	if s, ok := emojiProperties()[name]; ok {
		return s, nil
	}
	if t, ok := unicode.Properties[name]; ok && !strings.HasPrefix(name, "Other_") {
		return spans(t), nil
	}
	return nil, fmt.Errorf("Invalid property name %s", name)
}

func categorySpans(name string) ([]span, error) {
	if short, ok := generalCategoryAliases[name]; ok {
		name = short
	}
	switch name {
	case "LC":
		return spans(unicode.Lu, unicode.Ll, unicode.Lt), nil
	case "Cn":
		var all []*unicode.RangeTable
		for n, t := range unicode.Categories {
			if len(n) == 2 {
				all = append(all, t)
			}
		}
		return complement(spans(all...)), nil
	case "C":
		c, _ := categorySpans("Cn")
		return merge(append(c, spans(unicode.C)...)), nil
	}
	if t, ok := unicode.Categories[name]; ok {
		return spans(t), nil
	}
	return nil, fmt.Errorf("Invalid property name %s", name)
}

func spans(tables ...*unicode.RangeTable) []span {
	var out []span
	for _, t := range tables {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					out = append(out, span{rune(r.Lo), rune(r.Hi)})
					break
				}
				out = append(out, span{c, c})
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					out = append(out, span{rune(r.Lo), rune(r.Hi)})
					break
				}
				out = append(out, span{c, c})
			}
		}
	}
	return merge(out)
}

func merge(s []span) []span {
	slices.SortFunc(s, func(a, b span) int { return int(a.lo - b.lo) })
	var out []span
	for _, r := range s {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	return out
}

func complement(s []span) []span {
	var out []span
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, span{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, span{next, unicode.MaxRune})
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

var expandCache sync.Map // pattern -> expanded pattern; pure, so shared by all runtimes

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
	return out, nil
}
