// Package intl implements ECMA-402's Intl for goja runtimes: the constructors live in js/intl.js and format
// in Go from CLDR data, so server renders print the same text as Node.
//
// Plural rules, collation, currency digits and language matching come from golang.org/x/text; number
// symbols, digits, currency symbols and date patterns for en-US, en-GB, de-DE, fr-FR, ja-JP, es-ES, it-IT,
// nl-NL, pt-BR, zh-CN, ko-KR, hi-IN, ar-EG, ru-RU, pl-PL, tr-TR and sv-SE are extracted from Node's ICU by
// gen/cldr.js and verified against Node there. A locale in a language Node's ICU knows (languages.json,
// from gen/languages.js) but without generated data, and options outside the data, throw a RangeError
// naming them, never another locale's or option's text. The matrix test (intl_test.go) holds this.
//
// NumberFormat's compact notation (short and long), unit style (every sanctioned unit and five compound
// ones, in every unitDisplay) and scientific/engineering exponents come from numbers.json (gen/numbers.js,
// which takes a second).
//
// timeZoneName "short" names every IANA zone (zones.json, from gen/zones.js, which runs after cldr.js).
//
// Regenerate the data with Node 20 on PATH (the output depends on Node's ICU version; cldr.js takes
// minutes):
//
//	go generate ./internal/jsvm/intl
package intl

//go:generate sh -c "node gen/cldr.js > cldr.json"
//go:generate sh -c "node gen/languages.js > languages.json"
//go:generate sh -c "node gen/zones.js > zones.json"
//go:generate sh -c "node gen/formats.js > formats.json"
//go:generate sh -c "node gen/numbers.js > numbers.json"
