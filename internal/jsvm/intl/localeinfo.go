package intl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

//go:embed localeinfo.json
var localeInfoJSON []byte

// week is a region's week: its first day and weekend days (1 Monday … 7 Sunday) and the fewest days of a
// year's first week. JSON: [firstDay, [weekend...], minimalDays].
type week struct {
	First   int
	Weekend []int
	Minimal int
}

func (w *week) UnmarshalJSON(b []byte) error {
	var raw [3]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[0], &w.First); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[1], &w.Weekend); err != nil {
		return err
	}
	return json.Unmarshal(raw[2], &w.Minimal)
}

type regionInfo struct {
	Calendars []string `json:"ca"`
	HourCycle string   `json:"hc"`
	Week      *week    `json:"wk"`
	Zones     []string `json:"tz"`
}

// localeInfoData is localeinfo.json (gen/localeinfo.js): what Node's Intl.Locale info getters report,
// by region, by language and region for the hour cycle, and by generated locale for collations and
// direction; and Intl.supportedValuesOf.
type localeInfoData struct {
	Default struct {
		Calendars []string `json:"ca"`
		HourCycle string   `json:"hc"`
		Week      week     `json:"wk"`
	} `json:"def"`
	Regions    map[string]*regionInfo `json:"regions"`
	HourCycles map[string]string      `json:"hc"` // "lang-REGION" pairs whose hour cycle is not the region's
	Collations map[string][]string    `json:"co"` // generated locales whose collations are not emoji, eor
	RTL        []string               `json:"rtl"`
	Collators  []string               `json:"collators"` // the locales ICU has a collator for
	Scripts    map[string]string      `json:"scripts"`   // script order by collator locale ("und": the root's)
	Supported  map[string][]string    `json:"supported"`

	rtl       map[string]bool
	collators map[string]bool
}

var localeInfo = sync.OnceValue(func() *localeInfoData {
	d := &localeInfoData{}
	if err := json.Unmarshal(localeInfoJSON, d); err != nil {
		panic(fmt.Sprintf("intl: embedded localeinfo.json: %v", err))
	}
	d.rtl = make(map[string]bool, len(d.RTL))
	for _, l := range d.RTL {
		d.rtl[l] = true
	}
	d.collators = make(map[string]bool, len(d.Collators))
	for _, l := range d.Collators {
		d.collators[l] = true
	}
	return d
})

// localeParts is a canonical tag taken apart: language, script and region as written, and the values of
// its Unicode extension keywords ("" for a key without a value).
type localeParts struct {
	lang, script, region string
	kw                   map[string]string
}

func splitLocale(tag string) localeParts {
	p := localeParts{kw: map[string]string{}}
	fs := strings.Split(tag, "-")
	p.lang = fs[0]
	i := 1
	for ; i < len(fs) && len(fs[i]) > 1; i++ {
		switch f := fs[i]; {
		case len(f) == 4 && f[0] > '9' && p.script == "" && p.region == "":
			p.script = f
		case (len(f) == 2 || len(f) == 3 && f[0] <= '9') && p.region == "":
			p.region = f
		}
	}
	for ; i < len(fs); i++ {
		if fs[i] != "u" {
			if fs[i] == "x" {
				break
			}
			continue
		}
		key := ""
		for i++; i < len(fs) && len(fs[i]) > 1; i++ {
			if len(fs[i]) == 2 {
				key = fs[i]
				if _, ok := p.kw[key]; !ok {
					p.kw[key] = ""
				}
			} else if key != "" {
				p.kw[key] = strings.TrimPrefix(p.kw[key]+"-"+fs[i], "-")
			}
		}
		i--
	}
	return p
}

// likelyParts is the script and region maximize adds to lang[-script][-region].
func likelyParts(lang, script, region string) (string, string) {
	base := strings.Join(slices.DeleteFunc([]string{lang, script, region}, func(s string) bool { return s == "" }), "-")
	m := splitLocale(maximizeLocale(base))
	return m.script, m.region
}

