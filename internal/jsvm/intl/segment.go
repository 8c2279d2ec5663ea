package intl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/rivo/uniseg"
)

// segmenter is a resolved Intl.Segmenter. Boundaries come from github.com/rivo/uniseg (UAX #29 with
// Unicode 15.0 tables), with the Indic conjunct rule GB9c of Unicode 15.1 added from Node's own data
// (segmenter.json, gen/segmenter.js). Where that cannot give ICU's segments, segment() throws a
// RangeError instead: characters newer than Unicode 15.0, and words in the scripts ICU breaks with a
// dictionary (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar and the other Southeast Asian scripts).
type segmenter struct {
	locale      string
	granularity string
	in          *intl
}

func (in *intl) newSegmenter(locales, options goja.Value) *segmenter {
	o := in.options(options)
	in.str(o, "localeMatcher", "best fit", "lookup", "best fit")
	s := &segmenter{in: in}
	s.granularity = "grapheme"
	if v := o.Get("granularity"); v != nil && !goja.IsUndefined(v) {
		switch g := v.String(); g {
		case "grapheme", "word", "sentence":
			s.granularity = g
		default:
			panic(in.rangeError("Value " + g + " out of range for Intl.Segmenter options property granularity"))
		}
	}
	s.locale, _ = in.resolveLocale(locales)
	return s
}

func (s *segmenter) resolved(rt *goja.Runtime) *goja.Object {
	o := rt.NewObject()
	o.Set("locale", s.locale)
	o.Set("granularity", s.granularity)
	return o
}

//go:embed segmenter.json
var segmenterJSON []byte

// incb is Unicode's Indic_Conjunct_Break property as Node's ICU has it.
type incb struct {
	Unicode   string    `json:"unicode"`
	Linker    [][2]rune `json:"linker"`
	Consonant [][2]rune `json:"consonant"`
	Extend    [][2]rune `json:"extend"`
}

var loadINCB = sync.OnceValue(func() *incb {
	var d incb
	if err := json.Unmarshal(segmenterJSON, &d); err != nil {
		panic(fmt.Sprintf("intl: embedded segmenter.json: %v", err))
	}
	return &d
})

func inRanges(rs [][2]rune, r rune) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][1] >= r })
	return i < len(rs) && rs[i][0] <= r
}

// dictionaryScripts are the scripts ICU breaks into words with a dictionary (cjdict, and the
// Complex_Context line-break class), which UAX #29's rules do not reproduce.
var dictionaryScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao,
	unicode.Khmer, unicode.Myanmar, unicode.Tai_Tham, unicode.Tai_Viet, unicode.Tai_Le, unicode.New_Tai_Lue, unicode.Ahom}

// segment is a segment's UTF-16 start offset and, for words, whether it is word-like.
type segment struct {
	Index    int
	WordLike bool
}

// segments splits str as ICU does; the returned offsets are in UTF-16 code units, as JS indexes strings.
func (s *segmenter) segments(str string) []segment {
	for _, r := range str {
		if r >= 0x80 && !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C) {
			panic(s.in.rangeError(fmt.Sprintf("jsvm Intl: Intl.Segmenter does not support U+%04X: it is newer than the Unicode 15.0 break tables (Node has Unicode %s)", r, loadINCB().Unicode)))
		}
		if s.granularity == "word" && unicode.In(r, dictionaryScripts...) {
			panic(s.in.rangeError(fmt.Sprintf("jsvm Intl: Intl.Segmenter granularity=word does not support U+%04X: ICU breaks its script into words with a dictionary", r)))
		}
		if s.granularity != "grapheme" && unicode.Is(unicode.Prepended_Concatenation_Mark, r) {
			panic(s.in.rangeError(fmt.Sprintf("jsvm Intl: Intl.Segmenter granularity=%s does not support U+%04X: its word and sentence break class differs between ICU and the Unicode 15.0 tables", s.granularity, r)))
		}
	}
	var pieces []string
	switch s.granularity {
	case "grapheme":
		pieces = graphemes(str)
	case "word":
		pieces = s.words(str)
	case "sentence":
		state := -1
		for rest := str; rest != ""; {
			var w string
			w, rest, state = uniseg.FirstSentenceInString(rest, state)
			pieces = append(pieces, w)
		}
	}
	out := make([]segment, 0, len(pieces))
	off := 0
	for _, p := range pieces {
		out = append(out, segment{Index: off, WordLike: s.granularity == "word" && wordLike(p)})
		off += utf16Len(p)
	}
	return out
}

