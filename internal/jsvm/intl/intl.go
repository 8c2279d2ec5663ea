package intl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// localeData holds number symbols, currency symbols, date names and date patterns extracted from Node's
// ICU by gen/cldr.js: golang.org/x/text exposes plural rules, collation and currency digits, but not these.
type localeData struct {
	Names    map[string][]string `json:"names"`
	Patterns map[string]string   `json:"patterns"`
	Glue     map[string]string   `json:"glue"`
	Number   struct {
		Decimal                string            `json:"decimal"`
		Group                  string            `json:"group"`
		Minus                  string            `json:"minus"`
		Plus                   string            `json:"plus"`
		PercentSign            string            `json:"percentSign"`
		NaN                    string            `json:"nan"`
		Digits                 string            `json:"digits"`      // the ten digits when not 0-9 (ar-EG)
		PlusPattern            string            `json:"plusPattern"` // signDisplay=always, when not "+" then the number (ar-EG)
		Infinity               string            `json:"infinity"`
		InfinityType           string            `json:"infinityType"` // the part type of Infinity when not "infinity" (dz: integer)
		PrimaryGroup           int               `json:"primaryGroup"`
		SecondaryGroup         int               `json:"secondaryGroup"`
		MinGrouping            int               `json:"minGrouping"`
		DecimalPattern         [2]string         `json:"decimalPattern"`
		PercentPattern         [2]string         `json:"percentPattern"`
		CurrencyPattern        [2]string         `json:"currencyPattern"`
		CurrencyPatternLetters [2]string         `json:"currencyPatternLetters"`
		CurrencyCodePattern    [2]string         `json:"currencyCodePattern"`
		Symbols                map[string]string `json:"symbols"`
		NarrowSymbols          map[string]string `json:"narrowSymbols"`
	} `json:"number"`
	patterns map[string][]token // parsed Patterns, filled lazily
	mu       sync.Mutex
}

type cldrData struct {
	names []string        // every generated locale, defaultLocale first
	have  map[string]bool // names, lower-cased
}

// defaultLocale is what Node reports without LANG set; components rendering on the server must not depend
// on the host's environment.
const defaultLocale = "en-US"

// loadCLDR reads the index of generated locales; their data loads on first use.
var loadCLDR = sync.OnceValue(func() *cldrData {
	c := &cldrData{have: map[string]bool{}}
	c.names = append(c.names, defaultLocale)
	for _, name := range loadIndex().Locales {
		if name != defaultLocale {
			c.names = append(c.names, name)
		}
	}
	for _, n := range c.names {
		c.have[strings.ToLower(n)] = true
	}
	return c
})

// lookup is ECMA-402's BestAvailableLocale over the generated locales, as V8 does it: the tag's language,
// script and region as given, then shorter prefixes (de-US is de, en-GB-oxendict is en-GB, zh-Hant-MO is
// zh-Hant-MO). It returns the generated locale's name.
func (c *cldrData) lookup(t language.Tag) (string, bool) {
	base, _ := t.Base()
	parts := []string{base.String()}
	if s, conf := t.Script(); conf == language.Exact {
		parts = append(parts, s.String())
	}
	if r, conf := t.Region(); conf == language.Exact {
		parts = append(parts, r.String())
	}
	for n := len(parts); n > 0; n-- {
		k := strings.ToLower(strings.Join(parts[:n], "-"))
		if c.have[k] {
			for _, name := range c.names {
				if strings.ToLower(name) == k {
					return name, true
				}
			}
		}
	}
	return "", false
}

// LocalTimeZone is the IANA name of the process zone, as Node reports it in resolvedOptions().timeZone.
var LocalTimeZone = sync.OnceValue(func() string {
	tz := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if tz == "" {
		if dst, err := os.Readlink("/etc/localtime"); err == nil {
			if i := strings.Index(dst, "zoneinfo/"); i >= 0 {
				tz = dst[i+len("zoneinfo/"):]
			}
		}
	}
	if tz == "" || tz == "UTC" || tz == "Etc/UTC" || filepath.IsAbs(tz) {
		return "UTC"
	}
	return tz
})

// intl is the per-runtime Go side of the Intl polyfill.
type intl struct {
	rt        *goja.Runtime
	collators map[string]*collatorHandle // collate.Collator keeps buffers, so one cache per runtime
	ranks     map[string]scriptRanks     // by collator locale
	service   string                     // what is reading options, for V8's messages ("Intl.NumberFormat")
}

