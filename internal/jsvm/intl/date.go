package intl

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// token is one piece of a date pattern: a literal, or a field f ('G','y','M','E','d','h','m','s','a','z') of width w.
type token struct {
	lit  string
	f    byte
	w    string
	pad  bool   // hours: two digits
	hcyc string // hours: h11, h12, h23, h24
}

func parsePattern(p string) []token {
	var out []token
	for p != "" {
		i := strings.IndexByte(p, '{')
		if i != 0 {
			if i < 0 {
				i = len(p)
			}
			out = append(out, token{lit: p[:i]})
			p = p[i:]
			continue
		}
		j := strings.IndexByte(p, '}')
		field := p[1:j]
		p = p[j+1:]
		f, w, _ := strings.Cut(field, ":")
		t := token{f: f[0], w: w}
		if t.f == 'h' {
			t.hcyc, _, _ = strings.Cut(w, ".")
			t.pad = strings.HasSuffix(w, ".2")
		}
		out = append(out, t)
	}
	return out
}

func (l *localeData) pattern(key string) []token {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.patterns[key]; ok {
		return t
	}
	p, ok := l.Patterns[key]
	if !ok {
		return nil
	}
	if l.patterns == nil {
		l.patterns = make(map[string][]token)
	}
	t := parsePattern(p)
	l.patterns[key] = t
	return t
}

// dateFormat is a resolved Intl.DateTimeFormat.
type dateFormat struct {
	locale    string // the generated locale whose data it formats with
	shown     string // the locale resolvedOptions reports: locale and the keywords honoured (-u-hc-h23)
	calendar  string // the locale's own calendar, the one its data is in
	data      *localeData
	zone      string
	loc       *time.Location
	tokens    []token
	resolved  map[string]string
	zoneNames *zoneNames // timeZoneName data, nil without timeZoneName
	fraction  int        // fractionalSecondDigits, 0 without
	hcOption  string     // the hourCycle option (or the hc keyword), "" without (or with hour12, which overrides it)
	hcKeyword string     // the hc keyword when hour12 overrides it: the cycle hour12 picks its kind from
	key       string     // the options' key (date fields, dateStyle, time fields, hour12, timeStyle), "" with timeZoneName
	in        *intl      // for errors raised while formatting
}

// dateFields are the field options in ECMA-402's table order; the first five are the date's.
var dateFields = []string{"weekday", "era", "year", "month", "day", "dayPeriod", "hour", "minute", "second"}

