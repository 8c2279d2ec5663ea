package intl

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/currency"
)

// numberFormat is a resolved Intl.NumberFormat.
type numberFormat struct {
	locale      string // the generated locale whose data it formats with
	shown       string // the locale resolvedOptions reports: locale and the keywords honoured (-u-nu-arab)
	data        *localeData
	style       string // decimal, percent, currency
	currency    string
	display     string // symbol, narrowSymbol, code
	minInt      int
	minFrac     int
	maxFrac     int
	minSig      int // 0: fraction digits rule
	maxSig      int
	grouping    bool
	minGroup    int // useGrouping: 0 the locale's minimum grouping digits, 1 always, 2 min2
	signDisplay string
	accounting  bool                // currencySign "accounting"
	acc         *accountingPatterns // the locale's accounting patterns where they differ from the standard ones
	shapes      *currencyShapes     // the locale's grouping by currency for this sign, where it differs from EUR's

	notation       string // standard, compact, scientific, engineering
	compactDisplay string // short, long
	priority       string // roundingPriority as resolved: auto, morePrecision (compact's default), lessPrecision
	increment      int    // roundingIncrement: round to a multiple of increment × 10^-maxFrac
	roundingMode   string // ECMA-402's nine modes; halfExpand by default
	stripIfInteger bool   // trailingZeroDisplay: "stripIfInteger"
	negative       bool   // the sign of the value being rounded (ceil and floor depend on it)
	unit           string
	unitDisplay    string
	extras         *numberExtras
	in             *intl // for errors raised while formatting
}

type part struct{ Type, Value string }

func (in *intl) newNumberFormat(locales, options goja.Value) *numberFormat {
	return in.numberFormatFor(locales, options, true)
}

// numberFormatFor is newNumberFormat; numbering says whether the nu keyword and the numberingSystem option
// apply (not for PluralRules, whose options have none and whose locale keeps no keyword).
func (in *intl) numberFormatFor(locales, options goja.Value, numbering bool) *numberFormat {
	o := in.options(options)
	nf := &numberFormat{in: in}
	var kw map[string]string
	nf.locale, nf.data, kw = in.resolveLocaleKeywords(locales)
	nf.extras = numberExtrasFor(nf.locale)
	nf.shown = nf.locale
	if numbering {
		var ext extension
		in.resolveNumbering(kw, in.typeOption(o, "numberingSystem"), nf.locale, nf.numberingSystem(), &ext)
		nf.shown = ext.locale(nf.locale)
	}
	nf.style = in.str(o, "style", "decimal", "decimal", "percent", "currency", "unit")
	cur := in.str(o, "currency", "")
	nf.display = in.str(o, "currencyDisplay", "symbol", "symbol", "narrowSymbol", "code")
	nf.accounting = in.str(o, "currencySign", "standard", "standard", "accounting") == "accounting"
	if nf.accounting {
		nf.acc = currencies().Accounting[nf.locale]
	}
	nf.shapes = currencies().Shapes[nf.locale][nf.currencySign()]
	cDigits := 2
	if nf.style == "currency" {
		if cur == "" {
			panic(in.rt.NewTypeError("Currency code is required with currency style."))
		}
		unit, err := currency.ParseISO(cur)
		if err != nil {
			panic(in.rangeError("Invalid currency code : " + cur))
		}
		nf.currency = unit.String()
		cDigits, _ = currency.Standard.Rounding(unit)
	}
	unit := o.Get("unit")
	nf.unitDisplay = in.str(o, "unitDisplay", "short", "short", "narrow", "long")
	if nf.style == "unit" {
		if unit == nil || goja.IsUndefined(unit) {
			panic(in.rt.NewTypeError("Invalid unit argument for Intl.NumberFormat() ''"))
		}
		nf.unit = unit.String()
		if !sanctionedUnit(nf.unit) {
			panic(in.rangeError("Invalid unit argument for Intl.NumberFormat() '" + nf.unit + "'"))
		}
		if nf.extras == nil || nf.extras.Units[nf.unit][nf.unitDisplay] == nil {
			panic(in.rangeError(fmt.Sprintf("jsvm Intl: option unit=%s (unitDisplay=%s) is not supported for locale %s: no generated data (gen/numbers.js)", nf.unit, nf.unitDisplay, nf.locale)))
		}
	} else if unit != nil && !goja.IsUndefined(unit) && !sanctionedUnit(unit.String()) {
		panic(in.rangeError("Invalid unit argument for Intl.NumberFormat() '" + unit.String() + "'"))
	}
	nf.minInt = in.num(o, "minimumIntegerDigits", 1, 21, 1)
	minFracDefault, maxFracDefault := 0, 3
	switch nf.style {
	case "percent":
		maxFracDefault = 0
	case "currency":
		minFracDefault, maxFracDefault = cDigits, cDigits
	}
	nf.notation = in.str(o, "notation", "standard", "standard", "scientific", "engineering", "compact")
	if nf.notation == "compact" {
		if nf.style != "decimal" && nf.style != "unit" {
			panic(in.rangeError(fmt.Sprintf("jsvm Intl: option notation=compact is not supported with style=%s", nf.style)))
		}
		if nf.extras == nil {
			panic(in.rangeError("jsvm Intl: option notation=compact is not supported for locale " + nf.locale))
		}
	}
	if (nf.notation == "scientific" || nf.notation == "engineering") && strings.IndexFunc(nf.data.Number.Digits, func(r rune) bool { return r > 0xffff }) >= 0 {
		// Node 20 writes the exponent of these (ccp, ff-Adlm) as broken surrogate pairs.
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: option notation=%s is not supported for locale %s: its digits lie outside the BMP, and Node prints their exponent as broken surrogates", nf.notation, nf.locale)))
	}
	if (nf.notation == "scientific" || nf.notation == "engineering") && nf.style != "decimal" {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: option notation=%s is not supported with style=%s", nf.notation, nf.style)))
	}
	nf.digitOptions(o, minFracDefault, maxFracDefault)
	nf.compactDisplay = in.str(o, "compactDisplay", "short", "short", "long")
	if nf.notation == "compact" {
		if e := nf.extras.Compact[nf.compactDisplay]; e == nil {
			panic(in.rangeError(fmt.Sprintf("jsvm Intl: option compactDisplay=%s is not supported for locale %s", nf.compactDisplay, nf.locale)))
		}
	}
	nf.grouping = true
	if nf.notation == "compact" {
		nf.minGroup = 2
	}
	if v := o.Get("useGrouping"); v != nil && !goja.IsUndefined(v) {
		switch s := v.String(); s {
		case "false":
			nf.grouping = false
		case "true", "always":
			nf.minGroup = 1
		case "auto":
			nf.minGroup = 0
		case "min2":
			nf.minGroup = 2
		default:
			if !v.ToBoolean() {
				nf.grouping = false
			} else {
				panic(in.rangeError("Value " + s + " out of range for Intl.NumberFormat options property useGrouping"))
			}
		}
	}
	nf.signDisplay = in.str(o, "signDisplay", "auto", "auto", "never", "always", "exceptZero", "negative")
	nf.roundingMode = in.str(o, "roundingMode", "halfExpand")
	if !slices.Contains([]string{"ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"}, nf.roundingMode) {
		panic(in.rangeError("Value " + nf.roundingMode + " out of range for Intl.NumberFormat options property roundingMode"))
	}
	nf.stripIfInteger = in.str(o, "trailingZeroDisplay", "auto", "auto", "stripIfInteger") == "stripIfInteger"
	return nf
}

