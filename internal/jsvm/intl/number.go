package intl

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/currency"
)

// numberFormat is a resolved Intl.NumberFormat.
type numberFormat struct {
	locale      string
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
	signDisplay string
}

type part struct{ Type, Value string }

func (in *intl) newNumberFormat(locales, options goja.Value) *numberFormat {
	o := in.options(options)
	nf := &numberFormat{}
	nf.locale, nf.data = in.resolveLocale(locales)
	in.unsupported(o, "notation", "standard")
	in.unsupported(o, "currencySign", "standard")
	in.unsupported(o, "roundingMode", "halfExpand")
	in.unsupported(o, "numberingSystem", "latn")
	in.unsupported(o, "compactDisplay", "")
	in.unsupported(o, "unit", "")
	in.unsupported(o, "roundingIncrement", "1")
	nf.style = in.str(o, "style", "decimal", "decimal", "percent", "currency")
	cur := in.str(o, "currency", "")
	nf.display = in.str(o, "currencyDisplay", "symbol", "symbol", "narrowSymbol", "code")
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
	nf.minInt = in.num(o, "minimumIntegerDigits", 1, 21, 1)
	minFracDefault, maxFracDefault := 0, 3
	switch nf.style {
	case "percent":
		maxFracDefault = 0
	case "currency":
		minFracDefault, maxFracDefault = cDigits, cDigits
	}
	nf.minSig = in.num(o, "minimumSignificantDigits", 1, 21, 0)
	nf.maxSig = in.num(o, "maximumSignificantDigits", 1, 21, 0)
	if nf.minSig > 0 || nf.maxSig > 0 {
		nf.minSig = max(nf.minSig, 1)
		if nf.maxSig == 0 {
			nf.maxSig = 21
		}
		if nf.minSig > nf.maxSig {
			panic(in.rangeError("maximumSignificantDigits value is out of range."))
		}
	}
	nf.minFrac = in.num(o, "minimumFractionDigits", 0, 100, -1)
	nf.maxFrac = in.num(o, "maximumFractionDigits", 0, 100, -1)
	switch {
	case nf.minFrac < 0 && nf.maxFrac < 0:
		nf.minFrac, nf.maxFrac = minFracDefault, maxFracDefault
	case nf.minFrac < 0:
		nf.minFrac = min(minFracDefault, nf.maxFrac)
	case nf.maxFrac < 0:
		nf.maxFrac = max(maxFracDefault, nf.minFrac)
	case nf.minFrac > nf.maxFrac:
		panic(in.rangeError("maximumFractionDigits value is out of range."))
	}
	nf.grouping = true
	if v := o.Get("useGrouping"); v != nil && !goja.IsUndefined(v) {
		switch s := v.String(); s {
		case "false":
			nf.grouping = false
		case "true", "always", "auto":
		default:
			if !v.ToBoolean() {
				nf.grouping = false
			} else {
				panic(in.rangeError("Value " + s + " out of range for Intl.NumberFormat options property useGrouping"))
			}
		}
	}
	nf.signDisplay = in.str(o, "signDisplay", "auto", "auto", "never", "always", "exceptZero", "negative")
	return nf
}