// newDateFormat implements ToDateTimeOptions and pattern selection. required/defaults are "date", "time",
// "any"/"all" as in ECMA-402 (toLocaleDateString passes date/date, toLocaleTimeString time/time).
func (in *intl) newDateFormat(locales, options goja.Value, required, defaults string) *dateFormat {
	o := in.options(options)
	df := &dateFormat{resolved: map[string]string{}, in: in}
	var kw map[string]string
	df.locale, df.data, kw = in.resolveLocaleKeywords(locales)
	var ext extension
	df.calendar = in.calendarOf(df.locale)
	ca, keep := resolveKeyword(kw, "ca", in.typeOption(o, "calendar"), isCalendar)
	if ca = canonicalCalendar(ca); ca != "" && ca != df.calendar {
		panic(in.rangeError(fmt.Sprintf("jsvm Intl: calendar=%s is not supported for locale %s (only its own calendar, %s)", ca, df.locale, df.calendar)))
	}
	if keep {
		ext.add("ca", ca)
	}
	tzName := in.str(o, "timeZoneName", "", "short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric")
	df.zone = in.str(o, "timeZone", LocalTimeZone())
	if strings.EqualFold(df.zone, "utc") || strings.EqualFold(df.zone, "etc/utc") || strings.EqualFold(df.zone, "gmt") {
		df.zone, df.loc = "UTC", time.UTC
	} else {
		loc, err := time.LoadLocation(df.zone)
		if err != nil {
			panic(in.rangeError("Invalid time zone specified: " + df.zone))
		}
		df.loc = loc
	}
	vals := map[string]string{}
	vals["weekday"] = in.str(o, "weekday", "", "long", "short", "narrow")
	vals["era"] = in.str(o, "era", "", "long", "short", "narrow")
	vals["dayPeriod"] = in.str(o, "dayPeriod", "", "narrow", "short", "long")
	vals["year"] = in.str(o, "year", "", "numeric", "2-digit")
	vals["month"] = in.str(o, "month", "", "numeric", "2-digit", "long", "short", "narrow")
	vals["day"] = in.str(o, "day", "", "numeric", "2-digit")
	vals["hour"] = in.str(o, "hour", "", "numeric", "2-digit")
	vals["minute"] = in.str(o, "minute", "", "numeric", "2-digit")
	vals["second"] = in.str(o, "second", "", "numeric", "2-digit")
	df.fraction = in.num(o, "fractionalSecondDigits", 1, 3, 0)
	dateStyle := in.str(o, "dateStyle", "", "full", "long", "medium", "short")
	timeStyle := in.str(o, "timeStyle", "", "full", "long", "medium", "short")
	hour12 := ""
	hcOption := in.str(o, "hourCycle", "", "h11", "h12", "h23", "h24")
	if v := o.Get("hour12"); v != nil && !goja.IsUndefined(v) {
		hour12 = strconv.FormatBool(v.ToBoolean())
		// The hc keyword is then the locale's own cycle (hourCycle picks hour12's kind from it), and stays in
		// the resolved locale when the cycle chosen is the keyword's.
		if hc := kw["hc"]; isHourCycle(hc) {
			df.hcKeyword = hc
			if hc == cycleOfKind(hc, hour12 == "true") {
				ext.add("hc", hc)
			}
		}
	} else {
		// hourCycle (or the hc keyword): the pattern of its 12- or 24-hour kind, with the hour written in
		// its cycle (ja's hour12 pattern counts 0-11, so h12 there is ICU's pattern with the hours as 1-12).
		hc, keep := resolveKeyword(kw, "hc", hcOption, isHourCycle)
		if keep {
			ext.add("hc", hc)
		}
		switch df.hcOption = hc; df.hcOption {
		case "h11", "h12":
			hour12 = "true"
		case "h23", "h24":
			hour12 = "false"
		}
	}
	in.resolveNumbering(kw, in.typeOption(o, "numberingSystem"), df.locale, numberingSystemOf(df.locale), &ext)
	df.shown = ext.locale(df.locale)
	hasDate := vals["weekday"] != "" || vals["year"] != "" || vals["month"] != "" || vals["day"] != ""
	hasTime := vals["dayPeriod"] != "" || vals["hour"] != "" || vals["minute"] != "" || vals["second"] != "" || df.fraction > 0
	if dateStyle != "" || timeStyle != "" {
		style := map[bool]string{true: "dateStyle", false: "timeStyle"}[dateStyle != ""]
		if tzName != "" {
			panic(in.rt.NewTypeError("Can't set option timeZoneName when " + style + " is used"))
		}
		if hasDate || hasTime || vals["era"] != "" {
			set := firstSet(vals)
			if set == "" {
				set = "fractionalSecondDigits"
			}
			panic(in.rt.NewTypeError("Can't set option " + set + " when " + style + " is used"))
		}
		if required == "date" && timeStyle != "" {
			panic(in.rt.NewTypeError("Invalid option : timeStyle"))
		}
		if required == "time" && dateStyle != "" {
			panic(in.rt.NewTypeError("Invalid option : dateStyle"))
		}
	} else {
		need := true
		if (required == "date" || required == "any") && hasDate {
			need = false
		}
		if (required == "time" || required == "any") && hasTime {
			need = false
		}
		if need && (defaults == "date" || defaults == "all") {
			vals["year"], vals["month"], vals["day"] = "numeric", "numeric", "numeric"
		}
		if need && (defaults == "time" || defaults == "all") {
			vals["hour"], vals["minute"], vals["second"] = "numeric", "numeric", "numeric"
		}
	}
	var dateKey, timeKey []string
	for _, f := range dateFields[:5] {
		if vals[f] != "" {
			dateKey = append(dateKey, f+"="+vals[f])
			df.resolved[f] = vals[f]
		}
	}
	for _, f := range dateFields[5:] {
		if vals[f] != "" {
			timeKey = append(timeKey, f+"="+vals[f])
			df.resolved[f] = vals[f]
		}
	}
	if (vals["hour"] != "" || timeStyle != "") && hour12 != "" {
		timeKey = append(timeKey, "hour12="+hour12)
		if df.hcOption == "" {
			df.resolved["hour12"] = hour12
		}
	}
	if dateStyle != "" {
		dateKey = append(dateKey, "dateStyle="+dateStyle)
		df.resolved["dateStyle"] = dateStyle
	}
	if timeStyle != "" {
		timeKey = append(timeKey, "timeStyle="+timeStyle)
		df.resolved["timeStyle"] = timeStyle
		if (timeStyle == "full" || timeStyle == "long") && df.zone != "UTC" {
			panic(in.rangeError("jsvm Intl: timeStyle " + timeStyle + " (time zone names) is only supported with timeZone UTC"))
		}
	}
	key := strings.Join(append(append([]string{}, dateKey...), timeKey...), ",")
	if df.fraction > 0 && (vals["second"] == "" || (vals["hour"] != "" && vals["minute"] == "") || tzName != "") {
		// ICU then adds a seconds field itself ({minute, fractionalSecondDigits} is "04:05.678"), appends
		// the seconds apart ({hour, second} is "1 PM (second: 7)", without the fraction), or the zone
		// name's pattern would need the fraction placed too.
		panic(in.rangeError("jsvm Intl: option fractionalSecondDigits is only supported with second (and minute, with hour) and without timeZoneName"))
	}
	if tzName != "" {
		df.zoneNames = bundleFor(df.locale).Zones[tzName]
		if df.zoneNames == nil || !tzPatternVerified(vals) {
			panic(in.rangeError(fmt.Sprintf("jsvm Intl: option timeZoneName=%s is not supported here (locale %s, fields %s)", tzName, df.locale, key)))
		}
		df.resolved["timeZoneName"] = tzName
		zkey := key + ",timeZoneName=" + tzName
		if p, ok := df.zoneNames.Patterns[zkey]; ok {
			if p == "" {
				panic(in.rangeError(fmt.Sprintf("jsvm Intl: option timeZoneName=%s is not supported here (locale %s, fields %s: gen/zones.js could not extract its pattern)", tzName, df.locale, key)))
			}
			df.tokens = parsePattern(p)
			df.applyHourCycle()
			return df
		}
		defer func() { // the pattern without the zone name, then " {z}", as gen/zones.js verified
			df.tokens = append(append([]token{}, df.tokens...), token{lit: " "}, token{f: 'z', w: tzName})
		}()
	}
	if tzName == "" {
		df.key = key
	}
	df.tokens = df.data.pattern(key)
	// A date and a time are glued as the generated glue says, but not with a day period, whose combinations
	// gen/cldr.js does not verify.
	if df.tokens == nil && dateStyle == "" && timeStyle == "" && len(dateKey) > 0 && len(timeKey) > 0 && vals["dayPeriod"] == "" {
		d, t := df.data.pattern(strings.Join(dateKey, ",")), df.data.pattern(strings.Join(timeKey, ","))
		if g := df.data.Glue[glueClass(vals)]; d != nil && t != nil && g != "" {
			before, after, _ := strings.Cut(g, "{1}")
			mid, end, _ := strings.Cut(after, "{0}")
			df.tokens = append(append(append(append(append([]token{}, token{lit: before}), d...), token{lit: mid}), t...), token{lit: end})
		}
	}
	if df.tokens == nil {
		panic(in.rangeError("jsvm Intl: unsupported date-time option combination " + key))
	}
	df.applyHourCycle()
	if df.fraction > 0 {
		df.tokens = withFraction(df.tokens, df.data.Number.Decimal, df.fraction)
		df.key = "" // no interval patterns with a fraction
		df.resolved["fractionalSecondDigits"] = strconv.Itoa(df.fraction)
	}
	return df
}