// infoLocale is the generated locale whose data ICU reads for lang-script-region: the longest of them it
// has, where a script other than the language's own does not fall back to the language (ar-Cyrl reads
// the root locale, not ar), and a region whose likely script is not the language's own reads that
// script's locale (kk-IR is kk-Arab). "" is the root locale.
func infoLocale(lang, script, region string) string {
	if script == "" && region != "" {
		if s, _ := likelyParts(lang, "", region); s != "" {
			if own, _ := likelyParts(lang, "", ""); s != own {
				script = s
			}
		}
	}
	var try []string
	if script != "" {
		if region != "" {
			try = append(try, lang+"-"+script+"-"+region)
		}
		try = append(try, lang+"-"+script)
	}
	if own, _ := likelyParts(lang, "", ""); script == "" || script == own {
		if region != "" {
			try = append(try, lang+"-"+region)
		}
		try = append(try, lang)
	}
	c := loadCLDR()
	for _, t := range try {
		if k := strings.ToLower(t); c.have[k] {
			for _, name := range c.names {
				if strings.ToLower(name) == k {
					return name
				}
			}
		}
	}
	return ""
}

var (
	regionKeyword = regexp.MustCompile(`^([a-z]{2})[0-9a-z]{1,4}$`)
	weekdays      = map[string]int{"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
	calendarAlias = map[string]string{"islamicc": "islamic-civil", "ethiopic-amete-alem": "ethioaa"}
)

// keywordRegion is the region a -u-rg- or -u-sd- value names ("gbzzzz", "usca" is GB, US); "" for none
// (rg's "zzzz" region is no region).
func (in *intl) keywordRegion(key, v string) string {
	m := regionKeyword.FindStringSubmatch(v)
	if m == nil {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: Intl.Locale -u-%s-%s is not supported (a region code and a subdivision, such as gbzzzz)", key, v)))
	}
	if r := strings.ToUpper(m[1]); r != "ZZ" {
		return r
	}
	return ""
}

// localeInfo implements the Intl.Locale getters calendars, collations, hourCycles, numberingSystems,
// textInfo, timeZones and weekInfo for a canonical tag, as Node 20 reports them.
func (in *intl) localeInfo(tag, name string) goja.Value {
	d := localeInfo()
	p := splitLocale(tag)
	lang := p.lang
	if lang == "und" {
		lang = ""
	}
	_, likelyRegion := likelyParts(p.lang, p.script, p.region) // none for a language ICU does not know
	// The region whose preferences apply: -u-rg-, else the tag's, else -u-sd- (not for the hour cycle),
	// else the likely one.
	regionFor := func(sd bool) string {
		if v, ok := p.kw["rg"]; ok {
			if r := in.keywordRegion("rg", v); r != "" {
				return r
			}
		}
		if p.region != "" {
			return p.region
		}
		if v, ok := p.kw["sd"]; ok && sd {
			if r := in.keywordRegion("sd", v); r != "" {
				return r
			}
		}
		return likelyRegion
	}
	keyword := func(k string) (string, bool) {
		v, ok := p.kw[k]
		if ok && v == "" {
			v = "yes"
		}
		return v, ok
	}
	strs := func(s []string) goja.Value {
		vs := make([]any, len(s))
		for i, x := range s {
			vs[i] = x
		}
		return in.rt.NewArray(vs...)
	}
	data := func() string {
		if lang == "" {
			return ""
		}
		return infoLocale(lang, p.script, p.region)
	}
	switch name {
	case "calendars":
		if v, ok := keyword("ca"); ok {
			if a, ok := calendarAlias[v]; ok {
				v = a
			}
			return strs([]string{v})
		}
		if r := d.Regions[regionFor(true)]; r != nil && r.Calendars != nil {
			return strs(r.Calendars)
		}
		return strs(d.Default.Calendars)
	case "collations":
		if v, ok := keyword("co"); ok {
			return strs([]string{v})
		}
		if co, ok := d.Collations[data()]; ok {
			return strs(co)
		}
		return strs([]string{"emoji", "eor"})
	case "hourCycles":
		if v, ok := keyword("nu"); ok && !slices.Contains(d.Supported["numberingSystem"], v) {
			panic(in.rangeError("Internal error. Icu error.")) // ICU cannot make the date patterns
		}
		if v, ok := keyword("hc"); ok {
			return strs([]string{v})
		}
		r := regionFor(false)
		if h, ok := d.HourCycles[p.lang+"-"+r]; ok {
			return strs([]string{h})
		}
		if ri := d.Regions[r]; ri != nil && ri.HourCycle != "" {
			return strs([]string{ri.HourCycle})
		}
		return strs([]string{d.Default.HourCycle})
	case "numberingSystems":
		if v, ok := keyword("nu"); ok {
			return strs([]string{v})
		}
		sys := "latn"
		if l := data(); l != "" {
			if x := numberExtrasFor(l); x != nil && x.System != "" {
				sys = x.System
			}
		}
		return strs([]string{sys})
	case "textInfo":
		o := in.rt.NewObject()
		dir := "ltr"
		if d.rtl[data()] {
			dir = "rtl"
		}
		o.Set("direction", dir)
		return o
	case "timeZones":
		if p.region == "" {
			return goja.Undefined()
		}
		if r := d.Regions[strings.ToUpper(p.region)]; r != nil {
			return strs(r.Zones)
		}
		return strs(nil)
	case "weekInfo":
		w := d.Default.Week
		if r := d.Regions[regionFor(true)]; r != nil && r.Week != nil {
			w = *r.Week
		}
		if v, _ := keyword("ca"); v == "iso8601" {
			w.First, w.Minimal = 1, 4
		}
		if v, ok := keyword("fw"); ok {
			if n, ok := weekdays[v]; ok {
				w.First = n
			}
		}
		o := in.rt.NewObject()
		o.Set("firstDay", w.First)
		we := make([]any, len(w.Weekend))
		for i, x := range w.Weekend {
			we[i] = x
		}
		o.Set("weekend", in.rt.NewArray(we...))
		o.Set("minimalDays", w.Minimal)
		return o
	}
	panic(in.rt.NewTypeError("intl: no Intl.Locale getter " + name))
}

// supportedValues implements Intl.supportedValuesOf (js/intl.js converts the key to a string).
func (in *intl) supportedValues(key string) goja.Value {
	v, ok := localeInfo().Supported[key]
	if !ok {
		panic(in.rangeError("Invalid key : " + key))
	}
	vs := make([]any, len(v))
	for i, x := range v {
		vs[i] = x
	}
	return in.rt.NewArray(vs...)
}

// collatorLocale is the locale Intl.Collator resolves to, as V8's lookup does over the locales ICU has a
// collator for: the longest prefix of the first requested tag that has one (en-GB is en, zh-TW zh-TW), else
// the default locale.
func (in *intl) collatorLocale(locales goja.Value) (string, map[string]string) {
	have := localeInfo().collators
	for _, t := range in.canonical(locales) {
		var kw map[string]string
		if i := strings.Index(t, "-u-"); i >= 0 { // localeCompare resolves on every call: parse only keywords
			kw = splitLocale(t).kw
			t = t[:i]
		}
		for ; t != ""; t = t[:max(strings.LastIndex(t, "-"), 0)] {
			if have[t] {
				return t, kw
			}
		}
	}
	return defaultLocale, nil
}

// collationsOf lists the collations ICU has for a collator locale besides the default (Intl.Locale's
// collations: emoji and eor everywhere, de's phonebk, zh's pinyin, stroke...).
func collationsOf(locale string) []string {
	if co, ok := localeInfo().Collations[locale]; ok {
		return co
	}
	return []string{"emoji", "eor"}
}
