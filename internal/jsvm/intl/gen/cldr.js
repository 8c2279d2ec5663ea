// cldr.js extracts the CLDR data jsvm's Intl needs (number symbols, currency symbols, date patterns and names)
// from Node's ICU, so formatting in goja matches Node byte for byte. Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it; gen/pack stores its output under data/)
// Every date pattern is checked against Node on many dates before it is kept; keys that cannot be expressed
// are left out, and jsvm throws a RangeError for them instead of formatting wrongly.
"use strict";

const { LOCALES, bases, unsafe } = require("./locales.js");
const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "CNY", "INR", "KRW", "BRL", "MXN", "SEK", "NOK", "DKK", "PLN", "CZK", "RUB", "TRY", "HKD", "SGD", "NZD", "ZAR"];
const UTC = "UTC";
const probe = [Date.UTC(2001, 1, 3, 16, 5, 6), Date.UTC(2001, 1, 3, 0, 5, 6)];

// Formatters are cached per locale and options: constructing one costs as much as a dozen formats, and
// every option set is formatted for the pattern, then again to verify it (this halves the run time).
const cache = new Map();
const dtf = (loc, opts) => {
  const k = loc + JSON.stringify(opts);
  let f = cache.get(k);
  if (!f) {
    if (cache.size > 20000) cache.clear();
    f = new Intl.DateTimeFormat(loc, { timeZone: UTC, ...opts });
    cache.set(k, f);
  }
  return f;
};
const parts = (loc, opts, t) => dtf(loc, opts).formatToParts(t);

function names(loc) {
  const n = {};
  for (const w of ["long", "short", "narrow"]) {
    n["M" + w + ".s"] = [];
    n["M" + w + ".f"] = [];
    n["E" + w] = [];
    n["E" + w + ".f"] = [];
    for (let m = 0; m < 12; m++) {
      const t = Date.UTC(2001, m, 3);
      n["M" + w + ".s"].push(parts(loc, { month: w }, t).find((p) => p.type === "month").value);
      n["M" + w + ".f"].push(parts(loc, { month: w, day: "numeric" }, t).find((p) => p.type === "month").value);
    }
    for (let d = 0; d < 7; d++) {
      const t = Date.UTC(2001, 0, 7 + d);
      n["E" + w].push(parts(loc, { weekday: w }, t).find((p) => p.type === "weekday").value);
      n["E" + w + ".f"].push(parts(loc, { weekday: w, month: "long", day: "numeric" }, t).find((p) => p.type === "weekday").value);
    }
  }
  // fr-CM writes hour12 times without a day period (h11, "0"): its patterns then hold no {a}.
  n.a = [0, 12].map((h) => (parts(loc, { hour: "numeric", hour12: true }, Date.UTC(2001, 0, 1, h)).find((p) => p.type === "dayPeriod") || { value: "" }).value);
  for (const w of ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"]) {
    n["z" + w] = [parts(loc, { hour: "numeric", timeZoneName: w }, 0).find((p) => p.type === "timeZoneName").value];
  }
  // A locale whose own calendar is the Buddhist one (th) counts years from 543 BC (2001 is 2544), with the
  // Gregorian months and days, and names its one era in some patterns (th's full date: พ.ศ.). Other
  // calendars (fa's Persian) have months of their own: their patterns do not verify and are left out.
  if (dtf(loc, {}).resolvedOptions().calendar === "buddhist") n.yoff = ["543"];
  // The flexible day periods of the dayPeriod option in each width: the period of each hour (read at
  // hh:30 with minutes, where ICU never says noon or midnight), then what 00:00 and 12:00 are called when
  // the pattern's minutes and seconds, if any, are zero (en's "noon"; the hour's period where the locale
  // has no such name).
  for (const w of ["narrow", "short", "long"]) {
    const at = (h, m) => (parts(loc, { hour: "numeric", minute: "2-digit", dayPeriod: w }, Date.UTC(2001, 0, 1, h, m)).find((p) => p.type === "dayPeriod") || { value: "" }).value;
    n["B" + w] = [...Array(24).keys()].map((h) => at(h, 30)).concat([at(0, 0), at(12, 0)]);
  }
  // The era of the probe instants (AD, th's BE) in each width: the era option's, and th's full date's.
  for (const w of ["short", "long", "narrow"]) n["G" + w] = [parts(loc, { era: w, year: "numeric" }, probe[0]).find((p) => p.type === "era").value];
  // A locale with its own digits (ar-EG, fa, bn, mr, my, ne) writes dates in them too: patterns are
  // learned and checked in ASCII digits, and formatted in these.
  const digits = [...Array(10).keys()].map((i) => new Intl.NumberFormat(loc, { useGrouping: false }).format(i)).join("");
  if (digits !== "0123456789") n.digits = [digits];
  return n;
}