// applyHourCycle writes the hours of the pattern in the hourCycle option's cycle.
func (df *dateFormat) applyHourCycle() {
	cycle := df.hcOption
	if cycle == "" && df.hcKeyword != "" {
		cycle = df.hourCycle() // hour12's kind of cycle, counted as the keyword's
	}
	if cycle == "" {
		return
	}
	tokens := append([]token{}, df.tokens...)
	for i := range tokens {
		if tokens[i].f != 'h' || tokens[i].lit != "" || tokens[i].hcyc == cycle {
			continue
		}
		if df.resolved["timeStyle"] != "" {
			// V8 then regenerates the style's pattern from its skeleton, which can differ from the style's
			// own (yo writes 24:04 for h24, its short style 0:4).
			panic(df.in.rangeError(fmt.Sprintf("jsvm Intl: hour cycle %s (the hourCycle option or the -u-hc- keyword) with timeStyle is only supported where it is the locale's own cycle (here %s)", cycle, tokens[i].hcyc)))
		}
		tokens[i].hcyc = cycle
		df.key = "" // the interval patterns are ICU's for hour12, not this cycle
	}
	df.tokens = tokens
}

// withFraction places fractional seconds as ICU's pattern generator does: the locale's decimal separator and
// n digits right after the seconds field ("h:mm:ss.SS a", "HH.mm.ss,SS").
func withFraction(tokens []token, decimal string, n int) []token {
	out := make([]token, 0, len(tokens)+2)
	for _, tk := range tokens {
		out = append(out, tk)
		if tk.f == 's' && tk.lit == "" {
			out = append(out, token{lit: decimal}, token{f: 'S', w: strconv.Itoa(n)})
		}
	}
	return out
}