// digitOptions is ECMA-402's SetNumberFormatDigitOptions: the significant and fraction digit options, how
// they combine (roundingPriority: significant digits win in "auto"; compact notation without any of them
// rounds to the more precise of 0 fraction digits and 2 significant), and roundingIncrement, which needs
// fraction digits with equal minimum and maximum.
func (nf *numberFormat) digitOptions(o *goja.Object, minFracDefault, maxFracDefault int) {
	in := nf.in
	nf.increment = in.num(o, "roundingIncrement", 1, 5000, 1)
	if !slices.Contains([]int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000}, nf.increment) {
		panic(in.rangeError("roundingIncrement value is out of range."))
	}
	nf.priority = "auto"
	if v := o.Get("roundingPriority"); v != nil && !goja.IsUndefined(v) {
		nf.priority = v.String()
		if nf.priority != "auto" && nf.priority != "morePrecision" && nf.priority != "lessPrecision" {
			panic(in.rangeError("Value " + nf.priority + " out of range for SetNumberFormatDigitOptions options property roundingPriority"))
		}
	}
	if nf.increment != 1 {
		maxFracDefault = minFracDefault
	}
	given := func(name string) bool {
		v := o.Get(name)
		return v != nil && !goja.IsUndefined(v)
	}
	hasSig := given("minimumSignificantDigits") || given("maximumSignificantDigits")
	hasFrac := given("minimumFractionDigits") || given("maximumFractionDigits")
	needSig, needFrac := true, true
	if nf.priority == "auto" {
		needSig = hasSig
		if needSig || !hasFrac && nf.notation == "compact" {
			needFrac = false
		}
	}
	if needSig {
		nf.minSig, nf.maxSig = 1, 21
		if hasSig {
			nf.minSig = in.num(o, "minimumSignificantDigits", 1, 21, 1)
			nf.maxSig = in.num(o, "maximumSignificantDigits", 1, 21, 21)
			if nf.minSig > nf.maxSig {
				panic(in.rangeError("maximumSignificantDigits value is out of range."))
			}
		}
	}
	if needFrac {
		nf.minFrac, nf.maxFrac = minFracDefault, maxFracDefault
		if hasFrac {
			nf.minFrac = in.num(o, "minimumFractionDigits", 0, 100, -1)
			nf.maxFrac = in.num(o, "maximumFractionDigits", 0, 100, -1)
			switch {
			case nf.minFrac < 0:
				nf.minFrac = min(minFracDefault, nf.maxFrac)
			case nf.maxFrac < 0:
				nf.maxFrac = max(maxFracDefault, nf.minFrac)
			case nf.minFrac > nf.maxFrac:
				panic(in.rangeError("maximumFractionDigits value is out of range."))
			}
		}
	}
	if !needSig && !needFrac {
		nf.minFrac, nf.maxFrac, nf.minSig, nf.maxSig, nf.priority = 0, 0, 1, 2, "morePrecision"
	}
	if nf.increment != 1 {
		if nf.priority != "auto" || nf.maxSig > 0 {
			panic(in.rt.NewTypeError("RoundingType is not fractionDigits"))
		}
		if nf.minFrac != nf.maxFrac {
			panic(in.rangeError("maximumFractionDigits not equal to minimumFractionDigits"))
		}
	}
}

