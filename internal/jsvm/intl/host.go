package intl

import (
	"golang.org/x/text/language"
	"strings"

	"github.com/dop251/goja"
)

// newIntlHost exposes the Go Intl implementation to js/intl.js. Formatters are Go values held by JS objects.
func newIntlHost(rt *goja.Runtime) *goja.Object {
	in := &intl{rt: rt}
	o := rt.NewObject()
	partsValue := func(ps []part) goja.Value {
		arr := make([]any, len(ps))
		for i, p := range ps {
			obj := rt.NewObject()
			obj.Set("type", p.Type)
			obj.Set("value", p.Value)
			arr[i] = obj
		}
		return rt.ToValue(arr)
	}
	rangeValue := func(ps []rangePart) goja.Value {
		arr := make([]any, len(ps))
		for i, p := range ps {
			obj := rt.NewObject()
			obj.Set("type", p.Type)
			obj.Set("value", p.Value)
			obj.Set("source", p.Source)
			arr[i] = obj
		}
		return rt.ToValue(arr)
	}
	rangeString := func(ps []rangePart) string {
		var b strings.Builder
		for _, p := range ps {
			b.WriteString(p.Value)
		}
		return b.String()
	}
	o.Set("formatNumberRange", func(nf *numberFormat, x, y float64) string { return rangeString(nf.formatRange(x, y)) })
	o.Set("formatNumberRangeToParts", func(nf *numberFormat, x, y float64) goja.Value { return rangeValue(nf.formatRange(x, y)) })
	o.Set("formatDateRange", func(df *dateFormat, x, y float64) string {
		ps, single := df.formatRange(x, y)
		if single {
			s, _ := df.format(x)
			return s
		}
		return rangeString(ps)
	})
	o.Set("formatDateRangeToParts", func(df *dateFormat, x, y float64) goja.Value {
		ps, _ := df.formatRange(x, y)
		return rangeValue(ps)
	})
	o.Set("segmenter", func(locales, options goja.Value) *segmenter {
		defer in.serve(nil, "Intl.Segmenter")()
		return in.newSegmenter(locales, options)
	})
	o.Set("resolvedSegmenter", func(s *segmenter) *goja.Object { return s.resolved(rt) })
	o.Set("segments", func(s *segmenter, str string) []int {
		segs := s.segments(str)
		out := make([]int, 0, 2*len(segs))
		for _, g := range segs {
			w := 0
			if g.WordLike {
				w = 1
			}
			out = append(out, g.Index, w)
		}
		return out
	})
	o.Set("numberFormat", func(locales, options, method goja.Value) *numberFormat {
		defer in.serve(method, "Intl.NumberFormat")()
		return in.newNumberFormat(locales, options)
	})
	o.Set("formatNumber", func(nf *numberFormat, x float64) string { return nf.format(x) })
	o.Set("formatNumberToParts", func(nf *numberFormat, x float64) goja.Value { return partsValue(nf.parts(x)) })
	o.Set("resolvedNumber", func(nf *numberFormat) *goja.Object { return nf.resolved(rt) })
	o.Set("dateFormat", func(locales, options goja.Value, required, defaults string, method goja.Value) *dateFormat {
		defer in.serve(method, "Intl.DateTimeFormat")()
		return in.newDateFormat(locales, options, required, defaults)
	})
	o.Set("formatDate", func(df *dateFormat, ms float64) string {
		s, ok := df.format(ms)
		if !ok {
			panic(in.rangeError("Invalid time value"))
		}
		return s
	})
	o.Set("formatDateToParts", func(df *dateFormat, ms float64) goja.Value {
		ps, ok := df.parts(ms)
		if !ok {
			panic(in.rangeError("Invalid time value"))
		}
		return partsValue(ps)
	})
	o.Set("resolvedDate", func(df *dateFormat) *goja.Object { return df.resolvedOptions(rt) })
	o.Set("pluralRules", func(locales, options goja.Value) *pluralRules {
		defer in.serve(nil, "Intl.PluralRules")()
		return in.newPluralRules(locales, options)
	})
	o.Set("selectPlural", func(pr *pluralRules, x float64) string { return pr.selectForm(x) })
	o.Set("resolvedPlural", func(pr *pluralRules) *goja.Object {
		r := pr.nf.resolved(rt)
		r.Delete("style")
		r.Delete("useGrouping")
		r.Set("type", map[bool]string{true: "ordinal", false: "cardinal"}[pr.ordinal])
		return r
	})
	o.Set("collator", func(locales, options, method goja.Value) *collatorHandle {
		defer in.serve(method, "Intl.Collator")()
		return in.collator(locales, options)
	})
	o.Set("compare", func(h *collatorHandle, a, b string) int { return h.compare(a, b) })
	o.Set("resolvedCollator", func(h *collatorHandle) *goja.Object {
		r := rt.NewObject()
		r.Set("locale", h.opts.shown)
		r.Set("usage", h.opts.usage)
		r.Set("sensitivity", h.opts.sensitivity)
		r.Set("ignorePunctuation", h.opts.ignorePunctuation)
		r.Set("collation", "default")
		r.Set("numeric", h.opts.numeric)
		r.Set("caseFirst", "false")
		return r
	})
	o.Set("supportedLocales", func(locales goja.Value) []string {
		var out []string
		c := loadCLDR()
		for _, t := range in.requestedTags(locales) {
			if b, conf := t.Base(); conf != language.Exact || !icuLanguages()[b.String()] {
				continue
			}
			if _, ok := c.lookup(t); ok {
				out = append(out, t.String())
			}
		}
		return out
	})
	o.Set("canonicalLocales", in.canonical)
	o.Set("listFormat", func(locales, options goja.Value) *listFormat {
		defer in.serve(nil, "Intl.ListFormat")()
		return in.newListFormat(locales, options)
	})
	o.Set("formatList", func(lf *listFormat, items []string) string {
		var b strings.Builder
		for _, p := range lf.parts(items) {
			b.WriteString(p.Value)
		}
		return b.String()
	})
	o.Set("formatListToParts", func(lf *listFormat, items []string) goja.Value { return partsValue(lf.parts(items)) })
	o.Set("resolvedList", func(lf *listFormat) *goja.Object {
		r := rt.NewObject()
		r.Set("locale", lf.locale)
		r.Set("type", lf.typ)
		r.Set("style", lf.style)
		return r
	})
	o.Set("displayNames", func(locales, options goja.Value) *displayNames {
		defer in.serve(nil, "Intl.DisplayNames")()
		return in.newDisplayNames(locales, options)
	})
	o.Set("displayName", func(dn *displayNames, code goja.Value) goja.Value { return dn.of(code) })
	o.Set("resolvedDisplay", func(dn *displayNames) *goja.Object { return dn.resolved(rt) })
	o.Set("locale", func(tag, options goja.Value) string {
		defer in.serve(nil, "locale")() // V8's word for Intl.Locale's options
		return in.newLocale(tag, options)
	})
	o.Set("maximizeLocale", maximizeLocale)
	o.Set("minimizeLocale", minimizeLocale)
	o.Set("localeInfo", in.localeInfo)
	o.Set("supportedValues", in.supportedValues)
	o.Set("relativeFormat", func(locales, options goja.Value) *relativeFormat {
		defer in.serve(nil, "Intl.RelativeTimeFormat")()
		return in.newRelativeFormat(locales, options)
	})
	o.Set("formatRelative", in.formatRelative)
	o.Set("resolvedRelative", func(rf *relativeFormat) *goja.Object {
		r := rt.NewObject()
		r.Set("locale", rf.shown)
		r.Set("style", rf.style)
		r.Set("numeric", rf.numeric)
		r.Set("numberingSystem", rf.nf.numberingSystem())
		return r
	})
	return o
}

func (in *intl) canonical(locales goja.Value) []string {
	if locales == nil || goja.IsUndefined(locales) {
		return []string{}
	}
	out := []string{}
	for _, t := range in.requestedTags(locales) {
		out = append(out, t.String())
	}
	return out
}
