// ranges.js extracts what Intl.NumberFormat.prototype.formatRange and Intl.DateTimeFormat.prototype.formatRange
// need from Node's ICU for the locales of gen/locales.js:
//
//   - number: the range pattern ("{0}–{1}" as prefix, infix and suffix), the approximately sign ("~", "≈")
//     and the plural ranges (the plural form of a range from the forms of its ends, for a collapsed unit);
//   - date: for each option set of dateOptions() and each greatest differing field (y M d a h m s ms), the
//     interval pattern as segments of cldr.js's pattern syntax, each shared by both dates or taken from the
//     start or end date, or "=" where Node formats the start date alone (each distinct pattern stored once).
//
// Every interval pattern is checked against Node's formatRange and formatRangeToParts on several pairs of
// dates before it is kept; an option set or field that fails is left out, and jsvm throws a RangeError for it.
// Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it; gen/pack stores its output under data/)
// or alone, keeping the other generators' data (a few minutes instead of ten):
//   INTL_GEN=ranges sh gen/generate.sh
"use strict";

const { names, pattern, format, LOCALES } = require("./cldr.js");
const { bases, unsafe } = require("./locales.js");

// --- numbers ---

const CATEGORY_SAMPLES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 15, 20, 21, 22, 25, 100, 101, 102, 111, 1000, 1000000, 0.5, 1.5, 2.5, 0.1, 1.25];

function numberRanges(loc) {
  const nf = new Intl.NumberFormat(loc);
  const ps = nf.formatRangeToParts(3, 5);
  const i = ps.findIndex((p) => p.source === "startRange");
  const j = ps.findIndex((p) => p.source === "endRange");
  const lit = (a, b) => ps.slice(a, b).map((p) => {
    if (p.type !== "literal" || p.source !== "shared") throw new Error(`${loc}: range pattern part ${JSON.stringify(p)}`);
    return p.value;
  }).join("");
  const pattern = [lit(0, i), lit(i + 1, j), lit(j + 1, ps.length)];
  const approx = nf.formatRangeToParts(3, 3).find((p) => p.type === "approximatelySign");
  const pr = new Intl.PluralRules(loc);
  const samples = {};
  for (const x of CATEGORY_SAMPLES) {
    const c = pr.select(x);
    (samples[c] = samples[c] || []).push(x);
  }
  const plural = {};
  for (const a of Object.keys(samples)) {
    for (const b of Object.keys(samples)) {
      const x = samples[a][0];
      const y = samples[b].find((v) => v >= x) ?? samples[b][0];
      plural[a + "." + b] = pr.selectRange(x, y);
    }
  }
  return { pattern, approx: approx ? approx.value : "", plural };
}

// --- dates ---

// goKey is jsvm's key of an option set (intl/date.go newDateFormat): date fields, dateStyle, time fields,
// hour12, timeStyle.
function goKey(o) {
  const d = ["weekday", "year", "month", "day"].filter((k) => o[k]).map((k) => `${k}=${o[k]}`);
  if (o.dateStyle) d.push(`dateStyle=${o.dateStyle}`);
  const t = ["hour", "minute", "second"].filter((k) => o[k]).map((k) => `${k}=${o[k]}`);
  if ((o.hour || o.timeStyle) && o.hour12 !== undefined) t.push(`hour12=${o.hour12}`);
  if (o.timeStyle) t.push(`timeStyle=${o.timeStyle}`);
  return [...d, ...t].join(",");
}