const NUMERIC = new Set(["year", "month", "day", "hour", "minute", "second"]);
// yearOffset is what the locale's own calendar adds to the Gregorian year (names' yoff: th's 543).
const yearOffset = (n) => (n.yoff ? Number(n.yoff[0]) : 0);
// ascii writes a numeric field's value in ASCII digits.
function ascii(n, type, value) {
  if (!n.digits || !NUMERIC.has(type)) return value;
  const d = [...n.digits[0]];
  return [...value].map((c) => (d.includes(c) ? String(d.indexOf(c)) : c)).join("");
}
// native writes ASCII digits in the locale's own.
function native(n, s) {
  if (!n.digits) return s;
  const d = [...n.digits[0]];
  return s.replace(/[0-9]/g, (c) => d[c]);
}

// pattern turns Node's parts for the two probe instants into a pattern string: fields are {x:width}.
function pattern(loc, opts, n) {
  if (unsafe(loc, opts)) return null;
  const [a, b] = probe.map((t) => parts(loc, opts, t));
  if (a.length !== b.length) return null;
  let out = "";
  for (let i = 0; i < a.length; i++) {
    const type = a[i].type, value = ascii(n, type, a[i].value);
    const v0 = ascii(n, b[i].type, b[i].value);
    const digits = /^\d+$/.test(value);
    switch (type) {
      case "literal":
        if (/[{}]/.test(value)) return null;
        out += value;
        break;
      case "year": {
        const y = String(2001 + yearOffset(n));
        out += value === y ? "{y:numeric}" : value === y.slice(-2) ? "{y:2-digit}" : "?";
        break;
      }
      case "era": {
        const w = ["short", "long", "narrow"].find((w) => n["G" + w] && n["G" + w][0] === value);
        out += w ? `{G:${w}}` : "?";
        break;
      }
      case "month":
      case "weekday": {
        const k = type === "month" ? "M" : "E";
        if (digits) {
          out += value === "2" ? "{M:numeric}" : value === "02" ? "{M:2-digit}" : "?";
          break;
        }
        const idx = type === "month" ? 1 : 6;
        const table = Object.keys(n).find((t) => t[0] === k && n[t][idx] === value);
        out += table ? `{${k}:${table.slice(1)}}` : "?";
        break;
      }
      case "day":
        out += value === "3" ? "{d:numeric}" : value === "03" ? "{d:2-digit}" : "?";
        break;
      case "hour": {
        // value at 16:05, v0 at 00:05
        const cycle = v0 === "12" ? "h12" : v0 === "24" ? "h24" : value === "4" || value === "04" ? "h11" : "h23";
        const pad = cycle === "h12" || cycle === "h11" ? value.length === 2 : v0.length === 2 || (cycle === "h24" && value.length === 2);
        out += `{h:${cycle}${pad ? ".2" : ""}}`;
        break;
      }
      case "minute":
        out += value === "05" ? "{m:2-digit}" : value === "5" ? "{m:numeric}" : "?";
        break;
      case "second":
        out += value === "06" ? "{s:2-digit}" : value === "6" ? "{s:numeric}" : "?";
        break;
      case "dayPeriod": {
        if (!opts.dayPeriod) {
          out += n.a.includes(value) ? "{a}" : "?";
          break;
        }
        const w = [opts.dayPeriod, "narrow", "short", "long"].find((w) => n["B" + w] && n["B" + w][16] === value);
        out += w ? `{B:${w}}` : "?";
        break;
      }
      case "timeZoneName":
        // The option names the width, but a locale may write another one (el: the long name, in
        // parentheses, for "short" in some patterns); timeStyle full and long carry a long or short name.
        if (opts.timeZoneName && value === n["z" + opts.timeZoneName][0]) out += `{z:${opts.timeZoneName}}`;
        else out += value === n.zshort[0] ? "{z:short}" : value === n.zlong[0] ? "{z:long}" : "?";
        break;
      default:
        return null;
    }
  }
  return out.includes("?") ? null : out;
}

