// Package uniprop supplies the Unicode property escapes (\p{…}, \P{…}) that goja's regexp engines lack:
// Expand rewrites them in a u- or v-mode pattern into explicit code point classes, Install wraps RegExp so
// new RegExp(…) does so, and ExpandLiterals fixes the regexp literals of a parsed program.
//
// Every property V8 accepts (general categories, scripts, script extensions, binary and emoji properties)
// comes from Node's regexp engine, extracted by gen/props.js. Regenerate with Node 20 on
// PATH (the output depends on Node's Unicode version, process.versions.unicode):
//
//	go generate ./internal/jsvm/uniprop
package uniprop

//go:generate sh -c "node gen/props.js > props.json"
