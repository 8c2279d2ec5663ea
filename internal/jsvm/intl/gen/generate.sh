#!/bin/sh
# generate.sh regenerates jsvm's Intl data from the ICU of the Node on PATH (run from internal/jsvm/intl by
# go generate): languages.json, segmenter.json (Intl.Segmenter's Indic conjunct data), gen/available.json
# (every locale Node's ICU has data for), likely.json (Intl.Locale's likely subtags), localeinfo.json (the Intl.Locale info getters and
# Intl.supportedValuesOf), currencies.json (currencySign "accounting"
# patterns, grouping by currency), gen/crashes.json (option sets that abort Node, which the
# generators skip), and data/ (one gzip-compressed JSON file per locale, most of them stored as a patch
# against a base locale, and data/index.json).
#
# The per-locale generators run in one shard per core (INTL_SHARDS overrides); each writes its whole
# shard's JSON to a temporary directory (INTL_JSON keeps it in a directory of your choice), and gen/pack
# merges and packs them. On 2 cores the whole run takes about an hour: cldr.js extracts and verifies
# the date patterns of each language's first locale (about 5 s of CPU) and checks each regional locale
# against it (0.3 s); ranges.js does the same for interval formats, zones.js names every IANA zone.
#
# INTL_GEN (space-separated generator names, e.g. "ranges" or "numbers formats") runs only those; gen/pack
# then keeps every other generator's data from the existing data/ files:
#
#	INTL_GEN=ranges sh gen/generate.sh
set -eu
if [ -n "${INTL_JSON:-}" ]; then
	mkdir -p "$INTL_JSON"
	tmp=$(cd "$INTL_JSON" && pwd)
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
all="languages segmenter available likely localeinfo currencies crashes cldr zones formats numbers displaynames ranges"
run=${INTL_GEN:-$all}
shards=${INTL_SHARDS:-$(nproc 2>/dev/null || echo 1)}
sharded=""
for g in $run; do
	case $g in
	languages) node gen/languages.js > languages.json ;;
	segmenter) node gen/segmenter.js > segmenter.json ;;
	available) node gen/available.js > gen/available.json ;;
	likely) node gen/likely.js > likely.json ;;
	localeinfo) node gen/localeinfo.js > localeinfo.json ;;
	currencies) node gen/currencies.js > currencies.json ;;
	crashes) node gen/crashes.js > gen/crashes.json ;;
	zones)
		case " $run " in *" cldr "*) ;; *) echo "generate.sh: zones needs cldr (INTL_GEN=\"cldr zones\")" >&2; exit 1 ;; esac
		sharded="$sharded $g" ;;
	cldr | formats | numbers | displaynames | ranges) sharded="$sharded $g" ;;
	*) echo "generate.sh: unknown generator $g (have $all)" >&2; exit 1 ;;
	esac
done

# shard runs the per-locale generators for shard $1 of $shards, cldr before zones (zones reads it).
shard() {
	for g in $sharded; do
		out="$tmp/$g.$1.json"
		if [ "$g" = zones ]; then
			INTL_SHARD="$1/$shards" INTL_CLDR_JSON="$tmp/cldr.$1.json" node gen/zones.js > "$out"
		else
			INTL_SHARD="$1/$shards" node "gen/$g.js" > "$out" 2> "$tmp/$g.$1.log"
		fi
	done
}
if [ -n "$sharded" ]; then
	pids=""
	i=0
	while [ "$i" -lt "$shards" ]; do
		shard "$i" &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do
		wait "$p" || { echo "generate.sh: a generator shard failed (logs in $tmp when INTL_JSON is set)" >&2; exit 1; }
	done
fi
go run ./gen/pack "$tmp" data