// format is the reference implementation of the Go formatter, used to verify patterns.
function format(p, t, n) {
  const d = new Date(t);
  return p.replace(/\{(\w)(?::([\w.-]+))?\}/g, (_, f, w) => {
    const two = (x) => native(n, String(x).padStart(2, "0"));
    const num = (x) => native(n, String(x));
    switch (f) {
      case "y": {
        const y = d.getUTCFullYear() + yearOffset(n);
        return w === "2-digit" ? two(y % 100) : num(y);
      }
      case "G": return n["G" + w][0];
      case "M": return w === "numeric" ? num(d.getUTCMonth() + 1) : w === "2-digit" ? two(d.getUTCMonth() + 1) : n["M" + w][d.getUTCMonth()];
      case "E": return n["E" + w][d.getUTCDay()];
      case "d": return w === "numeric" ? num(d.getUTCDate()) : two(d.getUTCDate());
      case "h": {
        const h = d.getUTCHours();
        const [c, pad] = w.split(".");
        const v = c === "h12" ? (h % 12 || 12) : c === "h11" ? h % 12 : c === "h24" ? (h || 24) : h;
        return pad ? two(v) : num(v);
      }
      case "m": return w === "2-digit" ? two(d.getUTCMinutes()) : num(d.getUTCMinutes());
      case "s": return w === "2-digit" ? two(d.getUTCSeconds()) : num(d.getUTCSeconds());
      case "a": return n.a[d.getUTCHours() < 12 ? 0 : 1];
      case "B": {
        // ICU names 00:00 and 12:00 (midnight, noon) when the pattern's minutes and seconds are zero or absent.
        const h = d.getUTCHours();
        const exact = (!p.includes("{m:") || d.getUTCMinutes() === 0) && (!p.includes("{s:") || d.getUTCSeconds() === 0);
        return exact && h === 0 ? n["B" + w][24] : exact && h === 12 ? n["B" + w][25] : n["B" + w][h];
      }
      case "z": return n["z" + w][0];
    }
  });
}

const checks = [];
for (let m = 0; m < 12; m++) checks.push(Date.UTC(1999 + m, m, 9 + m * 2, (m * 7) % 24, m * 5, 59 - m));
checks.push(Date.UTC(2024, 11, 31, 0, 0, 0), Date.UTC(2024, 6, 14, 12, 30, 0), Date.UTC(2024, 0, 1, 23, 59, 9));
// Noon and midnight exactly and not (the day periods' names for them).
checks.push(Date.UTC(2024, 2, 3, 12, 0, 0), Date.UTC(2024, 2, 4, 12, 0, 5), Date.UTC(2024, 2, 5, 0, 30, 0));

// A date-time combination whose date and time patterns were each verified on every check is verified on
// a few: what can differ is the glue between them, and that shows on any date.
const fewChecks = [checks[0], checks[5], checks[10], checks[13]];

