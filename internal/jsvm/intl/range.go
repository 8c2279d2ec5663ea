package intl

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
)

// rangesData is what formatRange needs beyond the formats of single values (gen/ranges.js).
type rangesData struct {
	Number struct {
		Pattern [3]string         `json:"pattern"` // prefix, infix and suffix of "{0}–{1}"
		Approx  string            `json:"approx"`  // the approximately sign
		Plural  map[string]string `json:"plural"`  // "one.other" -> the plural form of the range
	} `json:"number"`
	// Date holds, for a date format's key (dateFormat.key) and the greatest field in which the two dates
	// differ (Fields: y M d a h m s ms), the index in Patterns of "=" (format the start date alone) or the
	// interval pattern's segments; -1 where gen/ranges.js has none.
	Date struct {
		Fields   []string          `json:"fields"`
		Patterns []json.RawMessage `json:"patterns"`
		Keys     map[string][]int  `json:"keys"`
	} `json:"date"`

	mu       sync.Mutex
	segments map[string][]rangeSegment // parsed Date entries, by key + "/" + field
}

// rangeSegment is a run of an interval pattern whose fields come from one date: source is "shared",
// "startRange" or "endRange".
type rangeSegment struct {
	source string
	tokens []token
}

func (nf *numberFormat) ranges() *rangesData {
	if b := bundleFor(nf.locale); b != nil {
		return b.Ranges
	}
	return nil
}

// rangePart is a part of a formatted range.
type rangePart struct {
	part
	Source string
}

