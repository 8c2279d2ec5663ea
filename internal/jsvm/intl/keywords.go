package intl

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dop251/goja"
)

// Unicode extension keywords in a locale (th-u-ca-gregory, ar-EG-u-nu-latn, en-u-hc-h23, de-u-kn) choose a
// calendar, numbering system, hour cycle or collation option, as ECMA-402's ResolveLocale reads them: a
// constructor honours the keys relevant to it (DateTimeFormat ca, hc, nu; NumberFormat and
// RelativeTimeFormat nu; Collator co, kf, kn) when the value is one ICU supports, an option of the same
// meaning overrides the keyword (and drops it from the resolved locale), and unknown values are ignored.
// The generated data holds each locale's default calendar and numbering system only, so a value that
// selects another one is a RangeError naming it: formatting with the default instead would be other text
// than Node's.

// extension collects the keywords a constructor honoured, in its relevant-key order, for the locale that
// resolvedOptions reports.
type extension []string

func (e *extension) add(key, value string) {
	if value == "" || value == "true" {
		*e = append(*e, key) // -u-kn-true is written -u-kn
		return
	}
	*e = append(*e, key, value)
}

func (e extension) locale(base string) string {
	if len(e) == 0 {
		return base
	}
	return base + "-u-" + strings.Join(e, "-")
}

// resolveKeyword is ResolveLocale for one relevant key: the keyword's value when supported says so, then
// the option's (opt, "" when absent) when it is supported and differs, which drops the keyword. value is ""
// for the locale's default; keep says whether the keyword stays in the resolved locale.
func resolveKeyword(kw map[string]string, key, opt string, supported func(string) bool) (value string, keep bool) {
	if v, ok := kw[key]; ok && supported(v) {
		value, keep = v, true
	}
	if opt != "" && supported(opt) && opt != value {
		value, keep = opt, false
	}
	return value, keep
}

// unicodeType is the form a calendar or numberingSystem option must have (UTS 35's type: 3-8
// alphanumerics, hyphen-separated).
var unicodeType = regexp.MustCompile(`^[0-9A-Za-z]{3,8}(-[0-9A-Za-z]{3,8})*$`)

// typeOption reads a calendar or numberingSystem option: "" when absent, a RangeError worded as V8's when
// malformed.
func (in *intl) typeOption(o *goja.Object, name string) string {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	s := v.String()
	if !unicodeType.MatchString(s) {
		panic(in.rangeError(fmt.Sprintf("Invalid %s : %s", name, s)))
	}
	return s
}

// supportedValue reports whether v is one of Intl.supportedValuesOf(key).
func supportedValue(key string) func(string) bool {
	return func(v string) bool { return slices.Contains(localeInfo().Supported[key], v) }
}

// canonicalCalendar is a calendar name with its alias resolved (islamicc is islamic-civil).
func canonicalCalendar(v string) string {
	if a, ok := calendarAlias[v]; ok {
		return a
	}
	return v
}

func isCalendar(v string) bool { return supportedValue("calendar")(canonicalCalendar(v)) }

var isNumberingSystem = supportedValue("numberingSystem")

func isHourCycle(v string) bool { return v == "h11" || v == "h12" || v == "h23" || v == "h24" }

// resolveNumbering resolves the nu keyword and the numberingSystem option (opt) against the locale's own
// numbering system (own), adding the keyword to ext when it stays.
func (in *intl) resolveNumbering(kw map[string]string, opt, locale, own string, ext *extension) {
	nu, keep := resolveKeyword(kw, "nu", opt, isNumberingSystem)
	if nu != "" && nu != own {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: numberingSystem=%s is not supported for locale %s (only its own numbering system, %s)", nu, locale, own)))
	}
	if keep {
		ext.add("nu", nu)
	}
}

// numberingSystemOf is the numbering system a generated locale's data is in: its own digits (ar-EG's
// arab), else latn.
func numberingSystemOf(locale string) string {
	if ex := numberExtrasFor(locale); ex != nil && ex.System != "" {
		return ex.System
	}
	return "latn"
}

// calendarOf is the calendar a generated locale's date data is in: its region's first (th's buddhist,
// fa's persian), as V8 creates a formatter for the resolved locale.
func (in *intl) calendarOf(locale string) string {
	if a, ok := in.localeInfo(locale, "calendars").(*goja.Object); ok {
		return a.Get("0").String()
	}
	return "gregory"
}
