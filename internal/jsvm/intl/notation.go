package intl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// compactEntry is the compact pattern of one power of ten: the number is divided by 10^D and put into
// the template of its plural category (One: the template for exactly 1, "mille"). D 0: no compaction.
type compactEntry struct {
	D int               `json:"d"`
	P map[string]string `json:"p"`
	N map[string]string `json:"n"` // signed numbers: "\x01" is the sign, with its bidi marks

	One  string `json:"one"`
	NOne string `json:"nOne"` // One, signed
	Bad  bool   `json:"bad"`  // Node's samples disagreed: jsvm throws rather than guess
}

type numberExtras struct {
	Exponent      string                                  `json:"exponent"`
	ExponentMinus string                                  `json:"exponentMinus"` // with ar's bidi mark
	System        string                                  `json:"numberingSystem"`
	Compact       map[string]map[string]*compactEntry     `json:"compact"` // short|long -> "3".."14"
	Units         map[string]map[string]map[string]string `json:"units"`   // unit -> display -> category -> template
	Plurals       map[string]*pluralSamples               `json:"plurals"` // cardinal, ordinal
	Symbols       struct {
		Currency symbolShape `json:"currency"`
		Percent  symbolShape `json:"percent"`
		// CurrencyPattern is the currency pattern of a symbol without a letter next to the number (the
		// one of EUR in es-US has the space ICU puts after "EUR").
		CurrencyPattern [2]string `json:"currencyPattern"`
		// Special holds the currencies with a pattern of their own in this locale, by currencyDisplay.
		Special map[string]map[string][2]string `json:"special"`
	} `json:"symbols"`
}

// numberExtrasFor is the locale's compact, unit and exponent data (gen/numbers.js), or nil.
func numberExtrasFor(locale string) *numberExtras {
	if b := bundleFor(locale); b != nil {
		return b.Numbers
	}
	return nil
}

// symbolShape is how a style separates and groups digits when it differs from the decimal format.
type symbolShape struct {
	Decimal   string `json:"decimal"`
	Group     string `json:"group"`
	Primary   int    `json:"primary"`
	Secondary int    `json:"secondary"`
}

// templateParts turns a template ("# {K}") into parts: the number's parts at '#', the braced text as a
// part of type kind, the rest literals.
func templateParts(tmpl string, num []part, kind string) []part {
	return signedTemplateParts(tmpl, num, kind, []part{{"minusSign", "-"}}, part{})
}

// signedTemplateParts is templateParts with the sign parts for "\x01" and approx for "\x02".
func signedTemplateParts(tmpl string, num []part, kind string, sign []part, approx part) []part {
	var out []part
	lit := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Type == "literal" {
			out[n-1].Value += s
			return
		}
		out = append(out, part{"literal", s})
	}
	for tmpl != "" {
		i := strings.IndexAny(tmpl, "#{\x01\x02")
		if i < 0 {
			lit(tmpl)
			break
		}
		lit(tmpl[:i])
		if tmpl[i] == '\x01' {
			out = append(out, sign...)
			tmpl = tmpl[i+1:]
			continue
		}
		if tmpl[i] == '\x02' {
			out = append(out, approx)
			tmpl = tmpl[i+1:]
			continue
		}
		if tmpl[i] == '#' {
			for _, p := range num {
				if p.Type == "literal" {
					lit(p.Value)
				} else {
					out = append(out, p)
				}
			}
			tmpl = tmpl[i+1:]
			continue
		}
		j := strings.IndexByte(tmpl[i:], '}') + i
		out = append(out, part{kind, tmpl[i+1 : j]})
		tmpl = tmpl[j+1:]
	}
	return out
}

// category is the plural category of the number digits × 10^exp as nf prints it (its trailing zeros
// count: "1.00 kilometers").
func (nf *numberFormat) category(digits string, exp int) string {
	var intStr, frac string
	for _, p := range nf.digitParts(digits, exp) {
		switch p.Type {
		case "integer":
			intStr += p.Value
		case "fraction":
			frac = p.Value
		}
	}
	form, ok := pluralCategory(nf.locale, false, intStr, frac)
	if !ok {
		n := intStr
		if frac != "" {
			n += "." + frac
		}
		panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: the plural rules of %s for %s are not known (golang.org/x/text's rules differ from Node's for this locale, and the generated samples do not cover it)", nf.locale, n)))
	}
	return form
}