func (nf *numberFormat) resolved(rt *goja.Runtime) *goja.Object {
	o := rt.NewObject()
	o.Set("locale", nf.locale)
	o.Set("numberingSystem", "latn")
	o.Set("style", nf.style)
	if nf.style == "currency" {
		o.Set("currency", nf.currency)
		o.Set("currencyDisplay", nf.display)
		o.Set("currencySign", "standard")
	}
	o.Set("minimumIntegerDigits", nf.minInt)
	if nf.maxSig > 0 {
		o.Set("minimumSignificantDigits", nf.minSig)
		o.Set("maximumSignificantDigits", nf.maxSig)
	} else {
		o.Set("minimumFractionDigits", nf.minFrac)
		o.Set("maximumFractionDigits", nf.maxFrac)
	}
	if nf.grouping {
		o.Set("useGrouping", "auto")
	} else {
		o.Set("useGrouping", false)
	}
	o.Set("notation", "standard")
	o.Set("signDisplay", nf.signDisplay)
	o.Set("roundingIncrement", 1)
	o.Set("roundingMode", "halfExpand")
	o.Set("roundingPriority", "auto")
	o.Set("trailingZeroDisplay", "auto")
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
func (nf *numberFormat) parts(x float64) []part {
	d := nf.data.Number
	neg := math.Signbit(x)
	var num []part
	switch {
	case math.IsNaN(x):
		num, neg = []part{{"nan", d.NaN}}, false
	case math.IsInf(x, 0):
		num = []part{{"infinity", d.Infinity}}
	default:
		digits, exp := decimalDigits(math.Abs(x))
		if nf.style == "percent" && digits != "0" {
			exp += 2
		}
		digits, exp = nf.round(digits, exp)
		num = nf.digitParts(digits, exp) // ICU keeps the sign of -0 and of negatives rounded to zero
		if digits == "0" && nf.signDisplay == "negative" {
			neg = false
		}
	}
	finite := !math.IsNaN(x) && !math.IsInf(x, 0)
	zero := math.IsNaN(x) || finite && (len(num) == 1 && num[0].Value == "0" || isZeroParts(num)) // exceptZero signs neither
	if d.Digits != "" {
		num = localDigits(num, d.Digits)
	}
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
	symbol := ""
	switch nf.style {
	case "percent":
		pat = d.PercentPattern
	case "currency":
		symbol = nf.symbol()
		pat = d.CurrencyPattern
		// The code and letter patterns differ from the symbol pattern by ICU's currency spacing, a space
		// put only between the currency and a digit: NaN and ∞ keep the symbol pattern (USDNaN).
		switch {
		case !finite:
		case nf.display == "code":
			pat = d.CurrencyCodePattern
		case letterTouchesNumber(pat[0], symbol):
			pat = d.CurrencyPatternLetters
		}
	}
	tmpl := pat[0]
	if sign == "-" {
		tmpl = pat[1]
	}
	if sign == "+" && d.PlusPattern != "" && nf.style == "decimal" {
		tmpl = d.PlusPattern
	}
	var out []part
	lit := func(s string) {
		if n := len(out); n > 0 && out[n-1].Type == "literal" {
			out[n-1].Value += s
			return
		}
		out = append(out, part{"literal", s})
	}
	for _, r := range tmpl {
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
			out = append(out, part{"percentSign", d.PercentSign})
		case '¤':
			out = append(out, part{"currency", symbol})
		default:
			lit(string(r))
		}
	}
	if sign == "+" && !strings.ContainsRune(tmpl, '-') && !strings.ContainsRune(tmpl, '+') {
		out = append([]part{{"plusSign", d.Plus}}, out...)
	}
	return out
}

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

// round applies the fraction or significant digit rules, half away from zero (ICU's halfExpand), and returns
// digits with the decimal point after exp digits; trailing zeros stay only up to the minimum.
func (nf *numberFormat) round(digits string, exp int) (string, int) {
	keep := exp + nf.maxFrac // digits to keep
	if nf.maxSig > 0 {
		keep = nf.maxSig
	}
	if keep < len(digits) {
		if keep < 0 {
			return "0", 1
		}
		up := digits[keep] >= '5'
		b := []byte(digits[:keep])
		if up {
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
		digits = string(b)
		if digits == "" || strings.Trim(digits, "0") == "" {
			return "0", 1
		}
	}
	return digits, exp
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
	if nf.maxSig > 0 {
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
	if len(intPart) < nf.minInt {
		intPart = strings.Repeat("0", nf.minInt-len(intPart)) + intPart
	}
	var out []part
	if nf.grouping && len(intPart) >= d.PrimaryGroup+d.MinGrouping {
		first := len(intPart) - d.PrimaryGroup
		var groups []string
		for first > d.SecondaryGroup {
			groups = append([]string{intPart[first-d.SecondaryGroup : first]}, groups...)
			first -= d.SecondaryGroup
		}
		groups = append([]string{intPart[:first]}, groups...)
		groups = append(groups, intPart[len(intPart)-d.PrimaryGroup:])
		for i, g := range groups {
			if i > 0 {
				out = append(out, part{"group", d.Group})
			}
			out = append(out, part{"integer", g})
		}
	} else {
		out = append(out, part{"integer", intPart})
	}
	if frac != "" {
		out = append(out, part{"decimal", d.Decimal}, part{"fraction", frac})
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
		if p.Type == "integer" || p.Type == "fraction" {
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
