package intl

import (
	"fmt"
	"strings"
	"time"
)

type gmtFormat struct {
	Prefix string `json:"prefix"`
	Plus   string `json:"plus"`
	Minus  string `json:"minus"`
	Zero   string `json:"zero"`
	Long   bool   `json:"long"`
}

// zoneNames is the data of one locale and width.
type zoneNames struct {
	GMT      gmtFormat            `json:"gmt"`
	Names    map[string][2]string `json:"names"`    // zone -> names in January and July 2024
	Patterns map[string]string    `json:"patterns"` // date pattern keys with timeZoneName
}

// tzPatternVerified reports whether gen/zones.js checked date patterns with a zone name for these fields
// (an hour, optionally minutes and seconds, alone or with a numeric or short-month date); other keys with
// timeZoneName are a RangeError rather than a guess.
func tzPatternVerified(vals map[string]string) bool {
	if vals["hour"] == "" || vals["second"] != "" && vals["minute"] == "" || vals["weekday"] != "" || vals["era"] != "" || vals["dayPeriod"] != "" {
		return false // gen/zones.js learns no zone names beside an era or a day period
	}
	y, m, d := vals["year"], vals["month"], vals["day"]
	switch {
	case y == "" && m == "" && d == "":
	case y == "numeric" && m == "2-digit" && d == "2-digit":
	case y == "numeric" && m == "numeric" && d == "numeric":
	case y == "numeric" && m == "short" && d == "numeric":
	default:
		return false
	}
	return true
}

// name returns the zone's name at t (in the zone's location loc). ok is false for a zone with names of
// its own at an instant whose offset and daylight-saving state match neither probe (São Paulo's summer time
// of 1999 was "BRST"): its name then is not known.
func (z *zoneNames) name(zone string, loc *time.Location, t time.Time, digits string) (name string, ok bool) {
	_, off := t.Zone()
	if pair, ok := z.Names[zone]; ok {
		// The names were read in January and July 2024; they hold for instants with the same offset and
		// daylight-saving state (for other instants, see below).
		for i, probe := range [2]time.Time{time.Date(2024, 1, 15, 12, 0, 0, 0, loc), time.Date(2024, 7, 15, 12, 0, 0, 0, loc)} {
			if _, o := probe.Zone(); o == off && probe.IsDST() == t.IsDST() {
				return pair[i], true
			}
		}
		return "", false
	}
	return z.GMT.format(off/60, digits), true
}

func (g gmtFormat) format(minutes int, digits string) string {
	if minutes == 0 {
		return g.Zero
	}
	sign := g.Plus
	if minutes < 0 {
		sign, minutes = g.Minus, -minutes
	}
	h, m := minutes/60, minutes%60
	var s string
	switch {
	case g.Long:
		s = fmt.Sprintf("%02d:%02d", h, m)
	case m != 0:
		s = fmt.Sprintf("%d:%02d", h, m)
	default:
		s = fmt.Sprint(h)
	}
	if d := []rune(digits); len(d) == 10 {
		s = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return d[r-'0']
			}
			return r
		}, s)
	}
	return g.Prefix + sign + s
}

// genericAsStandard maps a generic width to the specific one whose standard name ICU prints instead when
// the zone keeps standard time for 184 days either side of the instant (TZGNCore: Berlin in 1970 is
// "Central European Standard Time", not "Central European Time").
var genericAsStandard = map[string]string{"longGeneric": "long", "shortGeneric": "short"}

// dstNear reports whether t's zone is on daylight-saving time at t or on any day within 184 days of it.
func dstNear(t time.Time) bool {
	for d := -184; d <= 184; d++ {
		if t.AddDate(0, 0, d).IsDST() {
			return true
		}
	}
	return false
}

// standardName is the zone's standard-time name in z (a specific width's names), or "" where z names it
// by its GMT offset.
func standardName(z *zoneNames, zone string, loc *time.Location) string {
	if z == nil {
		return ""
	}
	pair, ok := z.Names[zone]
	if !ok {
		return ""
	}
	for i, probe := range [2]time.Time{time.Date(2024, 1, 15, 12, 0, 0, 0, loc), time.Date(2024, 7, 15, 12, 0, 0, 0, loc)} {
		if !probe.IsDST() {
			return pair[i]
		}
	}
	return ""
}
