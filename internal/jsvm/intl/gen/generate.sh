#!/bin/sh
# generate.sh regenerates jsvm's Intl data from the ICU of the Node on PATH (run from internal/jsvm/intl by
# go generate): languages.json, segmenter.json (Intl.Segmenter's Indic conjunct data), and data/ (one
# gzip-compressed JSON file per locale of gen/locales.js, and data/index.json). The generators' whole-locale-set JSON goes to a temporary directory and is packed by
# gen/pack. cldr.js takes about four seconds of CPU per locale (eight minutes for the 114 locales); the
# others take seconds.
#
# INTL_GEN (space-separated generator names, e.g. "ranges" or "numbers formats") runs only those; gen/pack
# then keeps every other generator's data from the existing data/ files (ranges takes about two minutes):
#
#	INTL_GEN=ranges sh gen/generate.sh
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
all="languages segmenter cldr zones formats numbers displaynames ranges"
run=${INTL_GEN:-$all}
for g in $run; do
	case $g in
	languages) node gen/languages.js > languages.json ;;
	segmenter) node gen/segmenter.js > segmenter.json ;;
	cldr) node gen/cldr.js > "$tmp/cldr.json" ;;
	zones)
		[ -f "$tmp/cldr.json" ] || { echo "generate.sh: zones needs cldr (INTL_GEN=\"cldr zones\")" >&2; exit 1; }
		INTL_CLDR_JSON="$tmp/cldr.json" node gen/zones.js > "$tmp/zones.json" ;;
	formats | numbers | displaynames | ranges) node "gen/$g.js" > "$tmp/$g.json" ;;
	*) echo "generate.sh: unknown generator $g (have $all)" >&2; exit 1 ;;
	esac
done
go run ./gen/pack "$tmp" data
