package intl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/text/language"
)

// localeKeys are the Unicode extension keys Intl.Locale reads from its options, with the option names.
var localeKeys = []struct{ key, option string }{
	{"ca", "calendar"}, {"co", "collation"}, {"hc", "hourCycle"}, {"kf", "caseFirst"}, {"kn", "numeric"}, {"nu", "numberingSystem"},
}

// newLocale implements the Intl.Locale constructor (js/intl.js checks the argument's type): the tag, with
// the options' subtags and keywords replacing its own, canonicalized. It returns the canonical string;
// js/intl.js reads the parts from it.
func (in *intl) newLocale(tag goja.Value, options goja.Value) string {
	if tag == nil || goja.IsUndefined(tag) || goja.IsNull(tag) {
		panic(in.rt.NewTypeError("First argument to Intl.Locale constructor can't be empty or missing"))
	}
	s := tag.String()
	if s == "" {
		panic(in.rangeError("First argument to Intl.Locale constructor can't be empty or missing"))
	}
	t, err := language.Parse(s)
	_, unknown := err.(language.ValueError)
	if err != nil && !unknown || strings.Contains(s, "_") {
		panic(in.rangeError("Incorrect locale information provided"))
	}
	o := in.options(options)
	if unknown {
		// golang.org/x/text cannot hold a subtag it does not know ("xx"); ICU keeps it as written.
		if len(o.Keys()) > 0 {
			panic(in.rangeError("jsvm Intl: Intl.Locale options on " + s + " (a subtag CLDR does not know) are not supported"))
		}
		return caseTag(s)
	}
	base, script, region := t.Raw()
	if v := in.str(o, "language", ""); v != "" {
		b, err := language.ParseBase(v)
		if err != nil {
			panic(in.rangeError("Incorrect locale information provided"))
		}
		base = b
	}
	if v := in.str(o, "script", ""); v != "" {
		sc, err := language.ParseScript(v)
		if err != nil {
			panic(in.rangeError("Incorrect locale information provided"))
		}
		script = sc
	}
	if v := in.str(o, "region", ""); v != "" {
		r, err := language.ParseRegion(v)
		if err != nil {
			panic(in.rangeError("Incorrect locale information provided"))
		}
		region = r
	}
	parts := []any{base, script, region}
	for _, v := range t.Variants() {
		parts = append(parts, v)
	}
	for _, e := range t.Extensions() {
		parts = append(parts, e)
	}
	nt, err := language.Compose(parts...)
	if err != nil {
		panic(in.rangeError("Incorrect locale information provided"))
	}
	for _, k := range localeKeys {
		v := o.Get(k.option)
		if v == nil || goja.IsUndefined(v) {
			continue
		}
		val := v.String()
		if k.key == "kn" {
			val = map[bool]string{true: "true", false: "false"}[v.ToBoolean()]
		}
		if k.key == "hc" && val != "h11" && val != "h12" && val != "h23" && val != "h24" ||
			k.key == "kf" && val != "upper" && val != "lower" && val != "false" {
			panic(in.rangeError("Value " + val + " out of range for locale options property " + k.option))
		}
		if nt, err = nt.SetTypeForKey(k.key, val); err != nil {
			panic(in.rangeError("Incorrect locale information provided"))
		}
	}
	return canonicalLocale(nt)
}

// canonicalLocale writes a tag as ECMA-402 does: "kn-true" is "kn".
func canonicalLocale(t language.Tag) string {
	s := t.String()
	s = strings.Replace(s, "-kn-true", "-kn", 1)
	return s
}

// caseTag writes a well-formed tag in canonical case: language lower, script title, region upper.
func caseTag(s string) string {
	fs := strings.Split(strings.ToLower(s), "-")
	for i, f := range fs {
		if i == 0 {
			continue
		}
		if len(fs[i-1]) == 1 {
			break // an extension: lower case
		}
		switch {
		case len(f) == 4 && f[0] >= 'a':
			fs[i] = strings.ToUpper(f[:1]) + f[1:]
		case len(f) == 2:
			fs[i] = strings.ToUpper(f)
		}
	}
	return strings.Join(fs, "-")
}