// serve names the constructor or method whose options are read until the returned func runs: name, or
// the method js/intl.js passes (Number.prototype.toLocaleString reads a NumberFormat's options).
func (in *intl) serve(method goja.Value, name string) func() {
	prev := in.service
	if method != nil && !goja.IsUndefined(method) {
		name = method.String()
	}
	in.service = name
	return func() { in.service = prev }
}

func (in *intl) rangeError(msg string) *goja.Object { return newError(in.rt, "RangeError", msg) }

// newError constructs a built-in error (RangeError, SyntaxError, ...) so JS code can test its type.
func newError(rt *goja.Runtime, ctor, msg string) *goja.Object {
	c, ok := goja.AssertConstructor(rt.Get(ctor))
	if !ok {
		return rt.NewTypeError(msg)
	}
	obj, err := c(nil, rt.ToValue(msg))
	if err != nil {
		return rt.NewTypeError(msg)
	}
	return obj
}

// resolveLocale picks the locale whose data formats a BCP 47 string or array, as Intl's lookup does: the
// first requested locale in a language Node's ICU knows is served by the longest generated prefix of it
// (lookup). Data is generated for every locale Node's ICU has (gen/available.js), so a locale without it is
// one Node's ICU would not resolve the same way either; that is a RangeError naming it, never another
// locale's text. A language ICU does not know is skipped, and with none left Node and jsvm use en-US.
func (in *intl) resolveLocale(locales goja.Value) (string, *localeData) {
	name, data, _ := in.resolveLocaleKeywords(locales)
	return name, data
}

// resolveLocaleKeywords is resolveLocale that also returns the Unicode extension keywords of the requested
// tag it resolved ("" for a key without a value, as -u-kn); nil for the default locale.
func (in *intl) resolveLocaleKeywords(locales goja.Value) (string, *localeData, map[string]string) {
	c := loadCLDR()
	for _, t := range in.requestedTags(locales) {
		if base, conf := t.Base(); conf != language.Exact || !icuLanguages()[base.String()] {
			continue // xx parses as und, whose inferred base (en) it does not name
		}
		if name, ok := c.lookup(t); ok {
			var kw map[string]string
			if _, has := t.Extension('u'); has { // most tags have none: no parse on every constructor call
				kw = splitLocale(t.String()).kw
			}
			return name, bundleFor(name).CLDR, kw
		}
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: locale %s is not supported: no generated data for it or a prefix of it (regenerate with go generate ./internal/jsvm/intl)", t)))
	}
	return defaultLocale, bundleFor(defaultLocale).CLDR, nil
}

// requestedTags parses an Intl locales argument. Tags that are well formed but name unknown subtags ("xx")
// are kept, as ECMA-402 does; malformed ones are a RangeError.
func (in *intl) requestedTags(locales goja.Value) []language.Tag {
	if locales == nil || goja.IsUndefined(locales) {
		return nil
	}
	var list []string
	if s, ok := locales.Export().(string); ok {
		list = []string{s}
	} else if err := in.rt.ExportTo(locales, &list); err != nil {
		panic(in.rt.NewTypeError("invalid locales argument"))
	}
	var out []language.Tag
	for _, s := range list {
		t, err := language.Parse(s)
		if _, unknown := err.(language.ValueError); err != nil && !unknown {
			panic(in.rangeError("Incorrect locale information provided"))
		}
		out = append(out, t)
	}
	return out
}

//go:embed languages.json
var languagesJSON []byte

// icuLanguages are the languages Node's ICU has data for (languages.json, from gen/languages.js).
var icuLanguages = sync.OnceValue(func() map[string]bool {
	var raw struct {
		Languages []string `json:"languages"`
	}
	if err := json.Unmarshal(languagesJSON, &raw); err != nil {
		panic(fmt.Sprintf("intl: embedded languages.json: %v", err))
	}
	m := make(map[string]bool, len(raw.Languages))
	for _, l := range raw.Languages {
		m[l] = true
	}
	return m
})

func (in *intl) options(v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) {
		return in.rt.NewObject()
	}
	if goja.IsNull(v) {
		panic(in.rt.NewTypeError("Cannot convert undefined or null to object"))
	}
	return v.ToObject(in.rt)
}