func firstSet(vals map[string]string) string {
	for _, f := range dateFields {
		if vals[f] != "" {
			return f
		}
	}
	return ""
}

func glueClass(vals map[string]string) string {
	switch {
	case vals["month"] == "long" && vals["weekday"] == "long":
		return "full"
	case vals["month"] == "long":
		return "long"
	case vals["month"] == "short":
		return "medium"
	}
	return "short"
}

func (df *dateFormat) resolvedOptions(rt *goja.Runtime) *goja.Object {
	o := rt.NewObject()
	o.Set("locale", df.shown)
	o.Set("calendar", df.calendar) // fa's persian, th's buddhist: their time formats are supported
	o.Set("numberingSystem", numberingSystemOf(df.locale))
	o.Set("timeZone", df.zone)
	if _, ok := df.resolved["hour"]; ok || df.resolved["timeStyle"] != "" {
		hc := df.hourCycle()
		o.Set("hourCycle", hc)
		o.Set("hour12", hc == "h11" || hc == "h12")
	}
	// V8 reports the fields as the chosen pattern writes them (ja's month is numeric for "short").
	shown := map[string]string{}
	if df.resolved["dateStyle"] == "" && df.resolved["timeStyle"] == "" {
		for _, tk := range df.tokens {
			if name, ok := tokenField[tk.f]; ok && tk.lit == "" {
				switch {
				case tk.f == 'h' && tk.pad:
					shown[name] = "2-digit"
				case tk.f == 'h':
					shown[name] = "numeric"
				case tk.f == 'E', tk.f == 'G', tk.f == 'B': // names: the data keeps one width where several print alike
				case tk.f == 'M' && tk.w != "numeric" && tk.w != "2-digit":
					// Names: the generated data keeps one width where several print alike (ko's short
					// and long months), so the requested width stands.
				case tk.f == 'M' && df.resolved["month"] == "narrow":
					// A narrow month the data writes as a number: ICU's pattern is numeric for ja and
					// zh-SG but narrow for zh-CN, which the data cannot tell apart; the request stands
					// (the matrix leaves {month: "narrow"} out of its resolvedOptions cases).
				default:
					shown[name] = tk.w
				}
			}
		}
	}
	for _, f := range []string{"weekday", "era", "year", "month", "day", "dayPeriod", "hour", "minute", "second", "fractionalSecondDigits", "timeZoneName", "dateStyle", "timeStyle"} {
		v, ok := df.resolved[f]
		if w, in := shown[f]; in && ok {
			v = w
		}
		switch {
		case !ok:
		case f == "era" && !df.hasField('G'), f == "dayPeriod" && !df.hasField('B'):
			// V8 reports the era and the day period only where the pattern writes them (de's 24-hour
			// clock has no day period).
		case f == "fractionalSecondDigits":
			o.Set(f, df.fraction)
		default:
			o.Set(f, v)
		}
	}
	return o
}

// hasField reports whether the pattern writes field f.
func (df *dateFormat) hasField(f byte) bool {
	for _, tk := range df.tokens {
		if tk.lit == "" && tk.f == f {
			return true
		}
	}
	return false
}

// tokenField names the option each pattern field answers to.
var tokenField = map[byte]string{'E': "weekday", 'G': "era", 'B': "dayPeriod", 'y': "year", 'M': "month", 'd': "day", 'h': "hour", 'm': "minute", 's': "second"}