// words is uniseg's word segments, with two differences ICU makes. ICU's dictionary break engine takes a
// run of Hangul syllables as one word, and its rules see the text on either side apart from it ("a.가"
// is "a", ".", "가"); a Hangul syllable next to a combining mark or format character is a RangeError, as
// how ICU's rules and its engine share such a sequence is not known here. And ICU joins two spaces only
// when nothing is between them (" \u200d " is " \u200d", " ").
func (s *segmenter) words(str string) []string {
	var out []string
	start, prev := 0, -1 // prev: 1 Hangul syllable, 0 other
	flush := func(run string, hangul bool) {
		if run == "" {
			return
		}
		if hangul {
			out = append(out, run)
			return
		}
		state := -1
		for rest := run; rest != ""; {
			var w string
			w, rest, state = uniseg.FirstWordInString(rest, state)
			out = append(out, splitSpaces(w)...)
		}
	}
	for i, r := range str {
		h := 0
		if r >= 0xAC00 && r <= 0xD7A3 {
			h = 1
		}
		if prev >= 0 && h != prev {
			if h == 0 && (unicode.In(r, unicode.M, unicode.Cf) || isEmojiModifier(r)) || h == 1 && unicode.In(lastRune(str[:i]), unicode.M, unicode.Cf) {
				panic(s.in.rangeError(fmt.Sprintf("jsvm Intl: Intl.Segmenter granularity=word does not support a Hangul syllable next to a combining mark or format character (at index %d)", utf16Len(str[:i]))))
			}
			flush(str[start:i], prev == 1)
			start = i
		}
		prev = h
	}
	flush(str[start:], prev == 1)
	return out
}

// splitSpaces breaks a segment of spaces and marks before each space that follows a mark.
func splitSpaces(w string) []string {
	for _, r := range w {
		if !unicode.In(r, unicode.Zs, unicode.M, unicode.Cf) {
			return []string{w}
		}
	}
	var out []string
	start, prevSpace := 0, true
	for i, r := range w {
		sp := unicode.Is(unicode.Zs, r)
		if sp && !prevSpace {
			out = append(out, w[start:i])
			start = i
		}
		prevSpace = sp
	}
	return append(out, w[start:])
}

func isEmojiModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// graphemes is uniseg's extended grapheme clusters, joined where GB9c (consonant, linker, consonant)
// forbids the break.
func graphemes(str string) []string {
	d := loadINCB()
	var out []string
	state := -1
	for rest := str; rest != ""; {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if n := len(out); n > 0 {
			first, _ := utf8.DecodeRuneInString(c)
			if inRanges(d.Consonant, first) && conjunctOpen(out[n-1], d) {
				out[n-1] += c
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// conjunctOpen reports whether cluster ends in Consonant [Extend Linker]* Linker [Extend Linker]*.
func conjunctOpen(cluster string, d *incb) bool {
	linker := false
	for s := cluster; s != ""; {
		r, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		switch {
		case inRanges(d.Linker, r):
			linker = true
		case inRanges(d.Extend, r):
		default:
			return linker && inRanges(d.Consonant, r)
		}
	}
	return false
}

// wordLike is ICU's rule status for a word segment other than "none": it holds a letter or a number,
// or two connectors ("__").
func wordLike(w string) bool {
	connectors := 0
	// ICU's status is the one of the rule that ended the word: a letter joined to a pictograph by ZWJ
	// (WB3c, "a\u200d👍") has none.
	for s := w; s != ""; {
		r, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if unicode.In(r, unicode.M, unicode.Cf) || isEmojiModifier(r) {
			continue
		}
		if unicode.Is(unicode.S, r) {
			return false
		}
		break
	}
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r) {
			return true
		}
		if unicode.Is(unicode.Pc, r) {
			connectors++
		}
	}
	return connectors > 1 // ICU's rule for ExtendNumLet after ExtendNumLet has the letter status; "_" alone has none
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