// compactDigits scales and rounds |x| (digits × 10^exp) for compact notation, and returns the entry whose
// template the scaled number goes into (nil: printed as is). A number rounded up into the next power of
// ten takes that power's entry (999999 is 1M, not 1000K).
func (nf *numberFormat) compactDigits(digits string, exp int) (string, int, *compactEntry) {
	entries := nf.extras.Compact[nf.compactDisplay]
	pick := func(mag int) *compactEntry { // the highest power with a pattern, up to mag
		for ; mag >= 3; mag-- {
			if e := entries[strconv.Itoa(mag)]; e != nil {
				return e
			}
		}
		return nil
	}
	if digits == "0" {
		return digits, exp, nil
	}
	e := pick(exp - 1)
	d := 0
	if e != nil {
		d = e.D
	}
	rd, rexp := nf.round(digits, exp-d)
	if e2 := pick(rexp + d - 1); e2 != e && rd != "0" {
		e = e2
		d2 := 0
		if e != nil {
			d2 = e.D
		}
		rd, rexp = nf.round(digits, exp-d2)
	}
	if e != nil && e.D == 0 {
		e = nil
	}
	return rd, rexp, e
}

// compactTemplate is the template for the scaled number, or "" when the data has none for its category.
func (nf *numberFormat) compactTemplate(e *compactEntry, digits string, exp int) string {
	if e.One != "" && digits == "1" && exp == 1 {
		return e.One
	}
	return pluralTemplate(e.P, nf.category(digits, exp))
}

// pluralTemplate is the template of category, or of "other" when the locale has none for it, as ICU
// falls back.
func pluralTemplate(m map[string]string, category string) string {
	if t, ok := m[category]; ok {
		return t
	}
	return m["other"]
}

// scientific splits digits × 10^exp into a mantissa (one integer digit; engineering: one to three, with
// an exponent that is a multiple of three) rounded by nf's digit options, and the exponent.
func (nf *numberFormat) scientific(digits string, exp int) (string, int, int) {
	if digits == "0" {
		return "0", 1, 0
	}
	shift := exp - 1
	if nf.notation == "engineering" {
		shift = floorDiv(exp-1, 3) * 3
	}
	rd, rexp := nf.round(digits, exp-shift)
	if nf.notation == "scientific" && rexp > 1 {
		shift += rexp - 1
		rexp = 1
	} else if nf.notation == "engineering" && rexp > 3 {
		shift += 3
		rexp -= 3
	}
	return rd, rexp, shift
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

//go:embed currencies.json
var currenciesJSON []byte

// accountingPatterns are a locale's currencySign "accounting" templates by class (gen/currencies.js): the
// positive, the negative and the positive with a plus sign.
type accountingPatterns struct {
	Symbol  [3]string `json:"symbol"`
	Letters [3]string `json:"letters"`
	Code    [3]string `json:"code"`
}

// currencyShapes are a locale's separators and grouping of one currencySign where some currency's differ
// from what gen/numbers.js recorded for EUR: the shape most currencies have, and the exceptions.
type currencyShapes struct {
	Common symbolShape            `json:"common"`
	Except map[string]symbolShape `json:"except"`
}

// currencies is currencies.json: accounting patterns where they differ from the standard ones, and
// shapes by currency sign ("standard", "accounting") where they differ from EUR's standard shape.
var currencies = sync.OnceValue(func() (c struct {
	Accounting map[string]*accountingPatterns        `json:"accounting"`
	Shapes     map[string]map[string]*currencyShapes `json:"shapes"`
}) {
	if err := json.Unmarshal(currenciesJSON, &c); err != nil {
		panic(fmt.Sprintf("intl: embedded currencies.json: %v", err))
	}
	return c
})