//go:embed likely.json
var likelyJSON []byte

// likely is Node's maximize and minimize of every language and locale its ICU has, and the maximize of the
// language-region and language-script pairs that do not just add the language's own script or region
// (likely.json, from gen/likely.js): golang.org/x/text's likely-subtags tables are older than Node's CLDR.
var likely = sync.OnceValue(func() (l struct{ Max, Min, Pairs map[string]string }) {
	if err := json.Unmarshal(likelyJSON, &l); err != nil {
		panic(fmt.Sprintf("intl: embedded likely.json: %v", err))
	}
	return l
})

// likelyOf looks t up in table when t is a bare language[-script][-region].
func likelyOf(t language.Tag, table map[string]string) (string, bool) {
	if len(t.Variants()) > 0 || len(t.Extensions()) > 0 {
		return "", false
	}
	v, ok := table[t.String()]
	return v, ok
}

// maximizeLocale adds the likely script and region (CLDR likely subtags): "en" is "en-Latn-US".
func maximizeLocale(s string) string {
	t, err := language.Parse(s)
	if err != nil || t == language.Und && !strings.HasPrefix(s, "und") {
		return s
	}
	if v, ok := likelyOf(t, likely().Max); ok {
		return v
	}
	if v, ok := likelyOf(t, likely().Pairs); ok {
		return v
	}
	if v, ok := ownLikely(t); ok {
		return v
	}
	b, _ := t.Base()
	sc, _ := t.Script()
	r, _ := t.Region()
	parts := []any{b, sc, r}
	for _, v := range t.Variants() {
		parts = append(parts, v)
	}
	for _, e := range t.Extensions() {
		parts = append(parts, e)
	}
	nt, err := language.Compose(parts...)
	if err != nil {
		return s
	}
	return canonicalLocale(nt)
}

// ownLikely maximizes a language-region or language-script pair that likely.json does not list: the
// language's own script or region is added (de-IN is de-Latn-IN, ars-Cyrl is ars-Cyrl-SA).
func ownLikely(t language.Tag) (string, bool) {
	if len(t.Variants()) > 0 || len(t.Extensions()) > 0 {
		return "", false
	}
	b, bc := t.Base()
	_, sc := t.Script()
	_, rc := t.Region()
	if bc != language.Exact || sc == language.Exact && rc == language.Exact || sc != language.Exact && rc != language.Exact {
		return "", false
	}
	own, ok := likely().Max[b.String()]
	if !ok {
		return "", false
	}
	o := splitLocale(own)
	p := splitLocale(t.String())
	if p.script == "" {
		p.script = o.script
	}
	if p.region == "" {
		p.region = o.region
	}
	if p.script == "" || p.region == "" {
		return "", false
	}
	return p.lang + "-" + p.script + "-" + p.region, true
}

// minimizeLocale removes the subtags maximize would add back: "en-Latn-US" is "en", "zh-Hant-TW" "zh-TW".
func minimizeLocale(s string) string {
	t, err := language.Parse(s)
	if err != nil || t == language.Und && !strings.HasPrefix(s, "und") {
		return s
	}
	if v, ok := likelyOf(t, likely().Min); ok {
		return v
	}
	b, _ := t.Base()
	sc, _ := t.Script()
	r, _ := t.Region()
	full := maxBase(b, sc, r)
	var keep []any
	for _, try := range [][]any{{b}, {b, r}, {b, sc}} {
		if maxBase(try...) == full {
			keep = try
			break
		}
	}
	if keep == nil {
		keep = []any{b, sc, r}
	}
	for _, v := range t.Variants() {
		keep = append(keep, v)
	}
	for _, e := range t.Extensions() {
		keep = append(keep, e)
	}
	nt, err := language.Compose(keep...)
	if err != nil {
		return s
	}
	return canonicalLocale(nt)
}

func maxBase(parts ...any) string {
	t, err := language.Compose(parts...)
	if err != nil {
		return ""
	}
	b, _ := t.Base()
	sc, _ := t.Script()
	r, _ := t.Region()
	nt, _ := language.Compose(b, sc, r)
	return nt.String()
}
