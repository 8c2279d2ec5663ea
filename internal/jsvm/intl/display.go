package intl

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/dop251/goja"
)

// nameTable maps a style (long, short, narrow) to code -> name; short and narrow hold only the names
// that differ from long.
type nameTable map[string]map[string]string

func (t nameTable) get(style, code string) (string, bool) {
	if s, ok := t[style][code]; ok {
		return s, true
	}
	s, ok := t["long"][code]
	return s, ok
}

type displayData struct {
	Region        nameTable                    `json:"region"`
	Script        nameTable                    `json:"script"`
	Currency      nameTable                    `json:"currency"`
	Calendar      nameTable                    `json:"calendar"`
	CurrencyRoot  []string                     `json:"currencyRoot"` // codes ICU names from root when asked in lower case
	DateTimeField nameTable                    `json:"dateTimeField"`
	Languages     map[string]json.RawMessage   `json:"languages"` // "long.dialect" -> names, pattern, separator
	languages     map[string]map[string]string // parsed Languages tables
	pattern, sep  string
}

// parse splits the languages table into its names, pattern and separator.
func (d *displayData) parse() {
	d.languages = map[string]map[string]string{}
	for k, v := range d.Languages {
		switch k {
		case "pattern":
			json.Unmarshal(v, &d.pattern)
		case "separator":
			json.Unmarshal(v, &d.sep)
		default:
			var m map[string]string
			json.Unmarshal(v, &m)
			d.languages[k] = m
		}
	}
}

// displayNames is a resolved Intl.DisplayNames.
type displayNames struct {
	locale, style, typ, fallback, languageDisplay string
	data                                          *displayData
	in                                            *intl
}

func (in *intl) newDisplayNames(locales, options goja.Value) *displayNames {
	if options == nil || goja.IsUndefined(options) {
		panic(in.rt.NewTypeError("invalid_argument"))
	}
	o := in.options(options)
	dn := &displayNames{in: in}
	dn.locale, _ = in.resolveLocale(locales)
	dn.style = in.str(o, "style", "long", "long", "short", "narrow")
	dn.typ = in.str(o, "type", "", "language", "region", "script", "currency", "calendar", "dateTimeField")
	if dn.typ == "" {
		panic(in.rt.NewTypeError("invalid_argument"))
	}
	dn.fallback = in.str(o, "fallback", "code", "code", "none")
	dn.languageDisplay = in.str(o, "languageDisplay", "dialect", "dialect", "standard")
	if b := bundleFor(dn.locale); b != nil {
		dn.data = b.Display
	}
	if dn.data == nil {
		panic(in.rangeError("jsvm Intl: DisplayNames is not supported for locale " + dn.locale + ": no generated data (gen/displaynames.js)"))
	}
	return dn
}

func (dn *displayNames) resolved(rt *goja.Runtime) *goja.Object {
	o := rt.NewObject()
	o.Set("locale", dn.locale)
	o.Set("style", dn.style)
	o.Set("type", dn.typ)
	o.Set("fallback", dn.fallback)
	if dn.typ == "language" {
		o.Set("languageDisplay", dn.languageDisplay)
	}
	return o
}

var (
	regionCode   = regexp.MustCompile(`^(?:[A-Za-z]{2}|[0-9]{3})$`)
	scriptCode   = regexp.MustCompile(`^[A-Za-z]{4}$`)
	currencyCode = regexp.MustCompile(`^[A-Za-z]{3}$`)
	calendarCode = regexp.MustCompile(`^[A-Za-z0-9]{3,8}(?:-[A-Za-z0-9]{3,8})*$`)
	// unicode_language_id: language, then script, region and variants.
	languageID     = regexp.MustCompile(`^(?i)([a-z]{2,3}|[a-z]{5,8}|root)(?:-([a-z]{4}))?(?:-([a-z]{2}|[0-9]{3}))?((?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)$`)
	dateTimeFields = map[string]bool{"era": true, "year": true, "quarter": true, "month": true, "weekOfYear": true, "weekday": true, "day": true, "dayPeriod": true, "hour": true, "minute": true, "second": true, "timeZoneName": true}
)

// legacyCalendar is ICU's legacy key of the calendars whose BCP 47 key differs.
var legacyCalendar = map[string]string{"gregory": "gregorian", "ethioaa": "ethiopic-amete-alem"}