// str reads a string option; allowed (if any) lists valid values, others are a RangeError as in ECMA-402.
func (in *intl) str(o *goja.Object, name, def string, allowed ...string) string {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return def
	}
	s := v.String()
	if len(allowed) == 0 {
		return s
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	service := in.service
	if service == "" {
		service = "Intl"
	}
	panic(in.rangeError(fmt.Sprintf("Value %s out of range for %s options property %s", s, service, name)))
}

func (in *intl) num(o *goja.Object, name string, lo, hi, def int) int {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return def
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f < float64(lo) || f > float64(hi) {
		panic(in.rangeError(name + " value is out of range."))
	}
	return int(math.Floor(f))
}

// unsupported throws a RangeError naming an option jsvm does not implement, rather than format wrongly.
func (in *intl) unsupported(o *goja.Object, name, allowed string) {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) || v.String() == allowed {
		return
	}
	panic(in.rangeError(fmt.Sprintf("jsvm Intl: option %s=%s is not supported", name, v.String())))
}

// pluralRules is a resolved Intl.PluralRules.
type pluralRules struct {
	locale  string
	ordinal bool
	nf      *numberFormat
}

func (in *intl) newPluralRules(locales, options goja.Value) *pluralRules {
	o := in.options(options)
	pr := &pluralRules{ordinal: in.str(o, "type", "cardinal", "cardinal", "ordinal") == "ordinal"}
	pr.nf = in.numberFormatFor(locales, options, false)
	pr.nf.grouping, pr.nf.style = false, "decimal"
	pr.locale = pr.nf.locale
	return pr
}

var pluralNames = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

func (pr *pluralRules) selectForm(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "other"
	}
	digits, exp := decimalDigits(math.Abs(x))
	digits, exp = pr.nf.round(digits, exp)
	var intStr, frac string
	for _, p := range pr.nf.digitParts(digits, exp) {
		switch p.Type {
		case "integer":
			intStr += p.Value
		case "fraction":
			frac = p.Value
		}
	}
	form, ok := pluralCategory(pr.locale, pr.ordinal, intStr, frac)
	if !ok {
		panic(pr.nf.in.rangeError(fmt.Sprintf("jsvm Intl: the plural rules of %s for %v are not known (golang.org/x/text's rules differ from Node's for this locale, and the generated samples do not cover it)", pr.locale, x)))
	}
	return form
}

// pluralCategory is the CLDR plural category of the number with integer digits intStr and fraction
// digits frac (trailing zeros included: they are visible digits). Numbers the generated samples cover
// (gen/numbers.js: integers below 1100, one fraction digit up to 20.9, two up to 2.99) are looked up
// there; others use golang.org/x/text's rules where they agree with every sample, and are not known
// (ok false) where they do not.
func pluralCategory(locale string, ordinal bool, intStr, frac string) (string, bool) {
	if ex := numberExtrasFor(locale); ex != nil && ex.Plurals != nil {
		typ := map[bool]string{true: "ordinal", false: "cardinal"}[ordinal]
		if smp := ex.Plurals[typ]; smp != nil {
			if c, ok := smp.lookup(intStr, frac); ok {
				return c, true
			}
			if smp.onlyOther() {
				return "other", true // a language with one plural form (zgh): golang.org/x/text may not know it
			}
			if len(intStr) > 18 && frac == "" && xtextPlural(locale, ordinal, "1"+strings.Repeat("0", 21), "") != pluralInitials[smp.Big[0]] {
				return "", false
			}
			if !rulesAgree(locale, typ, smp) {
				return "", false
			}
		}
	}
	return xtextPlural(locale, ordinal, intStr, frac), true
}

// pluralSamples are Node's plural categories by initial (z o t f m x): I for 0..1099, F1 for 0.0..20.9,
// F2 for 0.00..2.99.
type pluralSamples struct {
	I   string `json:"i"`
	F1  string `json:"f1"`
	F2  string `json:"f2"`
	Big string `json:"big"` // 1e21
}

// onlyOther reports whether every sample is "other".
func (p *pluralSamples) onlyOther() bool {
	all := p.I + p.F1 + p.F2 + p.Big
	return all != "" && strings.Trim(all, "x") == ""
}

var pluralInitials = map[byte]string{'z': "zero", 'o': "one", 't': "two", 'f': "few", 'm': "many", 'x': "other"}

