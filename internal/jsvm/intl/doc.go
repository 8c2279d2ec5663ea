// Package intl implements ECMA-402's Intl for goja runtimes: the constructors live in js/intl.js and format
// in Go from CLDR data, so server renders print the same text as Node.
//
// Plural rules, collation, currency digits and language matching come from golang.org/x/text; everything
// else is extracted from Node's ICU for the locales of gen/locales.js: number symbols, digits, currency
// symbols and date patterns (gen/cldr.js, each pattern verified against Node there), time zone names for
// every IANA zone (gen/zones.js), list and relative-time patterns (gen/formats.js), compact notation, unit
// patterns and exponents (gen/numbers.js) and display names (gen/displaynames.js). gen/pack stores them as
// one gzip-compressed file per locale under data/, decompressed when a process first formats in that
// locale (data.go).
//
// A locale in a language Node's ICU knows (languages.json, from gen/languages.js) but without generated
// data, and options outside the data, throw a RangeError naming them, never another locale's or option's
// text. The matrix test (intl_test.go) holds this against Node.
//
// Regenerate the data with Node 20 on PATH (the output depends on Node's ICU version; it takes about ten
// minutes, nearly all in cldr.js):
//
//	go generate ./internal/jsvm/intl
package intl

//go:generate sh gen/generate.sh