// of returns the display name of code, or undefined (fallback "none" and no name).
func (dn *displayNames) of(code goja.Value) goja.Value {
	in := dn.in
	if code == nil || goja.IsUndefined(code) {
		panic(in.rt.NewTypeError("invalid_argument"))
	}
	c := code.String()
	bad := func() { panic(in.rangeError("invalid_argument")) }
	var name string
	var ok bool
	switch dn.typ {
	case "region":
		if !regionCode.MatchString(c) {
			bad()
		}
		name, ok = dn.data.Region.get(dn.style, c) // Node looks a lower-case region up as given: "us" is not found
	case "script":
		if !scriptCode.MatchString(c) {
			bad()
		}
		name, ok = dn.data.Script.get(dn.style, c)
	case "currency":
		if !currencyCode.MatchString(c) {
			bad()
		}
		up := strings.ToUpper(c)
		name, ok = dn.data.Currency.get(dn.style, up)
		if !ok && (dn.fallback == "code" || c != up && slices.Contains(dn.data.CurrencyRoot, up)) {
			return in.rt.ToValue(up)
		}
	case "calendar":
		if !calendarCode.MatchString(c) {
			bad()
		}
		name, ok = dn.data.Calendar.get(dn.style, c) // case-sensitive in Node
		if !ok && dn.fallback == "code" && legacyCalendar[c] != "" {
			return in.rt.ToValue(legacyCalendar[c]) // ICU falls back to the calendar's legacy key
		}
	case "dateTimeField":
		if !dateTimeFields[c] {
			bad()
		}
		name, ok = dn.data.DateTimeField.get(dn.style, c)
	case "language":
		name, ok = dn.language(c)
	}
	if !ok {
		if dn.fallback == "none" {
			return goja.Undefined()
		}
		if dn.typ == "language" && strings.EqualFold(c, "und") {
			c = "root"
		}
		return in.rt.ToValue(c)
	}
	return in.rt.ToValue(name)
}

// language names a unicode_language_id as ICU does: the longest dialect name that matches (languageDisplay
// "dialect": en-US is "American English"), then the remaining script and region in the locale's pattern.
func (dn *displayNames) language(c string) (string, bool) {
	in := dn.in
	if strings.Contains(c, "_") {
		panic(in.rangeError("invalid_argument"))
	}
	base := c
	if i := strings.Index(strings.ToLower(c), "-u-"); i >= 0 {
		base = c[:i] // Node names the language without its Unicode extension
	}
	m := languageID.FindStringSubmatch(base)
	if m == nil {
		panic(in.rangeError("invalid_argument"))
	}
	if m[4] != "" {
		panic(in.rangeError("jsvm Intl: DisplayNames of a language tag with variants (" + c + ") is not supported"))
	}
	lang := strings.ToLower(m[1])
	script := ""
	if m[2] != "" {
		script = strings.ToUpper(m[2][:1]) + strings.ToLower(m[2][1:])
	}
	region := strings.ToUpper(m[3])
	// Tables: "long.dialect" names every plain code; the other style.display tables hold the plain codes
	// whose name differs from it, and (dialect tables) the dialect keys of that style.
	look := func(key string) (string, bool) {
		if s, ok := dn.data.languages[dn.style+"."+dn.languageDisplay][key]; ok {
			return s, true
		}
		if strings.Contains(key, "-") {
			return "", false
		}
		s, ok := dn.data.languages["long.dialect"][key]
		return s, ok
	}
	name := ""
	var rest []string
	found := false
	// ICU uses a dialect name for a language with a script or a region, not with both (zh-Hans-CN is
	// "Chinese (Simplified, China)").
	if dn.languageDisplay == "dialect" && (script == "" || region == "") {
		for _, k := range []struct{ key, script, region string }{
			{join(lang, script, region), "", ""},
			{join(lang, script, ""), "", region},
			{join(lang, "", region), script, ""},
		} {
			if k.key == lang || strings.Count(k.key, "-") == 0 {
				continue
			}
			if s, ok := look(k.key); ok {
				name, found = s, true
				script, region = k.script, k.region
				break
			}
		}
	}
	if !found {
		s, ok := look(lang)
		if !ok && script == "" && region == "" && dn.fallback == "code" && base != c {
			return lang, true // a locale without the language's name names en-u-ca-buddhist "en", as ICU
		}
		if !ok && (dn.fallback == "none" || script == "" && region == "") {
			return "", false
		}
		if !ok {
			s = lang
			if lang == "und" {
				s = "root" // ICU's name for the undetermined locale
			}
		}
		name = s
	}
	if script != "" {
		s, ok := dn.data.Script.get(dn.style, script)
		if !ok {
			if dn.fallback == "none" {
				return "", false // ICU names no part it lacks a name for (yi: zh-Hans)
			}
			s = script
		}
		rest = append(rest, s)
	}
	if region != "" {
		s, ok := dn.data.Region.get(dn.style, region)
		if !ok {
			if dn.fallback == "none" {
				return "", false
			}
			s = region
		}
		rest = append(rest, s)
	}
	if len(rest) == 0 {
		return name, true
	}
	if dn.data.pattern == "" {
		panic(in.rangeError("jsvm Intl: DisplayNames of " + c + " is not supported for locale " + dn.locale + ": no composition pattern"))
	}
	if strings.Contains(dn.data.pattern, "(") {
		// ICU writes the parentheses of a name inside the pattern's as brackets: "ਸੰਯੁਕਤ ਰਾਜ [ਅਮਰੀਕਾ]".
		br := strings.NewReplacer("(", "[", ")", "]")
		name = br.Replace(name)
		for i := range rest {
			rest[i] = br.Replace(rest[i])
		}
	}
	return strings.Replace(strings.Replace(dn.data.pattern, "{0}", name, 1), "{1}", strings.Join(rest, dn.data.sep), 1), true
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "-")
}