func (p *pluralSamples) lookup(intStr, frac string) (string, bool) {
	if len(intStr) > 4 {
		return "", false
	}
	i, err := strconv.Atoi(intStr)
	if err != nil {
		return "", false
	}
	f, _ := strconv.Atoi(frac)
	var idx int
	var table string
	switch len(frac) {
	case 0:
		idx, table = i, p.I
	case 1:
		idx, table = i*10+f, p.F1
	case 2:
		idx, table = i*100+f, p.F2
	default:
		return "", false
	}
	if idx >= len(table) {
		return "", false
	}
	c, ok := pluralInitials[table[idx]]
	return c, ok
}

var agreeCache sync.Map // locale + "/" + type -> bool

// rulesAgree reports whether golang.org/x/text's plural rules for locale give Node's category on every
// sample.
func rulesAgree(locale, typ string, p *pluralSamples) bool {
	key := locale + "/" + typ
	if v, ok := agreeCache.Load(key); ok {
		return v.(bool)
	}
	ordinal := typ == "ordinal"
	agree := true
	check := func(table string, fracDigits int) {
		for idx := 0; idx < len(table) && agree; idx++ {
			intStr, frac := strconv.Itoa(idx), ""
			if fracDigits > 0 {
				d := 1
				for k := 0; k < fracDigits; k++ {
					d *= 10
				}
				intStr, frac = strconv.Itoa(idx/d), fmt.Sprintf("%0*d", fracDigits, idx%d)
			}
			if xtextPlural(locale, ordinal, intStr, frac) != pluralInitials[table[idx]] {
				agree = false
			}
		}
	}
	check(p.I, 0)
	check(p.F1, 1)
	check(p.F2, 2)
	agreeCache.Store(key, agree)
	return agree
}

// xtextPlural is golang.org/x/text's plural category, with ICU's handling of very large numbers and
// CLDR 42's "many" for millions.
func xtextPlural(locale string, ordinal bool, intStr, frac string) string {
	truncated := len(intStr) > 18
	if truncated {
		intStr = intStr[len(intStr)-18:] // ICU's operand i keeps the last 18 digits (fr: 1e21 is "one")
	}
	i, _ := strconv.Atoi(intStr)
	million := i != 0 && i%1_000_000 == 0
	if i >= 1_000_000_000 {
		i = 1_000_000_000 + i%1000 // large numbers: only mod 10/100/1000 and magnitude matter
	}
	f, _ := strconv.Atoi(frac)
	trimmed := strings.TrimRight(frac, "0")
	t, _ := strconv.Atoi(trimmed)
	rules := plural.Cardinal
	if ordinal {
		rules = plural.Ordinal
	}
	tag := language.MustParse(locale)
	form := pluralNames[rules.MatchPlural(tag, i, len(frac), len(trimmed), f, t)]
	if truncated && form == "zero" {
		if base, _ := tag.Base(); zeroIsN0[base.String()] {
			form = "other" // their "zero" is n = 0, and n is the whole number, which is not 0
		}
	}
	// CLDR 42 gave French, Spanish, Italian, Portuguese and Catalan a "many" form for whole millions
	// (e = 0 and i != 0 and i % 1000000 = 0 and v = 0), which golang.org/x/text's rules predate.
	if !ordinal && form == "other" && million && frac == "" {
		if base, _ := tag.Base(); manyMillions[base.String()] {
			form = "many"
		}
	}
	return form
}

var zeroIsN0 = map[string]bool{"ar": true, "ars": true, "cy": true, "ksh": true, "lag": true, "kw": true}

var manyMillions = map[string]bool{"fr": true, "es": true, "it": true, "pt": true, "ca": true}

// collatorOptions are a Collator's resolved options.
type collatorOptions struct {
	locale             string       // ICU's collator locale (collatorLocale)
	shown              string       // the locale resolvedOptions reports (with the kn and kf keywords)
	tag                language.Tag // the golang.org/x/text collation it sorts with
	usage, sensitivity string
	ignorePunctuation  bool
	numeric            bool
}

// shiftedByDefault lists the languages whose collation ignores punctuation unless told otherwise (CLDR's
// alternate=shifted tailoring; V8 reports ignorePunctuation true for them).
var shiftedByDefault = map[string]bool{"th": true}

