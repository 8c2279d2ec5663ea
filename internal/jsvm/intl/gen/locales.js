// locales.js lists the locales jsvm's Intl has data for: every locale Node's ICU has its own data for
// (gen/available.json, written by gen/available.js), so every generator (cldr.js, zones.js, formats.js,
// numbers.js, displaynames.js, ranges.js) extracts the same set.
//
// The list is ordered so that a locale comes after the locales it may share data with (bases): its
// truncations (zh-Hant-HK after zh-Hant after zh) and its language's macro-region locales (en-AU after
// en-001, es-MX after es-419, pt-AO after pt-PT). cldr.js and ranges.js check a locale against its
// bases with a sample of Node's own output and reuse a base's extraction when they agree.
//
// INTL_LOCALES (comma-separated) overrides the list, for timing or trying a locale. INTL_SHARD=i/n keeps
// the i-th of n shards (gen/generate.sh runs one shard per core); a language's locales stay in one shard,
// so their bases are in it.
//
// crashes.json (gen/crashes.js) names the option sets whose formatToParts aborts Node 20's process for a
// locale (gd and ksh: a year and a month without a day); generators skip them (unsafe) and jsvm throws a
// RangeError for them.
"use strict";

const available = require("./available.json").locales;
const crashes = require("./crashes.json").locales;

const lang = (l) => l.split("-")[0];
const depth = (l) => l.split("-").length;
const MACRO = /-(001|150|419)$/;

// bases lists the locales of the list whose data loc may share, most specific first.
function bases(loc, have = (l) => ORDER.has(l)) {
  const out = [];
  const parts = loc.split("-");
  for (let i = parts.length - 1; i >= 1; i--) {
    const t = parts.slice(0, i).join("-");
    if (have(t)) out.push(t);
  }
  const l = lang(loc), wide = [];
  if (l === "pt" && loc !== "pt-BR" && have("pt-PT")) wide.push("pt-PT");
  for (const m of ["001", "150", "419"]) if (have(l + "-" + m)) wide.push(l + "-" + m);
  return [...wide, ...out].filter((b) => b !== loc && rank(b) < rank(loc));
}

// rank orders a language's locales: the bare language, then by depth: macro-regions and pt-PT, scripts,
// the rest.
function rank(l) {
  const last = l.split("-").pop();
  return depth(l) * 4 + (MACRO.test(l) || l === "pt-PT" ? 0 : last.length === 4 ? 1 : 2);
}

function sorted(list) {
  return [...list].sort((a, b) => (lang(a) < lang(b) ? -1 : lang(a) > lang(b) ? 1 : rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
}

function shard(list, spec) {
  const [i, n] = spec.split("/").map(Number);
  const groups = new Map();
  for (const l of list) {
    if (!groups.has(lang(l))) groups.set(lang(l), []);
    groups.get(lang(l)).push(l);
  }
  // Greedy by estimated cost: a language's first locale is a full extraction, the rest mostly checks.
  const load = Array(n).fill(0), pick = new Map();
  const cost = (g) => 10 + g.length;
  for (const [l, g] of [...groups].sort((a, b) => cost(b[1]) - cost(a[1]) || (a[0] < b[0] ? -1 : 1))) {
    const s = load.indexOf(Math.min(...load));
    load[s] += cost(g);
    pick.set(l, s);
  }
  return list.filter((l) => pick.get(lang(l)) === i);
}

let LOCALES = sorted(process.env.INTL_LOCALES ? process.env.INTL_LOCALES.split(",") : available);
if (process.env.INTL_SHARD) LOCALES = shard(LOCALES, process.env.INTL_SHARD);
const ORDER = new Map(LOCALES.map((l, i) => [l, i]));

const DATE = ["weekday", "year", "month", "day"];
// unsafe reports whether formatting opts in loc would abort Node (crashes.json).
function unsafe(loc, opts) {
  const list = crashes[loc];
  if (!list) return false;
  const d = DATE.filter((k) => opts[k] !== undefined).map((k) => `${k}=${opts[k]}`).join(",");
  const s = ["dateStyle", "timeStyle"].filter((k) => opts[k] !== undefined).map((k) => `${k}=${opts[k]}`).join(",");
  return list.includes(d) || (s !== "" && list.includes(s));
}

module.exports = { LOCALES, bases, unsafe, sorted, available };