function verified(loc, opts, p, n, few) {
  if (unsafe(loc, opts)) return false;
  const f = dtf(loc, opts);
  // V8's format() turns ICU's U+202F NARROW NO-BREAK SPACE into a plain space for web compatibility;
  // formatToParts keeps it. jsvm does the same.
  return (few ? fewChecks : checks).every((t) => {
    const want = format(p, t, n);
    return f.formatToParts(t).map((q) => q.value).join("") === want && f.format(t) === want.replace(/\u202f/g, " ");
  });
}

const W = (vals) => [undefined, ...vals];
function dateKeys() {
  const out = [];
  for (const weekday of W(["long", "short", "narrow"]))
    for (const year of W(["numeric", "2-digit"]))
      for (const month of W(["numeric", "2-digit", "long", "short", "narrow"]))
        for (const day of W(["numeric", "2-digit"])) out.push({ weekday, year, month, day });
  // The era option with the dates it is used with ({era} alone is {era, year, month, day} numeric).
  for (const era of ["long", "short", "narrow"])
    for (const d of [{ year: "numeric" }, { year: "numeric", month: "numeric", day: "numeric" }, { year: "numeric", month: "long", day: "numeric" },
      { year: "numeric", month: "short", day: "numeric" }, { year: "numeric", month: "long" }, { weekday: "long", year: "numeric", month: "long", day: "numeric" }])
      out.push({ weekday: d.weekday, era, year: d.year, month: d.month, day: d.day });
  return out;
}
function timeKeys() {
  const out = [];
  for (const hour of W(["numeric", "2-digit"]))
    for (const minute of W(["numeric", "2-digit"]))
      for (const second of W(["numeric", "2-digit"]))
        for (const hour12 of hour ? [undefined, true, false] : [undefined]) out.push({ hour, minute, second, hour12 });
  return out;
}
const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const ORDER = ["weekday", "era", "year", "month", "day", "dayPeriod", "hour", "minute", "second", "hour12", "dateStyle", "timeStyle", "timeZoneName"];
const key = (o) => ORDER.filter((k) => o[k] !== undefined).map((k) => `${k}=${o[k]}`).join(",");

function glueClass(d) {
  if (d.month === "long" && d.weekday === "long") return "full";
  if (d.month === "long") return "long";
  if (d.month === "short") return "medium";
  return "short";
}