// collationGaps are the languages whose ICU order golang.org/x/text's collation does not reproduce
// (TestCollatorAgainstNode found them): Intl.Collator throws a RangeError for them rather than sort otherwise.
var collationGaps = map[string]string{
	"da": "its uppercase-first order (caseFirst upper)", "mt": "its uppercase-first order (caseFirst upper)",
	"nb": "golang.org/x/text lacks its æ, ø, å after z", "nn": "golang.org/x/text lacks its æ, ø, å after z",
	"no": "golang.org/x/text lacks its æ, ø, å after z", "uz": "golang.org/x/text has no collation for it (ch after z)",
	"ceb": "golang.org/x/text has no collation for it (ñ after n)", "gl": "golang.org/x/text has no collation for it (ñ after n)",
}

// compareCase is ICU's case level for strings equal at the primary level: the letters' cases in order,
// lowercase first. golang.org/x/text has no case level, and ignoring accents there leaves the tertiary
// weight of a combining mark (c and ç would differ), so the case level is compared here.
func compareCase(a, b string) int {
	next := func(s string) (upper, ok bool, rest string) {
		for s != "" {
			r, n := utf8.DecodeRuneInString(s)
			s = s[n:]
			if unicode.IsLetter(r) {
				return unicode.IsUpper(r) || unicode.IsTitle(r), true, s
			}
		}
		return false, false, ""
	}
	for {
		ua, oka, ra := next(a)
		ub, okb, rb := next(b)
		if !oka || !okb {
			return 0
		}
		if ua != ub {
			if ua {
				return 1
			}
			return -1
		}
		a, b = ra, rb
	}
}

// scriptTables are the scripts localeinfo.json's script orders name; Hiragana sorts in Katakana's group.
var scriptTables = map[string][]*unicode.RangeTable{
	"Latn": {unicode.Latin}, "Grek": {unicode.Greek}, "Cyrl": {unicode.Cyrillic}, "Geor": {unicode.Georgian},
	"Armn": {unicode.Armenian}, "Hebr": {unicode.Hebrew}, "Arab": {unicode.Arabic}, "Thaa": {unicode.Thaana},
	"Tfng": {unicode.Tifinagh}, "Ethi": {unicode.Ethiopic}, "Deva": {unicode.Devanagari}, "Beng": {unicode.Bengali},
	"Guru": {unicode.Gurmukhi}, "Gujr": {unicode.Gujarati}, "Orya": {unicode.Oriya}, "Taml": {unicode.Tamil},
	"Telu": {unicode.Telugu}, "Knda": {unicode.Kannada}, "Mlym": {unicode.Malayalam}, "Sinh": {unicode.Sinhala},
	"Thai": {unicode.Thai}, "Laoo": {unicode.Lao}, "Tibt": {unicode.Tibetan}, "Mymr": {unicode.Myanmar},
	"Khmr": {unicode.Khmer}, "Mong": {unicode.Mongolian}, "Cher": {unicode.Cherokee}, "Hang": {unicode.Hangul},
	"Kana": {unicode.Katakana, unicode.Hiragana}, "Bopo": {unicode.Bopomofo}, "Hani": {unicode.Han},
}

// scriptRanks maps a letter to its script's place in a collator locale's script order (ICU's reordering:
// ru sorts Cyrillic before Latin, ja Latin, Kana, Han), -1 for a character outside those scripts.
type scriptRanks [][]*unicode.RangeTable

func newScriptRanks(order string) scriptRanks {
	var r scriptRanks
	for _, code := range strings.Fields(order) {
		r = append(r, scriptTables[code])
	}
	return r
}

func (sr scriptRanks) rank(c rune) int {
	if !unicode.IsLetter(c) {
		return -1
	}
	for i, tables := range sr {
		if unicode.IsOneOf(tables, c) {
			return i
		}
	}
	return -1
}

// scriptRanks is the script order of a collator locale (localeinfo.json's scripts, the root's by default).
func (in *intl) scriptRanks(locale string) scriptRanks {
	if r, ok := in.ranks[locale]; ok {
		return r
	}
	d := localeInfo()
	order, ok := d.Scripts[locale]
	if !ok {
		order = d.Scripts["und"]
	}
	if in.ranks == nil {
		in.ranks = map[string]scriptRanks{}
	}
	in.ranks[locale] = newScriptRanks(order)
	return in.ranks[locale]
}

// hanOrderGaps are the collator languages whose order of Han characters golang.org/x/text does not give:
// ja sorts kanji by ICU's own ranking, ko reads hanja in Hangul's order.
var hanOrderGaps = map[string]bool{"ja": true, "ko": true}

