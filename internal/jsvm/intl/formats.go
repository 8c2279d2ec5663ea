package intl

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

type listPatterns struct {
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Pair   string `json:"pair"`
	Start  string `json:"start"`
	Middle string `json:"middle"`
	End    string `json:"end"`
}

type relativeUnit struct {
	Future map[string]string `json:"future"` // plural category -> pattern with {0}
	Past   map[string]string `json:"past"`   // also "zero": the pattern for -0
	Auto   map[string]string `json:"auto"`   // numeric "auto": value (-2..2) -> phrase
}

type formatsData struct {
	List     map[string]*listPatterns            `json:"list"`     // "conjunction.long" -> patterns
	Relative map[string]map[string]*relativeUnit `json:"relative"` // style -> unit -> patterns
}

// formatsFor is the locale's list and relative-time data (gen/formats.js), or nil.
func formatsFor(locale string) *formatsData {
	if b := bundleFor(locale); b != nil {
		return b.Formats
	}
	return nil
}

// listFormat is a resolved Intl.ListFormat.
type listFormat struct {
	locale, typ, style string
	p                  *listPatterns
}

func (in *intl) newListFormat(locales, options goja.Value) *listFormat {
	o := in.options(options)
	lf := &listFormat{}
	lf.typ = in.str(o, "type", "conjunction", "conjunction", "disjunction", "unit")
	lf.style = in.str(o, "style", "long", "long", "short", "narrow")
	lf.locale, _ = in.resolveLocale(locales)
	if d := formatsFor(lf.locale); d != nil {
		lf.p = d.List[lf.typ+"."+lf.style]
	}
	if lf.p == nil {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: ListFormat type=%s style=%s is not supported for locale %s", lf.typ, lf.style, lf.locale)))
	}
	return lf
}

// Spanish "y" is "e" before an /i/ sound and "o" is "u" before an /o/ sound, as in ICU (gen/formats.js
// checks the rule against Node).
var (
	spanishY = regexp.MustCompile(`^(?:[iI]|[hH][iI])`)
	spanishA = regexp.MustCompile(`^[hH][iI][aeAE]`)
	spanishO = regexp.MustCompile(`^(?:[oO8]|[hH][oO]|11(?:$|\D))`)
)

func (lf *listFormat) sep(s, next string) string {
	if !strings.HasPrefix(lf.locale, "es") {
		return s
	}
	if strings.HasSuffix(s, " y ") && spanishY.MatchString(next) && !spanishA.MatchString(next) {
		return strings.TrimSuffix(s, "y ") + "e "
	}
	if strings.HasSuffix(s, " o ") && spanishO.MatchString(next) {
		return strings.TrimSuffix(s, "o ") + "u "
	}
	return s
}

func (lf *listFormat) parts(items []string) []part {
	var out []part
	lit := func(s string) {
		if s != "" {
			out = append(out, part{"literal", s})
		}
	}
	if len(items) == 0 {
		return out
	}
	lit(lf.p.Prefix)
	for i, it := range items {
		out = append(out, part{"element", it})
		if i == len(items)-1 {
			break
		}
		next := items[i+1]
		switch {
		case len(items) == 2:
			lit(lf.sep(lf.p.Pair, next))
		case i == 0:
			lit(lf.sep(lf.p.Start, next))
		case i == len(items)-2:
			lit(lf.sep(lf.p.End, next))
		default:
			lit(lf.sep(lf.p.Middle, next))
		}
	}
	lit(lf.p.Suffix)
	return out
}

// relativeFormat is a resolved Intl.RelativeTimeFormat.
type relativeFormat struct {
	locale, style, numeric string
	shown                  string // the locale resolvedOptions reports (keywords included)
	units                  map[string]*relativeUnit
	nf                     *numberFormat
	pr                     *pluralRules
}

func (in *intl) newRelativeFormat(locales, options goja.Value) *relativeFormat {
	o := in.options(options)
	rf := &relativeFormat{}
	rf.style = in.str(o, "style", "long", "long", "short", "narrow")
	rf.numeric = in.str(o, "numeric", "always", "always", "auto")
	var kw map[string]string
	rf.locale, _, kw = in.resolveLocaleKeywords(locales)
	var ext extension
	in.resolveNumbering(kw, in.typeOption(o, "numberingSystem"), rf.locale, numberingSystemOf(rf.locale), &ext)
	rf.shown = ext.locale(rf.locale)
	if d := formatsFor(rf.locale); d != nil {
		rf.units = d.Relative[rf.style]
	}
	if rf.units == nil {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: RelativeTimeFormat style=%s is not supported for locale %s", rf.style, rf.locale)))
	}
	rf.nf = in.newNumberFormat(in.rt.ToValue(rf.locale), goja.Undefined())
	rf.pr = in.newPluralRules(in.rt.ToValue(rf.locale), goja.Undefined())
	return rf
}

var relativeUnits = map[string]string{
	"second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour",
	"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
	"quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year",
}

func (in *intl) formatRelative(rf *relativeFormat, value float64, unit string) string {
	u, ok := relativeUnits[unit]
	if !ok {
		panic(in.rangeError(fmt.Sprintf("Invalid unit argument for format() '%s'", unit)))
	}
	if math.IsNaN(value) || math.IsInf(value, 0) {
		panic(in.rangeError("Invalid number value"))
	}
	d := rf.units[u]
	if rf.numeric == "auto" && value == math.Trunc(value) && math.Abs(value) <= 2 {
		if s, ok := d.Auto[strconv.Itoa(int(value))]; ok {
			return s
		}
	}
	abs := math.Abs(value)
	var pat string
	switch {
	case value == 0 && math.Signbit(value):
		pat = d.Past["zero"]
	case math.Signbit(value):
		pat = d.Past[rf.pr.selectForm(abs)]
	default:
		pat = d.Future[rf.pr.selectForm(abs)]
	}
	if pat == "" {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: RelativeTimeFormat has no pattern for %v %s in %s", value, unit, rf.locale)))
	}
	return strings.Replace(pat, "{0}", rf.nf.format(abs), 1)
}