// significant reports whether a number whose first digit is at 10^(exp-1) is rounded to significant
// digits rather than fraction digits: always in "auto" with significant digits, and in morePrecision
// (lessPrecision) when they keep at least as many digits (fewer digits) than the fraction digits would.
func (nf *numberFormat) significant(exp int) bool {
	switch nf.priority {
	case "morePrecision":
		return nf.maxSig >= exp+nf.maxFrac
	case "lessPrecision":
		return nf.maxSig < exp+nf.maxFrac
	}
	return nf.maxSig > 0
}

func (nf *numberFormat) resolved(rt *goja.Runtime) *goja.Object {
	o := rt.NewObject()
	o.Set("locale", nf.shown)
	o.Set("numberingSystem", nf.numberingSystem())
	o.Set("style", nf.style)
	if nf.style == "currency" {
		o.Set("currency", nf.currency)
		o.Set("currencyDisplay", nf.display)
		o.Set("currencySign", nf.currencySign())
	}
	if nf.style == "unit" {
		o.Set("unit", nf.unit)
		o.Set("unitDisplay", nf.unitDisplay)
	}
	o.Set("minimumIntegerDigits", nf.minInt)
	if nf.maxSig > 0 {
		o.Set("minimumSignificantDigits", nf.minSig)
		o.Set("maximumSignificantDigits", nf.maxSig)
	}
	if nf.maxSig == 0 || nf.priority != "auto" {
		o.Set("minimumFractionDigits", nf.minFrac)
		o.Set("maximumFractionDigits", nf.maxFrac)
	}
	switch {
	case !nf.grouping:
		o.Set("useGrouping", false)
	case nf.minGroup == 1:
		o.Set("useGrouping", "always")
	case nf.minGroup == 2:
		o.Set("useGrouping", "min2")
	default:
		o.Set("useGrouping", "auto")
	}
	o.Set("notation", nf.notation)
	if nf.notation == "compact" {
		o.Set("compactDisplay", nf.compactDisplay)
	}
	o.Set("signDisplay", nf.signDisplay)
	o.Set("roundingMode", nf.roundingMode)
	o.Set("roundingIncrement", nf.increment)
	o.Set("trailingZeroDisplay", map[bool]string{false: "auto", true: "stripIfInteger"}[nf.stripIfInteger])
	o.Set("roundingPriority", nf.priority)
	return o
}

func (nf *numberFormat) format(x float64) string {
	var b strings.Builder
	for _, p := range nf.parts(x) {
		b.WriteString(p.Value)
	}
	return b.String()
}

// parts formats x like ICU: the shortest decimal that round-trips x is rounded half away from zero.
func (nf *numberFormat) parts(x float64) []part { return nf.layout(x, false).flat() }

// Marker parts delimit the number itself (digits, exponent) while it is laid out, so that formatRange
// can tell it from the pattern around it.
const (
	coreStart = "\x00core<"
	coreEnd   = "\x00core>"
)

// layers is a formatted number split as ICU's number range formatter sees it: mid[c0+1:c1] is the number
// (the inner modifier's output), mid[:c0] and mid[c1+1:] its pattern's prefix and suffix (the middle
// modifier: sign, currency, percent, compact affix), and the unit pattern wraps mid (the outer modifier).
type layers struct {
	ps           []part // everything, with the core markers
	mid          []part
	c0, c1       int
	hasUnit      bool
	unitCat      string // the plural form the unit agrees with
	spacedPrefix bool   // the currency precedes the number with the spacing ICU inserts (not the pattern's)
	spacedSuffix bool   // the currency follows the number with the spacing ICU inserts
	value        string // the rounded number with its sign: equal values are a range of one value
}

