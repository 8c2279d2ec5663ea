// Package jsvm runs server bundles in a pool of goja runtimes that behave, for rendering purposes, like Node 20.
//
// goja is an ECMAScript engine, not Node: it has no timers, TextEncoder, MessageChannel, URL, structuredClone or
// Intl, and its RegExp ignores Unicode property escapes. jsvm installs these host globals in every runtime
// (JavaScript files, Go behind them), so React's and Vue's server renderers produce the same bytes as in Node;
// the Node-diff tests hold that promise.
//
// A Program (from Compile) is shared by all runtimes. A Pool keeps warm runtimes, bounds how many renders run at
// once, and replaces a runtime after any failure, because a runtime cannot be reset. A VM belongs to one goroutine
// between Acquire and Release. Invoke bounds each call with the context's deadline and drives promises and timers
// until the result settles.
//
// The host globals live in packages of their own: polyfill (timers, encoding, console, URL, ...), intl
// (Intl from CLDR data) and uniprop (Unicode property escapes in regexps). This package keeps the pool,
// deadlines, the event loop and the wiring (host.go).
package jsvm
