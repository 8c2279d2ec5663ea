// Package jsvm runs server bundles in a pool of goja runtimes that behave, for rendering purposes, like Node 20.
//
// goja is an ECMAScript engine, not Node: it has no timers, TextEncoder, MessageChannel, URL, structuredClone or
// Intl, and its RegExp ignores Unicode property escapes. jsvm installs these host globals in every runtime
// (JavaScript under js/, Go behind it), so React's and Vue's server renderers produce the same bytes as in Node;
// the Node-diff tests hold that promise.
//
// A Program (from Compile) is shared by all runtimes. A Pool keeps warm runtimes, bounds how many renders run at
// once, and replaces a runtime after any failure, because a runtime cannot be reset. A VM belongs to one goroutine
// between Acquire and Release. Invoke bounds each call with the context's deadline and drives promises and timers
// until the result settles.
//
// Intl formats from CLDR data: plural rules, collation, currency digits and language matching come from
// golang.org/x/text; number symbols, currency symbols and date patterns for en-US, en-GB, de-DE, fr-FR, ja-JP,
// es-ES, it-IT, nl-NL, pt-BR, zh-CN and ko-KR are extracted from Node's ICU by gen/cldr.js (go generate) and
// verified against Node there. Options outside that data throw a RangeError naming them.
package jsvm