// layout formats x as parts() does, keeping the layers; approx writes the approximately sign where the
// sign goes (formatRange of two numbers that format alike).
func (nf *numberFormat) layout(x float64, approx bool) *layers {
	lay := &layers{}
	d := nf.data.Number
	neg := math.Signbit(x)
	var num []part
	unitCat := "other"
	numZero := false
	compactTmpl, compactNeg := "", ""
	switch {
	case math.IsNaN(x):
		num, neg = []part{{"nan", d.NaN}}, false
		lay.value = "NaN"
	case math.IsInf(x, 0):
		typ := "infinity"
		if d.InfinityType != "" {
			typ = d.InfinityType
		}
		num = []part{{typ, d.Infinity}}
		lay.value = fmt.Sprint(neg, "Infinity")
	default:
		digits, exp := decimalDigits(math.Abs(x))
		if nf.style == "percent" && digits != "0" {
			exp += 2
		}
		var entry *compactEntry
		shift := 0
		nf.negative = neg
		switch nf.notation {
		case "compact":
			digits, exp, entry = nf.compactDigits(digits, exp)
		case "scientific", "engineering":
			digits, exp, shift = nf.scientific(digits, exp)
		default:
			digits, exp = nf.round(digits, exp)
		}
		mag := exp + shift
		if entry != nil {
			mag += entry.D
		}
		vneg := neg // ICU's range sees -0 as 0 where the sign of zero is not shown
		if digits == "0" && (nf.signDisplay == "never" || nf.signDisplay == "exceptZero" || nf.signDisplay == "negative") {
			vneg = false
		}
		lay.value = fmt.Sprint(vneg, digits, mag)
		num = nf.digitParts(digits, exp) // ICU keeps the sign of -0 and of negatives rounded to zero
		numZero = isZeroParts(num)
		if digits == "0" && nf.signDisplay == "negative" {
			neg = false
		}
		if entry != nil {
			if entry.Bad {
				panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: option notation=compact (compactDisplay=%s) is not supported for %v in locale %s: the generated data is ambiguous", nf.compactDisplay, x, nf.locale)))
			}
			if d.Digits != "" {
				num = localDigits(num, d.Digits)
			}
			tmpl := nf.compactTemplate(entry, digits, exp)
			if tmpl == "" {
				panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: option notation=compact (compactDisplay=%s) is not supported for %v in locale %s: no generated pattern for its plural form", nf.compactDisplay, x, nf.locale)))
			}
			compactTmpl = tmpl // applied around the signed number below
			// The sign's place is the compact pattern's: "-M1.2" (sw-KE), "milioni -1.2" (sw-TZ).
			compactNeg = pluralTemplate(entry.N, nf.category(digits, exp))
			if entry.One != "" && tmpl == entry.One {
				compactNeg = entry.NOne
			}
			unitCat = nf.category(digits, exp+entry.D) // a unit agrees with the whole number: 1K kilometers
		} else {
			unitCat = nf.category(digits, exp)
			if d.Digits != "" {
				num = localDigits(num, d.Digits)
			}
		}
		if nf.notation == "scientific" || nf.notation == "engineering" {
			e := []part{{"exponentSeparator", nf.extras.Exponent}}
			if shift < 0 {
				// The minus may come with bidi marks around it (ar: "؜-", ur: "‎-‎"): they are literals.
				m := nf.extras.ExponentMinus
				if i := strings.IndexAny(m, "-−"); i >= 0 {
					_, n := utf8.DecodeRuneInString(m[i:])
					if m[:i] != "" {
						e = append(e, part{"literal", m[:i]})
					}
					e = append(e, part{"exponentMinusSign", m[i : i+n]})
					if m[i+n:] != "" {
						e = append(e, part{"literal", m[i+n:]})
					}
				} else {
					e = append(e, part{"exponentMinusSign", m})
				}
			}
			e = append(e, part{"exponentInteger", strconv.Itoa(abs(shift))})
			if d.Digits != "" {
				e = localDigits(e, d.Digits)
			}
			num = append(num, e...)
		}
	}
	num = append(append([]part{{coreStart, ""}}, num...), part{coreEnd, ""})
	finite := !math.IsNaN(x) && !math.IsInf(x, 0)
	zero := math.IsNaN(x) || finite && numZero // exceptZero signs neither
	sign := ""
	switch nf.signDisplay {
	case "auto", "negative":
		if neg {
			sign = "-"
		}
	case "always":
		sign = "+"
		if neg {
			sign = "-"
		}
	case "exceptZero":
		switch {
		case zero:
		case neg:
			sign = "-"
		default:
			sign = "+"
		}
	}
	pat := d.DecimalPattern
	var base [2]string // the currency pattern before ICU's currency spacing
	// spaced notes on which side of the number ICU inserted currency spacing (tmpl is with, b without).
	spaced := func(b, tmpl string) {
		if strings.IndexRune(tmpl, '¤') < strings.IndexRune(tmpl, '#') {
			lay.spacedPrefix = true
		} else {
			lay.spacedSuffix = true
		}
	}
	symbol := ""
	accPlus, accBasePlus := "", "" // the accounting template with a plus sign, and its symbol class's
	percentType := "percentSign"
	unitPercent := nf.style == "unit" && nf.unit == "percent" && nf.unitDisplay != "long"
	if unitPercent {
		percentType = "unit" // ICU formats a short or narrow percent unit with the locale's percent pattern
	}
	switch {
	case nf.style == "percent" || unitPercent:
		pat = d.PercentPattern
	case nf.style == "currency":
		symbol = nf.symbol()
		pat = d.CurrencyPattern
		if nf.extras != nil && nf.extras.Symbols.CurrencyPattern[0] != "" {
			pat = nf.extras.Symbols.CurrencyPattern
		}
		// The code and letter patterns differ from the symbol pattern by ICU's currency spacing, a space
		// put only between the currency and a digit: NaN and ∞ keep the symbol pattern (USDNaN).
		base = pat
		special, isSpecial := [2]string{}, false
		if nf.extras != nil {
			special, isSpecial = nf.extras.Symbols.Special[nf.currency][nf.display]
		}
		a := nf.acc
		class := "symbol"
		switch {
		case !finite:
		case isSpecial:
			pat, base = special, special // the currency's own pattern, ICU's spacing included (en-150: €1.00)
			class = "special"
		case nf.display == "code":
			pat = d.CurrencyCodePattern
			class = "code"
		case a != nil && letterTouchesNumber(a.Symbol[0], symbol):
			class = "letters" // ICU spaces the symbol by the accounting pattern (ar-AE: ؜0.00 US$)
		case a == nil && letterTouchesNumber(pat[0], symbol):
			pat = d.CurrencyPatternLetters
			class = "letters"
		}
		// Accounting patterns replace the class's standard ones (en: "($1.00)"); a currency's own pattern
		// has no accounting form (en-150: "-1.00 US$").
		if a != nil && class != "special" {
			acc := a.Symbol
			switch class {
			case "letters":
				acc = a.Letters
			case "code":
				acc = a.Code
			}
			pat, base = [2]string{acc[0], acc[1]}, [2]string{a.Symbol[0], a.Symbol[1]}
			accPlus, accBasePlus = acc[2], a.Symbol[2]
		}
	}
	tmpl := pat[0]
	approxAt := -1 // rune index in tmpl of the approximately sign
	// A sign, or the approximately sign, goes where the negative pattern has its minus (ar: "‎+300‎%‎").
	if accPlus != "" && (sign == "+" || sign == "" && approx) {
		// Accounting's negative pattern has no sign ("($1.00)"): a plus sign, and the approximately sign of
		// a positive value, go where its plus pattern puts the sign.
		pat[1], base[1] = accPlus, accBasePlus
	}
	if accPlus != "" && sign == "-" && approx {
		approx = false // ICU puts the approximately sign in the minus sign's place, which "($3.00)" lacks
	}
	if sign != "" || approx {
		tmpl = pat[1]
		if nf.style == "currency" && base[1] != pat[1] {
			spaced(base[1], pat[1])
		}
		if approx {
			// The approximately sign goes where the negative pattern differs from the positive one (the
			// minus and the bidi marks that belong to it), and alone stands for it: "€ ~3,00", "~‏٥ JP¥".
			p0, p1 := []rune(pat[0]), []rune(pat[1])
			i, j := 0, 0
			for i < len(p0) && i < len(p1) && p0[i] == p1[i] {
				i++
			}
			for j < len(p0)-i && j < len(p1)-i && p0[len(p0)-1-j] == p1[len(p1)-1-j] {
				j++
			}
			// The difference may be read a mark later than the minus sign is ("‎-‎¤#" against "‎¤#"
			// in fa): the sign is the reading that starts with its bidi mark (fa: "~‎€۵٫۰۰").
			for k := len(p1) - i - j; i > 0 && k > 0 && isBidiMark(p1[i-1]) && p1[i-1] == p1[i+k-1]; i, j = i-1, j+1 {
			}
			if sign == "" {
				tmpl = string(p1[:i]) + "-" + string(p1[len(p1)-j:])
			}
			approxAt = i
		}
	} else if nf.style == "currency" && base[0] != pat[0] {
		spaced(base[0], pat[0])
	}
	approxPart := part{"approximatelySign", ""}
	if approx && nf.ranges() != nil {
		approxPart.Value = nf.ranges().Number.Approx
	}
	approxDone := !approx
	if compactNeg != "" && (sign != "" || approx) {
		var sp []part // the sign, where the compact pattern puts it
		switch sign {
		case "-":
			sp = append(sp, part{"minusSign", d.Minus})
		case "+":
			sp = append(sp, part{"plusSign", d.Plus})
		}
		t := compactNeg
		if i := strings.IndexByte(t, '\x01'); approx && i >= 0 {
			// The approximately sign goes before the sign and the bidi marks around it, and alone
			// replaces them all (ar: "~1 مليون").
			j, k := i, i+1
			for j > 0 {
				r, n := utf8.DecodeLastRuneInString(t[:j])
				if !isBidiMark(r) {
					break
				}
				j -= n
			}
			if sign == "" {
				for k < len(t) {
					r, n := utf8.DecodeRuneInString(t[k:])
					if !isBidiMark(r) {
						break
					}
					k += n
				}
				t = t[:j] + "\x02" + t[k:]
			} else {
				t = t[:j] + "\x02" + t[j:]
			}
		}
		tmpl, compactTmpl, sign, approxDone = "#", "", "", true
		num = signedTemplateParts(t, num, "compact", sp, approxPart)
	}
	if sign == "+" && d.PlusPattern != "" && nf.style == "decimal" {
		tmpl = d.PlusPattern
		approxAt = -1
	}
	var out []part
	lit := func(s string) {
		if n := len(out); n > 0 && out[n-1].Type == "literal" {
			out[n-1].Value += s
			return
		}
		out = append(out, part{"literal", s})
	}
	rs := []rune(tmpl)
	signAt := func(i int) bool { return i >= 0 && i < len(rs) && (rs[i] == '-' || rs[i] == '+') }
	for i, r := range rs {
		if !approxDone && (i == approxAt || approxAt < 0 && (signAt(i) || isBidiMark(r) && signAt(i+1))) {
			out = append(out, approxPart) // before the sign and the bidi mark that leads it (ar: "~؜+٣")
			approxDone = true
		}
		switch r {
		case '#':
			out = append(out, num...)
		case '-':
			switch sign {
			case "-":
				out = append(out, part{"minusSign", d.Minus})
			case "+":
				out = append(out, part{"plusSign", d.Plus})
			}
		case '+':
			out = append(out, part{"plusSign", d.Plus})
		case '%':
			out = append(out, part{percentType, d.PercentSign})
		case '¤':
			out = append(out, part{"currency", symbol})
		default:
			lit(string(r))
		}
	}
	if sign == "+" && !strings.ContainsRune(tmpl, '-') && !strings.ContainsRune(tmpl, '+') {
		out = append([]part{{"plusSign", d.Plus}}, out...)
	}
	if !approxDone {
		out = append([]part{approxPart}, out...)
	}
	if compactTmpl != "" {
		out = templateParts(compactTmpl, out, "compact")
	}
	lay.mid = out
	lay.unitCat = unitCat
	if nf.style == "unit" && !unitPercent {
		lay.hasUnit = true
		t := nf.unitTemplate(unitCat)
		if t == "" {
			panic(nf.in.rangeError(fmt.Sprintf("jsvm Intl: option unit=%s (unitDisplay=%s) is not supported for %v in locale %s: no generated pattern for its plural form", nf.unit, nf.unitDisplay, x, nf.locale)))
		}
		out = templateParts(t, out, "unit")
	}
	lay.ps = out
	lay.c0 = -1
	for i, p := range lay.mid {
		switch p.Type {
		case coreStart:
			lay.c0 = i
		case coreEnd:
			lay.c1 = i
		}
	}
	if lay.c0 < 0 { // a compact word without the number ("mille"): all of it is the pattern
		lay.mid = append(append([]part(nil), lay.mid...), part{coreStart, ""}, part{coreEnd, ""})
		lay.c0, lay.c1 = len(lay.mid)-2, len(lay.mid)-1
	}
	return lay
}