// hourCycle is the resolved hour cycle, as V8 derives it: hour12 picks the 12- or 24-hour cycle of the
// locale's kind (h11 and h23 go together, h12 and h24), else the hourCycle option, else the locale's own.
// cycleOfKind is V8's hour cycle for hour12 (twelve) given the locale's own cycle: the 12- or 24-hour
// cycle that counts from zero when the locale's does (h11, h23), else from one (h12, h24).
func cycleOfKind(own string, twelve bool) string {
	zeroBased := own == "h11" || own == "h23"
	switch {
	case twelve && zeroBased:
		return "h11"
	case twelve:
		return "h12"
	case zeroBased:
		return "h23"
	}
	return "h24"
}

func (df *dateFormat) hourCycle() string {
	def := "h23"
	if a, ok := df.in.localeInfo(df.locale, "hourCycles").(*goja.Object); ok {
		def = a.Get("0").String()
	}
	if df.hcKeyword != "" {
		def = df.hcKeyword
	}
	switch df.resolved["hour12"] {
	case "true":
		return cycleOfKind(def, true)
	case "false":
		return cycleOfKind(def, false)
	}
	if df.hcOption != "" {
		return df.hcOption
	}
	return def
}

// parts formats ms since the epoch. Like V8, format() (not formatToParts) replaces U+202F with a space.
func (df *dateFormat) parts(ms float64) ([]part, bool) { return df.partsWith(df.tokens, ms) }

// partsWith formats ms with a pattern's tokens.
func (df *dateFormat) partsWith(tokens []token, ms float64) ([]part, bool) {
	if math.IsNaN(ms) || math.IsInf(ms, 0) || math.Abs(ms) > 8.64e15 {
		return nil, false
	}
	t := time.UnixMilli(int64(ms)).In(df.loc)
	n := df.data.Names
	two := func(v int) string {
		if v < 10 {
			return "0" + strconv.Itoa(v)
		}
		return strconv.Itoa(v)
	}
	out := make([]part, 0, len(tokens))
	for _, tk := range tokens {
		if tk.lit != "" || tk.f == 0 {
			switch {
			case tk.lit == "":
			case len(out) > 0 && out[len(out)-1].Type == "literal": // ICU writes adjacent literals as one part
				out[len(out)-1].Value += tk.lit
			default:
				out = append(out, part{"literal", tk.lit})
			}
			continue
		}
		switch tk.f {
		case 'y':
			y := t.Year() + yearOffset(n)
			if tk.w == "2-digit" {
				out = append(out, part{"year", two(y % 100)})
			} else {
				out = append(out, part{"year", strconv.Itoa(y)})
			}
		case 'G':
			// The data names the era of the years it was learned on (AD, th's BE): the one era of the
			// Buddhist calendar, the later of the Gregorian.
			if t.Year() < 1 {
				panic(df.in.rangeError(fmt.Sprintf("jsvm Intl: the era of year %d (before 1 AD) is not supported", t.Year())))
			}
			out = append(out, part{"era", n["G"+tk.w][0]})
		case 'M':
			switch tk.w {
			case "numeric":
				out = append(out, part{"month", strconv.Itoa(int(t.Month()))})
			case "2-digit":
				out = append(out, part{"month", two(int(t.Month()))})
			default:
				out = append(out, part{"month", n["M"+tk.w][t.Month()-1]})
			}
		case 'E':
			out = append(out, part{"weekday", n["E"+tk.w][t.Weekday()]})
		case 'd':
			if tk.w == "2-digit" {
				out = append(out, part{"day", two(t.Day())})
			} else {
				out = append(out, part{"day", strconv.Itoa(t.Day())})
			}
		case 'h':
			h := t.Hour()
			switch tk.hcyc {
			case "h12":
				h = h % 12
				if h == 0 {
					h = 12
				}
			case "h11":
				h %= 12
			case "h24":
				if h == 0 {
					h = 24
				}
			}
			if tk.pad {
				out = append(out, part{"hour", two(h)})
			} else {
				out = append(out, part{"hour", strconv.Itoa(h)})
			}
		case 'm':
			if tk.w == "2-digit" {
				out = append(out, part{"minute", two(t.Minute())})
			} else {
				out = append(out, part{"minute", strconv.Itoa(t.Minute())})
			}
		case 's':
			if tk.w == "2-digit" {
				out = append(out, part{"second", two(t.Second())})
			} else {
				out = append(out, part{"second", strconv.Itoa(t.Second())})
			}
		case 'S':
			ms := strconv.Itoa(1000 + t.Nanosecond()/1e6)[1:] // three digits, truncated as ICU does
			w, _ := strconv.Atoi(tk.w)
			out = append(out, part{"fractionalSecond", ms[:w]})
		case 'a':
			out = append(out, part{"dayPeriod", n["a"][t.Hour()/12]})
		case 'B':
			out = append(out, part{"dayPeriod", flexiblePeriod(n["B"+tk.w], tokens, t)})
		case 'z':
			var name string
			if z := n["z"+tk.w]; len(z) > 0 {
				name = z[0] // UTC, the only zone the generated patterns name
			}
			zn := df.zoneNames
			if zn != nil && tk.w != df.resolved["timeZoneName"] {
				zn = bundleFor(df.locale).Zones[tk.w] // a pattern may name another width (el: long for short)
				if zn == nil {
					panic(df.in.rangeError(fmt.Sprintf("jsvm Intl: option timeZoneName=%s: no %s names for locale %s", df.resolved["timeZoneName"], tk.w, df.locale)))
				}
			}
			if zn != nil && (df.zone != "UTC" || name == "") {
				var known bool
				if name, known = zn.name(df.zone, df.loc, t, df.data.Number.Digits); !known {
					panic(df.in.rangeError(fmt.Sprintf("jsvm Intl: option timeZoneName=%s: the name of %s on %s is not known (no data for its offset then)", tk.w, df.zone, t.Format("2006-01-02"))))
				}
				if specific, ok := genericAsStandard[tk.w]; ok && !dstNear(t) {
					if std := standardName(bundleFor(df.locale).Zones[specific], df.zone, df.loc); std != "" && !strings.EqualFold(std, name) {
						name = std
					}
				}
			}
			out = append(out, part{"timeZoneName", name})
		}
	}
	if d := df.data.Number.Digits; d != "" {
		out = nativeDateDigits(out, d)
	}
	return out, true
}