const W = (vals) => [undefined, ...vals];
const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function dateOptions() {
  const out = [];
  for (const weekday of W(["long", "short"]))
    for (const year of W(["numeric", "2-digit"]))
      for (const month of W(["numeric", "2-digit", "long", "short"]))
        for (const day of W(["numeric", "2-digit"])) if (year || month || day || weekday) out.push(clean({ weekday, year, month, day }));
  for (const hour of W(["numeric", "2-digit"]))
    for (const minute of W(["2-digit"]))
      for (const second of W(["2-digit"]))
        for (const hour12 of hour ? [undefined, true, false] : [undefined]) if (hour || minute || second) out.push(clean({ hour, minute, second, hour12 }));
  out.push({ hour: "numeric", minute: "numeric" }, { hour: "numeric", minute: "numeric", hour12: false });
  const dates = [
    { year: "numeric", month: "numeric", day: "numeric" }, { year: "numeric", month: "short", day: "numeric" },
    { year: "numeric", month: "long", day: "numeric" }, { month: "short", day: "numeric" }, { weekday: "short", month: "short", day: "numeric" },
    { year: "numeric", month: "2-digit", day: "2-digit" }, { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  ];
  const times = [{ hour: "numeric", minute: "2-digit" }, { hour: "numeric", minute: "2-digit", hour12: false }, { hour: "2-digit", minute: "2-digit", second: "2-digit" }, { hour: "numeric" }];
  for (const d of dates) for (const t of times) out.push({ ...d, ...t });
  for (const dateStyle of W(["full", "long", "medium", "short"]))
    for (const timeStyle of W(["full", "long", "medium", "short"]))
      for (const hour12 of timeStyle ? [undefined, true, false] : [undefined]) if (dateStyle || timeStyle) out.push(clean({ dateStyle, timeStyle, hour12 }));
  return out;
}

const U = (y, mo, d, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
// PAIRS holds, for each greatest differing field, pairs of instants (UTC) that differ first in it.
const PAIRS = {
  y: [[U(2023, 11, 25, 9, 5, 6), U(2024, 2, 3, 15, 45, 30)], [U(1999, 12, 31, 23, 59, 59), U(2000, 1, 1)], [U(2024, 3, 10, 12), U(2026, 3, 10, 12)], [U(2010, 6, 9, 1, 2, 3), U(2011, 6, 20, 13, 2, 3)]],
  M: [[U(2024, 1, 5, 10, 7), U(2024, 3, 7, 11, 8)], [U(2024, 11, 30, 23), U(2024, 12, 1, 0, 30)], [U(2024, 2, 9, 8), U(2024, 10, 9, 8)], [U(2024, 5, 15, 12), U(2024, 6, 15, 18, 1, 2)]],
  d: [[U(2024, 1, 5, 10), U(2024, 1, 7, 10)], [U(2024, 3, 9, 23, 59, 59), U(2024, 3, 10)], [U(2024, 7, 1, 12, 30), U(2024, 7, 31, 1, 5)], [U(2024, 12, 21, 14), U(2024, 12, 25, 9, 0, 9)]],
  a: [[U(2024, 1, 5, 10), U(2024, 1, 5, 14)], [U(2024, 1, 5, 0), U(2024, 1, 5, 12)], [U(2024, 1, 5, 11, 59, 59), U(2024, 1, 5, 12)], [U(2024, 8, 15, 8, 30), U(2024, 8, 15, 20, 45, 1)]],
  h: [[U(2024, 1, 5, 10), U(2024, 1, 5, 11)], [U(2024, 1, 5, 13, 5), U(2024, 1, 5, 17, 45)], [U(2024, 1, 5, 0, 15), U(2024, 1, 5, 9, 40, 2)], [U(2024, 10, 12, 20, 10), U(2024, 10, 12, 23, 59, 59)]],
  m: [[U(2024, 1, 5, 10), U(2024, 1, 5, 10, 30)], [U(2024, 1, 5, 13, 5, 9), U(2024, 1, 5, 13, 59)], [U(2024, 1, 5, 0, 0), U(2024, 1, 5, 0, 1)], [U(2024, 4, 7, 23, 15), U(2024, 4, 7, 23, 45, 30)]],
  s: [[U(2024, 1, 5, 10), U(2024, 1, 5, 10, 0, 30)], [U(2024, 1, 5, 13, 5, 9), U(2024, 1, 5, 13, 5, 59)], [U(2024, 4, 7, 0, 0, 0), U(2024, 4, 7, 0, 0, 1)]],
  ms: [[U(2024, 1, 5, 10, 0, 0, 0), U(2024, 1, 5, 10, 0, 0, 500)], [U(2024, 1, 5, 13, 5, 9, 1), U(2024, 1, 5, 13, 5, 9, 999)]],
};

const LETTER = { year: "y", month: "M", weekday: "E", day: "d", hour: "h", minute: "m", second: "s", dayPeriod: "a", timeZoneName: "z" };

// candidates lists the tokens a part of type may be, the single-date pattern's own first.
function candidates(type, single, n) {
  const f = LETTER[type];
  if (!f) return [];
  const out = single[f] ? [single[f]] : [];
  switch (f) {
    case "y": case "d": case "m": case "s": out.push(`{${f}:numeric}`, `{${f}:2-digit}`); break;
    case "M": out.push("{M:numeric}", "{M:2-digit}"); // fall through to the names
    case "E": for (const k of Object.keys(n)) if (k[0] === f) out.push(`{${f}:${k.slice(1)}}`); break;
    case "h": for (const c of ["h12", "h23", "h11", "h24"]) out.push(`{h:${c}}`, `{h:${c}.2}`); break;
    case "a": out.push("{a}"); break;
    case "z": for (const w of ["short", "long", "shortOffset", "longOffset"]) out.push(`{z:${w}}`); break;
  }
  return out;
}

// segmentsOf turns Node's range parts into segments [source, pattern] ("s" shared, "1" start, "2" end). A
// field's token is one that gives Node's text for that part in every pair laid out alike (got), so "25"
// does not pass for {d:numeric} where another pair shows "03".
function segmentsOf(g, got, single, n) {
  const segs = [];
  const alike = got.filter((h) => h.ps.length === g.ps.length && h.ps.every((p, k) => p.type === g.ps[k].type && p.source === g.ps[k].source));
  for (let k = 0; k < g.ps.length; k++) {
    const p = g.ps[k];
    const src = p.source === "startRange" ? "1" : p.source === "endRange" ? "2" : "s";
    let tok;
    if (p.type === "literal") {
      if (/[{}]/.test(p.value)) return null;
      tok = p.value;
    } else {
      tok = candidates(p.type, single, n).find((c) => alike.every((h) => format(c, src === "2" ? h.b : h.a, n) === h.ps[k].value));
      if (tok === undefined) return null;
    }
    const last = segs[segs.length - 1];
    if (last && last[0] === src) last[1] += tok;
    else segs.push([src, tok]);
  }
  return segs;
}

// render is the reference implementation of jsvm's range formatter: [source, text] runs.
function render(segs, a, b, n) {
  return segs.map(([src, p]) => [src, format(p, src === "2" ? b : a, n)]);
}

function runs(ps) {
  const out = [];
  for (const p of ps) {
    const src = p.source === "startRange" ? "1" : p.source === "endRange" ? "2" : "s";
    const last = out[out.length - 1];
    if (last && last[0] === src) last[1] += p.value;
    else out.push([src, p.value]);
  }
  return out;
}

function singleTokens(loc, opts, n) {
  const p = pattern(loc, opts, n);
  const m = {};
  if (p) for (const [tok, f] of p.matchAll(/\{(\w)(?::[\w.-]+)?\}/g)) if (!m[f]) m[f] = tok;
  return m;
}

function dateRanges(loc, n, stats) {
  const out = {};
  for (const opts of dateOptions()) {
    if (unsafe(loc, opts)) continue;
    const f = new Intl.DateTimeFormat(loc, { timeZone: "UTC", ...opts });
    const single = singleTokens(loc, opts, n);
    const entry = {};
    for (const [field, forward] of Object.entries(PAIRS)) {
      const pairs = [...forward, ...forward.map(([a, b]) => [b, a])]; // a start before or after the end
      const got = pairs.map(([a, b]) => ({ a, b, s: f.formatRange(a, b), ps: f.formatRangeToParts(a, b) }));
      // Where Node formats the start date alone, formatRange is format (U+202F made a space, as V8 does)
      // and formatRangeToParts is formatToParts with every part shared.
      if (got.every((g) => g.ps.every((p) => p.source === "shared") && g.s === f.format(g.a) && g.ps.map((p) => p.value).join("") === f.formatToParts(g.a).map((p) => p.value).join(""))) {
        entry[field] = "=";
        continue;
      }
      if (got.some((g) => g.s !== g.ps.map((p) => p.value).join(""))) { stats.dropped++; continue; }
      let kept = null;
      for (const g of got) {
        const segs = segmentsOf(g, got, single, n);
        if (segs && got.every((h) => JSON.stringify(render(segs, h.a, h.b, n)) === JSON.stringify(runs(h.ps)))) {
          kept = segs;
          break;
        }
      }
      if (kept) entry[field] = kept;
      else stats.dropped++;
    }
    stats.kept += Object.keys(entry).length;
    out[goKey(opts)] = entry;
  }
  return compact(out);
}

// compact stores each distinct interval pattern once: patterns, and for each key the index of the
// pattern of each field of FIELDS (-1: none).
const FIELDS = Object.keys(PAIRS);
function compact(byKey) {
  const patterns = [], index = new Map(), keys = {};
  for (const [k, entry] of Object.entries(byKey)) {
    keys[k] = FIELDS.map((f) => {
      if (!(f in entry)) return -1;
      const j = JSON.stringify(entry[f]);
      if (!index.has(j)) index.set(j, patterns.push(entry[f]) - 1);
      return index.get(j);
    });
  }
  return { fields: FIELDS, patterns, keys };
}

// sameRanges reports whether Node formats date ranges in loc exactly as in base (parts with their source,
// and formatRange's string) on every option set, for one forward and one backward pair of each field, so
// base's interval patterns serve loc. base's side is memoized.
const memo = new Map();
function sameRanges(loc, base) {
  if (!memo.has(base)) memo.set(base, new Map());
  const m = memo.get(base);
  const fp = (l, opts) => {
    if (unsafe(l, opts)) return "unsafe";
    const f = new Intl.DateTimeFormat(l, { timeZone: "UTC", ...opts });
    return Object.values(PAIRS).map((ps) => [ps[0], [ps[1][1], ps[1][0]]].map(([a, b]) => f.formatRange(a, b) + JSON.stringify(f.formatRangeToParts(a, b))).join("|")).join("\n");
  };
  return dateOptions().every((opts) => {
    const k = JSON.stringify(opts);
    if (!m.has(k)) m.set(k, fp(base, opts));
    return fp(loc, opts) === m.get(k);
  });
}

if (require.main === module) {
  const out = { icu: process.versions.icu, cldr: process.versions.cldr, locales: {} };
  const stats = {};
  for (const loc of LOCALES) {
    const n = names(loc);
    stats[loc] = { kept: 0, dropped: 0 };
    // A locale whose sampled ranges equal a base's takes the base's interval patterns (locales.js).
    const same = bases(loc).find((b) => out.locales[b] && sameRanges(loc, b));
    if (same) stats[loc].as = same;
    out.locales[loc] = { number: numberRanges(loc), date: same ? out.locales[same].date : dateRanges(loc, n, stats[loc]) };
  }
  process.stderr.write(JSON.stringify(stats) + "\n");
  process.stdout.write(JSON.stringify(out));
}