// formatRange implements Intl.NumberFormat.prototype.formatRangeToParts as ICU's number range formatter
// does with collapse "auto" and identity fallback "approximately": equal numbers are one number with the
// approximately sign; otherwise the pattern around the numbers (currency, percent, compact affix, sign) is
// written once when it is the same for both and longer than one code point, the unit once when both have
// it (in the plural form of the range), and spaces are put around the range sign when anything is repeated.
func (nf *numberFormat) formatRange(x, y float64) []rangePart {
	rd := nf.ranges()
	if rd == nil || rd.Number.Approx == "" {
		panic(nf.in.rangeError("jsvm Intl: NumberFormat.prototype.formatRange is not supported for locale " + nf.locale + ": no generated range data (gen/ranges.js)"))
	}
	a, b := nf.layout(x, false), nf.layout(y, false)
	if a.value == b.value { // ICU compares the rounded numbers, not their text (-1 and 1 with signDisplay never are 1–1)
		var out []rangePart
		for _, p := range nf.layout(x, true).flat() {
			out = append(out, rangePart{p, "shared"})
		}
		return out
	}
	pre1, suf1 := a.mid[:a.c0], a.mid[a.c1+1:]
	pre2, suf2 := b.mid[:b.c0], b.mid[b.c1+1:]
	// ICU compares the patterns without the currency spacing it inserts next to a digit ("USD∞–5.00").
	collapseMiddle := sameParts(a.unspaced(pre1, true), b.unspaced(pre2, true)) && sameParts(a.unspaced(suf1, false), b.unspaced(suf2, false)) &&
		codePoints(pre1)+codePoints(suf1) > 1
	// The unit (outer modifier) is the same for both ends: it is written once, in the plural form of the range.
	var outerPre, outerSuf []part
	if a.hasUnit {
		// The plural ranges decide even for two ends of one form (cy: zero–zero is other).
		cat, ok := rd.Number.Plural[a.unitCat+"."+b.unitCat]
		if !ok {
			panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: NumberFormat.prototype.formatRange: the plural form of a range from %s to %s in %s is not known", a.unitCat, b.unitCat, nf.locale)))
		}
		t := nf.unitTemplate(cat)
		if t == "" {
			panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: option unit=%s (unitDisplay=%s) is not supported for ranges in locale %s: no generated pattern for the plural form %s", nf.unit, nf.unitDisplay, nf.locale, cat)))
		}
		u := templateParts(t, []part{{coreStart, ""}}, "unit")
		found := false
		for i, p := range u {
			if p.Type == coreStart {
				outerPre, outerSuf, found = u[:i], u[i+1:], true
			}
		}
		if !found {
			panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: option unit=%s (unitDisplay=%s) is not supported for ranges in locale %s: the pattern of the plural form %s has no number", nf.unit, nf.unitDisplay, nf.locale, cat)))
		}
	}
	exponent := (nf.notation == "scientific" || nf.notation == "engineering") && !math.IsInf(x, 0) // the start's inner modifier
	repeat := exponent || !collapseMiddle && codePoints(pre1)+codePoints(suf1) > 0
	infix := rd.Number.Pattern[1]
	if repeat {
		if r := []rune(infix); len(r) == 0 || !patternSpace(r[0]) {
			infix = " " + infix
		}
		if r := []rune(infix); !patternSpace(r[len(r)-1]) {
			infix += " "
		}
	}
	var out []part
	var spans [2][2]int // UTF-16 offsets of the start and end numbers
	off := 0
	add := func(ps ...part) {
		for _, p := range ps {
			if p.Value == "" || p.Type == coreStart || p.Type == coreEnd {
				continue
			}
			out = append(out, p)
			off += len(utf16.Encode([]rune(p.Value)))
		}
	}
	lit := func(s string) { add(part{"literal", s}) }
	// ICU inserts the collapsed unit, then the collapsed pattern affixes, each next to the numbers: the
	// affixes come first on both sides (sw: "elfu MB 1–5", en: "1–5 thousand MB").
	lit(rd.Number.Pattern[0])
	if collapseMiddle {
		add(pre1...)
	}
	add(outerPre...)
	for i, l := range []*layers{a, b} {
		if i == 1 {
			lit(infix)
		}
		spans[i][0] = off
		if collapseMiddle {
			add(l.mid[l.c0+1 : l.c1]...)
		} else {
			add(l.mid...)
		}
		spans[i][1] = off
	}
	if collapseMiddle {
		add(suf2...) // its currency spacing is the one next to the end number (ICU inserts it there)
	}
	add(outerSuf...)
	lit(rd.Number.Pattern[2])
	if collapseMiddle && a.spacedPrefix {
		// ICU counts the currency spacing it inserted after a collapsed currency ("EUR 3.00–5.00") as
		// part of neither the prefix nor the number, so its spans, and Node's sources, start one unit early.
		for i := range spans {
			spans[i][0]--
			spans[i][1]--
		}
	}
	// V8 makes one literal part of adjacent literals, whichever number they belong to ("–‎" in ar: the
	// range sign and the end number's bidi mark), then gives each part a source.
	merged := out[:0:0]
	for _, p := range out {
		if n := len(merged); n > 0 && p.Type == "literal" && merged[n-1].Type == "literal" {
			merged[n-1].Value += p.Value
			continue
		}
		merged = append(merged, p)
	}
	res := make([]rangePart, 0, len(merged))
	off = 0
	for _, p := range merged {
		src := "shared" // V8 gives a part the source of the span that holds all of it
		end := off + len(utf16.Encode([]rune(p.Value)))
		switch {
		case off >= spans[0][0] && end <= spans[0][1]:
			src = "startRange"
		case off >= spans[1][0] && end <= spans[1][1]:
			src = "endRange"
		}
		off = end
		res = append(res, rangePart{p, src})
	}
	return res
}

// unspaced is a prefix (or suffix) of the number's pattern without the currency spacing ICU inserted.
func (l *layers) unspaced(ps []part, prefix bool) []part {
	if prefix && !l.spacedPrefix || !prefix && !l.spacedSuffix || len(ps) == 0 {
		return ps
	}
	out := append([]part(nil), ps...)
	i := 0
	if prefix {
		i = len(out) - 1
	}
	if out[i].Type == "literal" {
		if prefix {
			out[i].Value = strings.TrimSuffix(out[i].Value, "\u00a0")
		} else {
			out[i].Value = strings.TrimPrefix(out[i].Value, "\u00a0")
		}
		if out[i].Value == "" {
			out = append(out[:i], out[i+1:]...)
		}
	}
	return out
}

func joined(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Value)
	}
	return b.String()
}

func sameParts(a, b []part) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func codePoints(ps []part) int {
	n := 0
	for _, p := range ps {
		n += len([]rune(p.Value))
	}
	return n
}