// scriptAware orders strings whose first difference at the primary level is between letters of two
// scripts by the locale's script order, which golang.org/x/text's collation does not reorder, and leaves
// every other comparison to full. base compares single characters at the primary level. refuse, if not
// nil, is called with that first differing pair and may panic (hanOrderGaps).
func scriptAware(ranks scriptRanks, base *collate.Collator, full func(a, b string) int, refuse func(a, b rune)) func(a, b string) int {
	return func(a, b string) int {
		x, y := a, b
		for x != "" && y != "" {
			ra, na := utf8.DecodeRuneInString(x)
			rb, nb := utf8.DecodeRuneInString(y)
			x, y = x[na:], y[nb:]
			if ra == rb || base.CompareString(string(ra), string(rb)) == 0 {
				continue
			}
			if refuse != nil {
				refuse(ra, rb)
			}
			if ka, kb := ranks.rank(ra), ranks.rank(rb); ka >= 0 && kb >= 0 && ka != kb {
				if ka < kb {
					return -1
				}
				return 1
			}
			break
		}
		return full(a, b)
	}
}

// hasDigraphLetter reports whether s holds one of Unicode's compatibility digraph letters (Ǆ ǅ ǆ, Ǉ ǈ ǉ,
// Ǌ ǋ ǌ, Ǳ ǲ ǳ).
func hasDigraphLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return (r >= 0x1C4 && r <= 0x1CC) || (r >= 0x1F1 && r <= 0x1F3) }) >= 0
}

// withoutPunctuation is s without the characters ICU's collation treats as variable (spaces and
// punctuation), which ignorePunctuation compares as if absent. golang.org/x/text's alternate=shifted
// leaves every character variable, so the collator compares the stripped strings instead.
func withoutPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// collatorHandle is a resolved Intl.Collator: its comparison and options.
type collatorHandle struct {
	compare func(a, b string) int
	opts    collatorOptions
}

// collator returns the cached comparison and resolved options for the locales and options of
// Intl.Collator and localeCompare.
func (in *intl) collator(locales, options goja.Value) *collatorHandle {
	o := in.options(options)
	in.requestedTags(locales) // validates locales (RangeError for malformed tags); collation has its own data
	var r collatorOptions
	r.usage = in.str(o, "usage", "sort", "sort", "search")
	in.unsupported(o, "collation", "default")
	icu, kw := in.collatorLocale(locales)
	r.locale = icu
	// The co, kf and kn keywords stay in the resolved locale even where an option overrides them, as in V8.
	var ext extension
	if co, ok := kw["co"]; ok && slices.Contains(collationsOf(icu), co) {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: collation=%s (-u-co-%s) is not supported: only the default collation", co, co)))
	}
	kf, hasKf := kw["kf"]
	if hasKf && (kf == "upper" || kf == "lower") {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: caseFirst=%s (-u-kf-%s) is not supported", kf, kf)))
	} else if hasKf && kf == "false" {
		ext.add("kf", kf)
	}
	kn, hasKn := kw["kn"]
	hasKn = hasKn && (kn == "" || kn == "true" || kn == "false")
	if hasKn {
		ext.add("kn", kn)
	}
	if numeric := o.Get("numeric"); numeric != nil && !goja.IsUndefined(numeric) {
		r.numeric = numeric.ToBoolean()
	} else {
		r.numeric = hasKn && kn != "false"
	}
	in.unsupported(o, "caseFirst", "false")
	r.sensitivity = in.str(o, "sensitivity", "variant", "base", "accent", "case", "variant")
	r.shown = ext.locale(icu)
	tag := in.collationTag(locales)
	base, _ := language.Make(icu).Base()
	if gap, ok := collationGaps[base.String()]; ok {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: Intl.Collator is not supported for %s: %s", icu, gap)))
	}
	if xb, _ := tag.Base(); xb != base {
		// golang.org/x/text has no collation for the language (eu, pt): the nearest one it has would
		// sort by another language's rules (eu's ñ as Spanish's letter), ICU's root order is the one.
		tag = language.Und
	}
	r.tag = tag
	// V8 (Node 20) keeps a shifted locale's ignorePunctuation even when the option says false.
	r.ignorePunctuation = shiftedByDefault[base.String()]
	if v := o.Get("ignorePunctuation"); v != nil && !goja.IsUndefined(v) && !r.ignorePunctuation {
		r.ignorePunctuation = v.ToBoolean()
	}
	if r.usage == "search" {
		// ICU searches with the locale's "search" collation, which golang.org/x/text does not have.
		panic(in.rangeError("jsvm Intl: option usage=search is not supported (ICU's search collations)"))
	}
	key := fmt.Sprint(r)
	if h, ok := in.collators[key]; ok {
		return h
	}
	var opts []collate.Option
	switch r.sensitivity {
	case "base", "case": // case: then compareCase
		opts = append(opts, collate.IgnoreCase, collate.IgnoreDiacritics)
	case "accent":
		opts = append(opts, collate.IgnoreCase)
	}
	if r.numeric {
		opts = append(opts, collate.Numeric)
	}
	h := &collatorHandle{compare: in.collatorCompare(collate.New(tag, opts...), r), opts: r}
	if in.collators == nil {
		in.collators = make(map[string]*collatorHandle)
	}
	in.collators[key] = h
	return h
}

