// Package intl implements ECMA-402's Intl for goja runtimes: the constructors live in js/intl.js and format
// in Go from CLDR data, so server renders print the same text as Node.
//
// Plural rules, collation, currency digits and language matching come from golang.org/x/text; number
// symbols, currency symbols and date patterns for en-US, en-GB, de-DE, fr-FR, ja-JP, es-ES, it-IT, nl-NL,
// pt-BR, zh-CN and ko-KR are extracted from Node's ICU by gen/cldr.js and verified against Node there.
// Options outside that data throw a RangeError naming them, never different text.
//
// Regenerate cldr.json with Node 20 on PATH (the output depends on Node's ICU version):
//
//	go generate ./internal/jsvm/intl
package intl

//go:generate sh -c "node gen/cldr.js > cldr.json"
