#!/bin/sh
# generate.sh regenerates jsvm's Intl data from the ICU of the Node on PATH (run from internal/jsvm/intl by
# go generate): languages.json, and data/ (one gzip-compressed JSON file per locale of gen/locales.js, and
# data/index.json). The generators' whole-locale-set JSON goes to a temporary directory and is packed by
# gen/pack. cldr.js takes about four seconds of CPU per locale (eight minutes for the 114 locales); the
# others take seconds.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node gen/languages.js > languages.json
node gen/cldr.js > "$tmp/cldr.json"
INTL_CLDR_JSON="$tmp/cldr.json" node gen/zones.js > "$tmp/zones.json"
node gen/formats.js > "$tmp/formats.json"
node gen/numbers.js > "$tmp/numbers.json"
node gen/displaynames.js > "$tmp/displaynames.json"
go run ./gen/pack "$tmp" data