function dates(loc, n, stats) {
  const patterns = {};
  const add = (o) => {
    const p = pattern(loc, o, n);
    if (p && verified(loc, o, p, n)) {
      patterns[key(o)] = p;
      return p;
    }
    stats.dropped++;
    return null;
  };
  const ds = dateKeys().map(clean).filter((o) => Object.keys(o).length);
  const ts = timeKeys().map(clean).filter((o) => Object.keys(o).length);
  ds.forEach(add);
  ts.forEach(add);
  // The dayPeriod option alone and with an hour, minutes and seconds (not combined with dates here, so jsvm
  // refuses those combinations).
  const ps = [];
  for (const dayPeriod of ["narrow", "short", "long"])
    for (const t of [{}, { hour: "numeric" }, { hour: "numeric", minute: "2-digit" }, { hour: "numeric", minute: "2-digit", second: "2-digit" }, { hour: "2-digit", minute: "2-digit" }])
      ps.push({ dayPeriod, ...t });
  ps.forEach(add);
  for (const tz of [undefined, "short", "long"])
    for (const h12 of [undefined, true, false]) add(clean({ hour: "numeric", minute: "2-digit", timeZoneName: tz, hour12: h12 }));
  // Date+time: learn the glue per class, then keep only combinations the glue does not predict.
  const glue = {};
  const combos = {};
  for (const d of ds) {
    for (const t of ts) {
      const o = { ...d, ...t };
      const p = pattern(loc, o, n);
      const dp = patterns[key(d)], tp = patterns[key(t)];
      if (!p || !dp || !tp) { stats.dropped++; continue; }
      const c = glueClass(d);
      const i = p.indexOf(dp), j = p.indexOf(tp);
      let g = null;
      if (i >= 0 && j >= 0 && i < j) g = p.slice(0, i) + "{1}" + p.slice(i + dp.length, j) + "{0}" + p.slice(j + tp.length);
      if (g !== null) combos[c] = combos[c] || {}, combos[c][g] = (combos[c][g] || 0) + 1;
    }
  }
  for (const c in combos) glue[c] = Object.entries(combos[c]).sort((a, b) => b[1] - a[1])[0][0];
  const extra = {};
  for (const d of ds) {
    for (const t of ts) {
      const o = { ...d, ...t };
      const dp = patterns[key(d)], tp = patterns[key(t)];
      if (!dp || !tp) continue;
      const g = glue[glueClass(d)];
      const predicted = g && g.replace("{1}", dp).replace("{0}", tp);
      if (predicted && verified(loc, o, predicted, n, true)) continue;
      const p = pattern(loc, o, n);
      if (p && verified(loc, o, p, n)) extra[key(o)] = p;
      else stats.dropped++;
    }
  }
  Object.assign(patterns, extra);
  // What a locale that may share this one's patterns is checked on (sameDates): every option set
  // extracted alone, every weekday-and-time set (CLDR has skeletons like "Ehm"), every combination the
  // glue does not predict, and a fixed sample of the other combinations.
  const check = [...ds, ...ts, ...ps];
  for (const d of ds) if (Object.keys(d).length === 1 && d.weekday) for (const t of ts) check.push({ ...d, ...t });
  for (const k of Object.keys(extra)) check.push(Object.fromEntries(k.split(",").map((f) => f.split("=")).map(([a, v]) => [a, v === "true" ? true : v === "false" ? false : v])));
  let seed = 1;
  const rnd = (m) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % m);
  for (let i = 0; i < 400; i++) check.push({ ...ds[rnd(ds.length)], ...ts[rnd(ts.length)] });
  for (const ds of [undefined, "full", "long", "medium", "short"])
    for (const ts of [undefined, "full", "long", "medium", "short"])
      for (const h12 of ts ? [undefined, true, false] : [undefined])
        if (ds || ts) {
          add(clean({ dateStyle: ds, timeStyle: ts, hour12: h12 }));
          check.push(clean({ dateStyle: ds, timeStyle: ts, hour12: h12 }));
        }
  for (const tz of [undefined, "short", "long"])
    for (const h12 of [undefined, true, false]) check.push(clean({ hour: "numeric", minute: "2-digit", timeZoneName: tz, hour12: h12 }));
  return { patterns, glue, check };
}

// sameDates reports whether Node formats loc exactly as base (part types and values, at both probe
// instants) on every option set of check, so base's patterns serve loc. base's side is memoized.
const memo = new Map();
function sameDates(loc, base, check) {
  if (!memo.has(base)) memo.set(base, new Map());
  const m = memo.get(base);
  const fp = (l, o) => (unsafe(l, o) ? "unsafe" : probe.map((t) => JSON.stringify(parts(l, o, t).map((q) => [q.type, q.value]))).join("|"));
  return check.every((o) => {
    const k = key(o);
    if (!m.has(k)) m.set(k, fp(base, o));
    const ok = fp(loc, o) === m.get(k);
    if (!ok && process.env.INTL_DEBUG) process.stderr.write(`${loc} differs from ${base} on ${k}\n`);
    return ok;
  });
}