// unitTemplate is the unit pattern for a plural form, "" without one.
func (nf *numberFormat) unitTemplate(category string) string {
	return pluralTemplate(nf.extras.Units[nf.unit][nf.unitDisplay], category)
}

func isBidiMark(r rune) bool { return r == '\u061c' || r == '\u200e' || r == '\u200f' }

// flat is the formatted number's parts, literals of adjacent layers joined as one.
func (l *layers) flat() []part {
	out := make([]part, 0, len(l.ps))
	for _, p := range l.ps {
		if p.Type == coreStart || p.Type == coreEnd {
			continue
		}
		if n := len(out); n > 0 && p.Type == "literal" && out[n-1].Type == "literal" {
			out[n-1].Value += p.Value
			continue
		}
		out = append(out, p)
	}
	return out
}

func (nf *numberFormat) numberingSystem() string { return numberingSystemOf(nf.locale) }

func (nf *numberFormat) currencySign() string {
	if nf.accounting {
		return "accounting"
	}
	return "standard"
}

// shape is how nf separates and groups digits: the currency and percent formats' own where the locale
// has them (gen/numbers.js), else the decimal format's.
func (nf *numberFormat) shape() symbolShape {
	d := nf.data.Number
	sh := symbolShape{Decimal: d.Decimal, Group: d.Group, Primary: d.PrimaryGroup, Secondary: d.SecondaryGroup}
	if nf.extras == nil {
		return sh
	}
	var o symbolShape
	switch {
	case nf.style == "currency":
		o = nf.extras.Symbols.Currency
		if cs := nf.shapes; cs != nil {
			// Some currencies group otherwise than EUR does (en-CH: US$-1'234'567.50, -€1,234,567.50).
			o = cs.Common
			if e, ok := cs.Except[nf.currency]; ok {
				o = e
			}
		}
	case nf.style == "percent", nf.style == "unit" && nf.unit == "percent" && nf.unitDisplay != "long":
		o = nf.extras.Symbols.Percent // a short or narrow percent unit is formatted as a percent (bn: ৫,০০০,০০০%)
	default:
		return sh
	}
	if o.Decimal != "" {
		sh.Decimal = o.Decimal
	}
	if o.Group != "" {
		sh.Group = o.Group
	}
	if o.Primary > 0 {
		sh.Primary, sh.Secondary = o.Primary, o.Secondary
	}
	return sh
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sanctionedUnit reports whether unit is one of ECMA-402's sanctioned simple units or X-per-Y of two.
func sanctionedUnit(unit string) bool {
	if sanctionedUnits[unit] {
		return true
	}
	a, b, ok := strings.Cut(unit, "-per-")
	return ok && sanctionedUnits[a] && sanctionedUnits[b]
}

var sanctionedUnits = func() map[string]bool {
	m := map[string]bool{}
	for _, u := range strings.Fields(`acre bit byte celsius centimeter day degree fahrenheit fluid-ounce foot gallon gigabit
		gigabyte gram hectare hour inch kilobit kilobyte kilogram kilometer liter megabit megabyte meter microsecond mile
		mile-scandinavian milliliter millimeter millisecond minute month nanosecond ounce percent petabyte pound second
		stone terabit terabyte week yard year`) {
		m[u] = true
	}
	return m
}()

func isZeroParts(ps []part) bool {
	for _, p := range ps {
		if (p.Type == "integer" || p.Type == "fraction") && strings.Trim(p.Value, "0") != "" {
			return false
		}
	}
	return true
}

func (nf *numberFormat) symbol() string {
	d := nf.data.Number
	switch nf.display {
	case "code":
		return nf.currency
	case "narrowSymbol":
		if s, ok := d.NarrowSymbols[nf.currency]; ok {
			return s
		}
	}
	if s, ok := d.Symbols[nf.currency]; ok {
		return s
	}
	return nf.currency
}

// letterTouchesNumber reports whether the currency symbol's character next to the number is a letter; ICU
// then inserts a no-break space (CLDR currencySpacing), which the "letters" pattern carries.
func letterTouchesNumber(tmpl, symbol string) bool {
	c, n := strings.IndexRune(tmpl, '¤'), strings.IndexRune(tmpl, '#')
	if c < 0 || symbol == "" {
		return false
	}
	var r rune
	if c < n {
		if c+len("¤") != n {
			return false
		}
		r, _ = utf8.DecodeLastRuneInString(symbol)
	} else {
		if n+1 != c {
			return false
		}
		r, _ = utf8.DecodeRuneInString(symbol)
	}
	return unicode.IsLetter(r)
}

// decimalDigits returns the shortest digits of x (x >= 0) and the position of the decimal point: x = 0.digits × 10^exp.
func decimalDigits(x float64) (string, int) {
	if x == 0 {
		return "0", 1
	}
	s := strconv.FormatFloat(x, 'e', -1, 64) // d.ddddde±XX
	mant, expStr, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(expStr)
	return strings.Replace(mant, ".", "", 1), e + 1
}

// round applies the fraction or significant digit rules with nf's rounding mode (ICU's halfExpand, half
// away from zero, by default), and returns digits with the decimal point after exp digits; trailing zeros
// stay only up to the minimum.
func (nf *numberFormat) round(digits string, exp int) (string, int) {
	if nf.increment > 1 {
		return nf.roundIncrement(digits, exp)
	}
	keep := exp + nf.maxFrac // digits to keep
	if nf.significant(exp) {
		keep = nf.maxSig
	}
	if keep >= len(digits) {
		return digits, exp
	}
	if keep < 0 {
		// Every digit is discarded, and the first discarded one is an implied zero: below half.
		if nf.roundUp(0, false, true, 0) {
			return "1", exp - keep + 1
		}
		return "0", 1
	}
	rest := digits[keep:]
	last := 0
	if keep > 0 {
		last = int(digits[keep-1] - '0')
	}
	half := 0 // sign of (discarded part - one half)
	switch {
	case rest[0] > '5':
		half = 1
	case rest[0] < '5':
		half = -1
	case strings.TrimRight(rest[1:], "0") != "":
		half = 1
	}
	b := []byte(digits[:keep])
	if nf.roundUp(half, true, strings.TrimRight(rest, "0") != "", last) {
		i := len(b) - 1
		for ; i >= 0 && b[i] == '9'; i-- {
			b[i] = '0'
		}
		if i < 0 {
			b = append([]byte{'1'}, b...)
			exp++
		} else {
			b[i]++
		}
	}
	digits = strings.TrimRight(string(b), "0") // a carry leaves zeros that are not significant
	if digits == "" {
		return "0", 1
	}
	return digits, exp
}

// roundIncrement rounds digits (0.digits × 10^exp) to a multiple of nf.increment × 10^-maxFrac with nf's
// rounding mode, exactly: in integers scaled by 10^maxFrac, q = x / increment rounds to a whole number.
func (nf *numberFormat) roundIncrement(digits string, exp int) (string, int) {
	n, _ := new(big.Int).SetString(digits, 10)
	den := big.NewInt(int64(nf.increment))
	ten := big.NewInt(10)
	if shift := exp + nf.maxFrac - len(digits); shift >= 0 {
		n.Mul(n, new(big.Int).Exp(ten, big.NewInt(int64(shift)), nil))
	} else {
		den.Mul(den, new(big.Int).Exp(ten, big.NewInt(int64(-shift)), nil))
	}
	q, r := new(big.Int).QuoRem(n, den, new(big.Int))
	half := new(big.Int).Lsh(r, 1).Cmp(den) // sign of (remainder - one half)
	if nf.roundUp(half, true, r.Sign() != 0, int(q.Bit(0))) {
		q.Add(q, big.NewInt(1))
	}
	s := q.Mul(q, big.NewInt(int64(nf.increment))).String()
	if s == "0" {
		return "0", 1
	}
	exp = len(s) - nf.maxFrac
	return strings.TrimRight(s, "0"), exp
}

// roundUp decides whether discarded digits round the magnitude up: half is the sign of the discarded part
// minus one half (exact is false when the first discarded digit is an implied zero, so half is -1),
// nonzero whether anything nonzero is discarded, last the last kept digit.
func (nf *numberFormat) roundUp(half int, exact, nonzero bool, last int) bool {
	if !exact {
		half = -1
	}
	toPlus := !nf.negative // rounding up the magnitude moves toward +infinity
	switch nf.roundingMode {
	case "ceil":
		return nonzero && toPlus
	case "floor":
		return nonzero && !toPlus
	case "expand":
		return nonzero
	case "trunc":
		return false
	case "halfCeil":
		return half > 0 || half == 0 && toPlus
	case "halfFloor":
		return half > 0 || half == 0 && !toPlus
	case "halfTrunc":
		return half > 0
	case "halfEven":
		return half > 0 || half == 0 && last%2 == 1
	}
	return half >= 0 // halfExpand
}

// digitParts lays out digits (0.digits × 10^exp) as integer, group, decimal and fraction parts.
func (nf *numberFormat) digitParts(digits string, exp int) []part {
	d := nf.data.Number
	var intPart, frac string
	switch {
	case exp <= 0:
		intPart, frac = "0", strings.Repeat("0", -exp)+digits
	case exp >= len(digits):
		intPart = digits + strings.Repeat("0", exp-len(digits))
	default:
		intPart, frac = digits[:exp], digits[exp:]
	}
	if digits == "0" {
		intPart, frac = "0", ""
	}
	minFrac := nf.minFrac
	if nf.significant(exp) {
		sig := len(strings.TrimLeft(intPart+frac, "0"))
		if intPart == "0" {
			sig = len(strings.TrimLeft(frac, "0"))
			if digits == "0" {
				sig = 1
			}
		}
		minFrac = len(frac) + max(0, nf.minSig-sig)
		frac = strings.TrimRight(frac, "0")
		if len(frac) < minFrac {
			frac += strings.Repeat("0", minFrac-len(frac))
		}
	} else {
		frac = strings.TrimRight(frac, "0")
		if len(frac) < minFrac {
			frac += strings.Repeat("0", minFrac-len(frac))
		}
	}
	if nf.stripIfInteger && strings.Trim(frac, "0") == "" {
		frac = ""
	}
	if len(intPart) < nf.minInt {
		intPart = strings.Repeat("0", nf.minInt-len(intPart)) + intPart
	}
	var out []part
	minGroup := d.MinGrouping
	switch nf.minGroup {
	case 1:
		minGroup = 1
	case 2:
		minGroup = max(minGroup, 2)
	}
	sh := nf.shape()
	if nf.grouping && len(intPart) >= sh.Primary+minGroup {
		first := len(intPart) - sh.Primary
		var groups []string
		for first > sh.Secondary {
			groups = append([]string{intPart[first-sh.Secondary : first]}, groups...)
			first -= sh.Secondary
		}
		groups = append([]string{intPart[:first]}, groups...)
		groups = append(groups, intPart[len(intPart)-sh.Primary:])
		for i, g := range groups {
			if i > 0 {
				out = append(out, part{"group", sh.Group})
			}
			out = append(out, part{"integer", g})
		}
	} else {
		out = append(out, part{"integer", intPart})
	}
	if frac != "" {
		out = append(out, part{"decimal", sh.Decimal}, part{"fraction", frac})
	}
	return out
}

// localDigits writes the integer and fraction parts in a locale's own digits (ar-EG: ٠١٢٣٤٥٦٧٨٩).
func localDigits(ps []part, digits string) []part {
	zero := []rune(digits)
	if len(zero) != 10 {
		return ps
	}
	out := make([]part, len(ps))
	for i, p := range ps {
		if p.Type == "integer" || p.Type == "fraction" || p.Type == "exponentInteger" {
			p.Value = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return zero[r-'0']
				}
				return r
			}, p.Value)
		}
		out[i] = p
	}
	return out
}