// collatorCompare is c's comparison with what ICU does and golang.org/x/text does not: script reordering,
// ignorePunctuation, the case level, and a RangeError for the comparisons x/text orders otherwise.
func (in *intl) collatorCompare(c *collate.Collator, opts collatorOptions) func(a, b string) int {
	lang, _, _ := strings.Cut(opts.locale, "-")
	var refuse func(a, b rune)
	if hanOrderGaps[lang] {
		refuse = func(a, b rune) {
			if unicode.Is(unicode.Han, a) || unicode.Is(unicode.Han, b) {
				panic(in.rangeError("jsvm Intl: Intl.Collator for " + opts.locale + " cannot order Han characters (ICU's " + lang + " order of them)"))
			}
		}
	}
	base := collate.New(opts.tag, collate.IgnoreCase, collate.IgnoreDiacritics)
	compare := scriptAware(in.scriptRanks(opts.locale), base, c.CompareString, refuse)
	if opts.ignorePunctuation {
		inner := compare
		compare = func(a, b string) int { return inner(withoutPunctuation(a), withoutPunctuation(b)) }
	}
	if lang == "hu" {
		// x/text orders Hungarian's compatibility digraphs (ǅ, ǈ, ǋ ...) otherwise than ICU.
		inner := compare
		compare = func(a, b string) int {
			if hasDigraphLetter(a) || hasDigraphLetter(b) {
				panic(in.rangeError("jsvm Intl: Intl.Collator for hu cannot order the digraph letters U+01C4-U+01CC and U+01F1-U+01F3 (ǅ, ǈ, ǋ, ǲ)"))
			}
			return inner(a, b)
		}
	}
	if opts.sensitivity == "case" {
		primary := compare
		compare = func(a, b string) int {
			if r := primary(a, b); r != 0 {
				return r
			}
			return compareCase(a, b)
		}
	}
	return compare
}

// collationMatcher matches requested locales against the locales golang.org/x/text/collate has tailorings
// for. Collation must not go through resolveLocale: that matches against the generated locales (number and
// date data only), so "sv" fell back to en-US and lost the Swedish tailoring (å, ä, ö after z).
// Variant collations (de-u-co-phonebk) are left out: only the default collation is supported, and the
// matcher would otherwise prefer them.
var collationTags = sync.OnceValue(func() []language.Tag {
	tags := []language.Tag{language.MustParse(defaultLocale)}
	for _, t := range collate.Supported() {
		if !strings.Contains(t.String(), "-u-") {
			tags = append(tags, t)
		}
	}
	return tags
})

var collationMatcher = sync.OnceValue(func() language.Matcher { return language.NewMatcher(collationTags()) })

// collationTag is the collation tailoring for an Intl locales argument: the first supported match, else the
// root-like default locale, as ICU falls back.
func (in *intl) collationTag(locales goja.Value) language.Tag {
	if locales == nil || goja.IsUndefined(locales) {
		return language.MustParse(defaultLocale)
	}
	var req []language.Tag
	for _, s := range in.canonical(locales) {
		req = append(req, language.Make(s))
	}
	if len(req) == 0 {
		return language.MustParse(defaultLocale)
	}
	_, i, conf := collationMatcher().Match(req...)
	if conf == language.No {
		i = 0
	}
	return collationTags()[i]
}