function numbers(loc) {
  const p = (x, o) => new Intl.NumberFormat(loc, o).formatToParts(x);
  const find = (ps, t) => (ps.find((q) => q.type === t) || {}).value;
  const big = p(-1234567.891);
  const ints = big.filter((q) => q.type === "integer").map((q) => [...q.value].length); // code points: ccp's digits are astral
  const tmpl = (ps) => {
    let out = "", num = false;
    for (const q of ps) {
      if (["integer", "group", "decimal", "fraction"].includes(q.type)) { if (!num) out += "#"; num = true; continue; }
      num = false;
      out += q.type === "minusSign" ? "-" : q.type === "percentSign" ? "%" : q.type === "currency" ? "¤" : q.type === "literal" ? q.value : "?";
    }
    return out;
  };
  const cur = (code, display) => find(p(1, { style: "currency", currency: code, currencyDisplay: display }), "currency");
  const sym = {}, narrow = {};
  for (const c of CURRENCIES) { sym[c] = cur(c, "symbol"); narrow[c] = cur(c, "narrowSymbol"); }
  const plusPattern = tmpl(p(1, { signDisplay: "always" })).replace("?", "+");
  const digits = [...Array(10).keys()].map((i) => new Intl.NumberFormat(loc, { useGrouping: false }).format(i)).join("");
  return {
    digits: digits === "0123456789" ? undefined : digits,
    plusPattern: plusPattern === "+#" ? undefined : plusPattern,
    decimal: find(big, "decimal"),
    group: find(big, "group"),
    minus: find(big, "minusSign"),
    plus: find(p(1, { signDisplay: "always" }), "plusSign"),
    percentSign: find(p(0.5, { style: "percent" }), "percentSign"),
    nan: find(p(NaN), "nan"),
    infinity: find(p(Infinity), "infinity") || find(p(Infinity), "integer"),
    infinityType: find(p(Infinity), "infinity") ? undefined : "integer", // dz writes ∞ as an integer part
    primaryGroup: ints[ints.length - 1],
    secondaryGroup: ints.length > 2 ? ints[1] : ints[ints.length - 1],
    minGrouping: p(1234).filter((q) => q.type === "integer").length > 1 ? 1 : 2,
    decimalPattern: [tmpl(p(1)), tmpl(p(-1))],
    percentPattern: [tmpl(p(1, { style: "percent" })), tmpl(p(-1, { style: "percent" }))],
    currencyPattern: [tmpl(p(1, { style: "currency", currency: "EUR" })), tmpl(p(-1, { style: "currency", currency: "EUR" }))],
    currencyPatternLetters: [tmpl(p(1, { style: "currency", currency: "CHF" })), tmpl(p(-1, { style: "currency", currency: "CHF" }))],
    currencyCodePattern: [tmpl(p(1, { style: "currency", currency: "EUR", currencyDisplay: "code" })), tmpl(p(-1, { style: "currency", currency: "EUR", currencyDisplay: "code" }))],
    symbols: sym,
    narrowSymbols: narrow,
  };
}

// gen/zones.js reuses the pattern extraction.
module.exports = { names, pattern, format, verified, key, clean, timeKeys, LOCALES, probe, parts };

if (require.main === module) {
  const out = { icu: process.versions.icu, cldr: process.versions.cldr, locales: {} };
  const stats = {};
  const checks = {};
  for (const loc of LOCALES) {
    const n = names(loc);
    stats[loc] = { dropped: 0 };
    // A locale whose names and sampled output equal a base's takes the base's patterns (most regional
    // locales: fr-LU is fr); the others are extracted and verified in full.
    const same = bases(loc).find((b) => out.locales[b] && JSON.stringify(out.locales[b].names) === JSON.stringify(n) && sameDates(loc, b, checks[b]));
    let patterns, glue;
    if (same) {
      ({ patterns, glue } = out.locales[same]);
      checks[loc] = checks[same];
      stats[loc].as = same;
    } else {
      let check;
      ({ patterns, glue, check } = dates(loc, n, stats[loc]));
      checks[loc] = check;
    }
    stats[loc].patterns = Object.keys(patterns).length;
    out.locales[loc] = { names: n, patterns, glue, number: numbers(loc) };
  }
  process.stderr.write(JSON.stringify(stats) + "\n");
  process.stdout.write(JSON.stringify(out));
}
