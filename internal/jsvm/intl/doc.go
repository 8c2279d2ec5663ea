// Package intl implements ECMA-402's Intl for goja runtimes: the constructors live in js/intl.js and format
// in Go from CLDR data, so server renders print the same text as Node.
//
// Plural rules, collation, currency digits and language matching come from golang.org/x/text; everything
// else is extracted from Node's ICU for every locale it has data for (gen/available.js, 941 with Node 20's
// ICU 78; gen/locales.js orders them): number symbols, digits, currency
// symbols and date patterns (gen/cldr.js, each pattern verified against Node there), time zone names for
// every IANA zone (gen/zones.js), list and relative-time patterns (gen/formats.js), compact notation, unit
// patterns and exponents (gen/numbers.js), currencySign "accounting" patterns and the grouping of the
// currencies that group otherwise than EUR (gen/currencies.js, one small currencies.json), display names (gen/displaynames.js) and what formatRange needs
// (gen/ranges.js: number range patterns, approximately signs and plural ranges; date interval patterns per
// option set and greatest differing field, each verified against Node). A regional locale whose sampled
// output equals a base locale's (fr-LU and fr) takes the base's date and interval patterns instead of a
// second extraction. gen/pack stores them as one gzip-compressed file per locale under data/, most of
// them a JSON merge patch against a base locale (package bundlefile), decompressed when a process first
// formats in that locale (data.go).
//
// NumberFormat.prototype.formatRange(ToParts) follows ICU's number range formatter (range.go): equal
// formatted numbers give one number with the approximately sign ("~$3.00"), a currency, percent or
// compact affix longer than one code point is written once ("3,00–5,00 €"), a unit once in the plural
// form of the range, and spaces go around the range sign when anything is repeated ("$3.00 – $5.00").
// DateTimeFormat.prototype.formatRange(ToParts) picks the interval pattern of the greatest field in which
// the dates differ, or formats the start date alone; option sets without generated interval patterns
// (timeZoneName, and the combinations gen/ranges.js does not list) throw a RangeError naming them.
//
// Intl.Segmenter (segment.go) splits graphemes, words and sentences with github.com/rivo/uniseg (UAX #29,
// Unicode 15.0) plus what ICU does differently: the Indic conjunct rule GB9c with Node's own
// Indic_Conjunct_Break data (segmenter.json, gen/segmenter.js), Hangul syllable runs as words, and ICU's
// word-like status. It throws a RangeError instead of printing other segments for words in the scripts
// ICU breaks with a dictionary (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar and others), characters
// newer than Unicode 15.0 (Node 20 has 17.0), prepended concatenation marks (U+0600...) in words and
// sentences, and strings with lone surrogates.
//
// Intl.Locale's info getters (calendars, collations, hourCycles, numberingSystems, textInfo, timeZones,
// weekInfo; localeinfo.go) and Intl.supportedValuesOf read localeinfo.json (gen/localeinfo.js): region
// preferences, the language-region pairs with their own hour cycle, and each generated locale's
// collations and direction, looked up through ICU's script-aware fallback (ar-Cyrl reads the root
// locale, kk-IR reads kk-Arab); likely.json's pairs give maximize the language-region and
// language-script pairs that do not just add the language's own script or region.
//
// Intl.Collator sorts with golang.org/x/text/collate, matched to the locale ICU resolves to (localeinfo.json's
// collators; a language x/text has no collation for gets the root order, not a neighbour's), and throws a
// RangeError for what x/text cannot give: ICU's search collations, caseFirst, and the languages in
// collationGaps. ICU's case level (sensitivity "case") and shifted punctuation (ignorePunctuation) are
// built on x/text's base strength and on the strings without punctuation (compareCase, withoutPunctuation);
// ICU's script reordering (ru's Cyrillic before Latin) on localeinfo.json's script orders (scriptAware). TestCollatorAgainstNode holds it to Node.
//
// th's dates are in the Buddhist era (the names' yoff adds 543 to the year; its months are the Gregorian
// ones); the era option writes the era of the years the data was learned on (AD, BE), and a year before 1
// AD is a RangeError; the dayPeriod option writes each hour's flexible period and the names of noon and
// midnight, which ICU uses when the pattern's minutes and seconds are zero or absent.
//
// DateTimeFormat's fractionalSecondDigits follows ICU's pattern generator: the locale's decimal separator
// and the truncated digits right after the seconds field; resolvedOptions reports the hour cycle V8
// derives (hour12 picks the locale's kind of 12- or 24-hour cycle) and the widths of the chosen pattern.
//
// A requested locale's Unicode extension keywords are read as ECMA-402's ResolveLocale reads them
// (keywords.go): DateTimeFormat honours ca, hc and nu, NumberFormat and RelativeTimeFormat nu, Collator co,
// kf and kn, an option of the same meaning overrides its keyword, and the keywords kept appear in
// resolvedOptions().locale; a calendar or numbering system other than the locale's own (the only ones the
// data has) is a RangeError naming it (TestKeywordsAgainstNode).
//
// A requested locale resolves as V8's lookup does, to its longest generated prefix (de-US is de). Options
// outside the data throw a RangeError naming them, never another locale's or option's text; so do the
// DateTimeFormat option sets whose formatToParts aborts Node 20 itself (gen/crashes.json: gd, ksh and sc
// with a year and a month but no day), which the generators therefore cannot read. The matrix test
// (intl_test.go: the whole matrix for the common locales and a sample, a few cases of every constructor
// for all 941) and the range, segmenter and locale-info tests (nodediff_test.go) hold this against Node.
//
// Regenerate the data with Node 20 on PATH (the output depends on Node's ICU version; about an hour on
// two cores, one shard of locales per core):
//
//	go generate ./internal/jsvm/intl
//
// or only some generators, keeping the rest of data/:
//
//	cd internal/jsvm/intl && INTL_GEN="ranges segmenter" sh gen/generate.sh
package intl

//go:generate sh gen/generate.sh