// flexiblePeriod is the dayPeriod option's name for t: names holds each hour's period (gen/cldr.js read
// them at hh:30) and then what 00:00 and 12:00 are called, which ICU writes when the pattern's minutes and
// seconds are zero or absent (en's "12 noon", but "12:30 in the afternoon").
func flexiblePeriod(names []string, tokens []token, t time.Time) string {
	h := t.Hour()
	exact := true
	for _, tk := range tokens {
		if tk.lit == "" && (tk.f == 'm' && t.Minute() != 0 || tk.f == 's' && t.Second() != 0) {
			exact = false
		}
	}
	switch {
	case exact && h == 0 && len(names) > 24:
		return names[24]
	case exact && h == 12 && len(names) > 25:
		return names[25]
	}
	return names[h]
}

// yearOffset is what a locale's own calendar adds to the Gregorian year: 543 in the Buddhist calendar
// (th: 2001 is 2544), the only one besides the Gregorian whose patterns are generated (gen/cldr.js records
// it as the names' "yoff"; its months and days are the Gregorian ones, and its one era is named "G").
func yearOffset(n map[string][]string) int {
	if v, ok := n["yoff"]; ok && len(v) == 1 {
		off, _ := strconv.Atoi(v[0])
		return off
	}
	return 0
}

// nativeDateDigits writes the numeric fields in a locale's own digits (ar-EG, my): ICU formats dates in
// the locale's default numbering system, as numbers.
func nativeDateDigits(ps []part, digits string) []part {
	zero := []rune(digits)
	if len(zero) != 10 {
		return ps
	}
	for i, p := range ps {
		switch p.Type {
		case "year", "month", "day", "hour", "minute", "second", "fractionalSecond":
			ps[i].Value = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return zero[r-'0']
				}
				return r
			}, p.Value)
		}
	}
	return ps
}

func (df *dateFormat) format(ms float64) (string, bool) {
	ps, ok := df.parts(ms)
	if !ok {
		return "", false
	}
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(strings.ReplaceAll(p.Value, "\u202f", " "))
	}
	return b.String(), true
}
