// Package polyfill installs the Node and browser globals goja lacks and React's and Vue's server renderers
// use: process, performance, timers, TextEncoder/TextDecoder, atob/btoa, structuredClone, MessageChannel,
// console, URL, plus fixes where goja's built-ins disagree with V8 (Math functions, Date strings, typed
// array from). Each global is a JavaScript file under js/ taking a Go-backed host object; the runtime's
// owner supplies timers, the clock and logging through Host.
package polyfill