// patternSpace is ICU's Pattern_White_Space.
func patternSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u200e', '\u200f', '\u2028', '\u2029':
		return true
	}
	return false
}

// greatestDifference is the largest calendar field in which a and b differ in loc, "" if none.
func greatestDifference(a, b time.Time) string {
	switch {
	case a.Year() != b.Year():
		return "y"
	case a.Month() != b.Month():
		return "M"
	case a.Day() != b.Day():
		return "d"
	case a.Hour()/12 != b.Hour()/12:
		return "a"
	case a.Hour() != b.Hour():
		return "h"
	case a.Minute() != b.Minute():
		return "m"
	case a.Second() != b.Second():
		return "s"
	case a.Nanosecond()/1e6 != b.Nanosecond()/1e6:
		return "ms"
	}
	return ""
}

// rangeSegments is the interval pattern of the format's options for field, nil for "format the start
// date alone", and ok false where gen/ranges.js has none.
func (rd *rangesData) rangeSegments(key, field string) (segs []rangeSegment, ok bool) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	id := key + "/" + field
	if s, ok := rd.segments[id]; ok {
		return s, true
	}
	row, ok := rd.Date.Keys[key]
	if !ok {
		return nil, false
	}
	j := -1
	for i, f := range rd.Date.Fields {
		if f == field && i < len(row) {
			j = row[i]
		}
	}
	if j < 0 || j >= len(rd.Date.Patterns) {
		return nil, false
	}
	raw := rd.Date.Patterns[j]
	var eq string
	if json.Unmarshal(raw, &eq) == nil && eq == "=" {
		segs = nil
	} else {
		var list [][2]string
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, false
		}
		for _, s := range list {
			src := map[string]string{"s": "shared", "1": "startRange", "2": "endRange"}[s[0]]
			segs = append(segs, rangeSegment{src, parsePattern(s[1])})
		}
	}
	if rd.segments == nil {
		rd.segments = map[string][]rangeSegment{}
	}
	rd.segments[id] = segs
	return segs, true
}

// formatRange implements Intl.DateTimeFormat.prototype.formatRangeToParts with ICU's interval formats;
// single is true where Node formats the start date alone (then formatRange is format, U+202F made a space).
func (df *dateFormat) formatRange(x, y float64) (ps []rangePart, single bool) {
	if !validTime(x) || !validTime(y) {
		panic(df.in.rangeError("Invalid time value"))
	}
	if df.fraction > 0 {
		panic(df.in.rangeError("jsvm Intl: DateTimeFormat.prototype.formatRange is not supported with fractionalSecondDigits"))
	}
	a, b := time.UnixMilli(int64(x)).In(df.loc), time.UnixMilli(int64(y)).In(df.loc)
	field := greatestDifference(a, b)
	var segs []rangeSegment
	if field != "" {
		var rd *rangesData
		if bd := bundleFor(df.locale); bd != nil {
			rd = bd.Ranges
		}
		ok := false
		if rd != nil && df.key != "" {
			segs, ok = rd.rangeSegments(df.key, field)
		}
		if !ok {
			what := df.key
			if what == "" {
				what = "these options"
			}
			panic(df.in.rangeError(fmt.Sprintf("jsvm Intl: DateTimeFormat.prototype.formatRange is not supported for %s in locale %s when the dates differ first in field %s: no generated interval pattern (gen/ranges.js)", what, df.locale, field)))
		}
	}
	if segs == nil {
		segs, single = []rangeSegment{{"shared", df.tokens}}, true
	}
	for _, s := range segs {
		t := x
		if s.source == "endRange" {
			t = y
		}
		p, _ := df.partsWith(s.tokens, t)
		for _, q := range p {
			// Literals of one source are one part (a pattern glued from a date and a time has two).
			if n := len(ps); n > 0 && q.Type == "literal" && ps[n-1].Type == "literal" && ps[n-1].Source == s.source {
				ps[n-1].Value += q.Value
				continue
			}
			ps = append(ps, rangePart{q, s.source})
		}
	}
	return ps, single
}

func validTime(ms float64) bool {
	return !math.IsNaN(ms) && !math.IsInf(ms, 0) && math.Abs(ms) <= 8.64e15
}
