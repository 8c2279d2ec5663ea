// formats.js extracts the patterns of Intl.ListFormat and Intl.RelativeTimeFormat from Node's ICU for the
// locales of gen/locales.js, each checked against Node on sample inputs before it is kept (a locale whose lists
// or relative times the patterns cannot reproduce is left out, and jsvm throws a RangeError for it). Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it; gen/pack stores its output under data/)
"use strict";

const { LOCALES } = require("./cldr.js");

const M = ["\uE000", "\uE001", "\uE002", "\uE003"];
const between = (s, a, b) => s.slice(s.indexOf(a) + a.length, s.indexOf(b));

// Spanish writes "e" for "y" before an /i/ sound and "u" for "o" before an /o/ sound; jsvm applies the same
// rule (intl/list.go), and the check below holds it to ICU's.
const spanishY = /^(?:[iI]|[hH][iI](?![aeAE]))/;
const spanishO = /^(?:[oO8]|[hH][oO]|11(?!\d))/;

function listPatterns(loc, type, style) {
  const lf = new Intl.ListFormat(loc, { type, style });
  const f2 = lf.format(M.slice(0, 2)), f3 = lf.format(M.slice(0, 3)), f4 = lf.format(M.slice(0, 4));
  const p = {
    prefix: f3.slice(0, f3.indexOf(M[0])),
    suffix: f3.slice(f3.indexOf(M[2]) + 1),
    pair: between(f2, M[0], M[1]),
    start: between(f3, M[0], M[1]),
    middle: between(f4, M[1], M[2]),
    end: between(f3, M[1], M[2]),
  };
  const words = ["uno", "dos", "Ignacio", "hielo", "hijo", "ocho", "8", "11", "110", "Oscar", "honor", "ana"];
  const compose = (items) => {
    const sep = (s, next) => (loc.startsWith("es") ? s.replace(/ y $/, spanishY.test(next) ? " e " : " y ").replace(/ o $/, spanishO.test(next) ? " u " : " o ") : s);
    if (items.length === 0) return "";
    if (items.length === 1) return p.prefix + items[0] + p.suffix;
    if (items.length === 2) return p.prefix + items[0] + sep(p.pair, items[1]) + items[1] + p.suffix;
    let out = items[0] + sep(p.start, items[1]);
    for (let i = 1; i < items.length - 2; i++) out += items[i] + sep(p.middle, items[i + 1]);
    return p.prefix + out + items[items.length - 2] + sep(p.end, items[items.length - 1]) + items[items.length - 1] + p.suffix;
  };
  for (let n = 0; n <= 5; n++) {
    for (let k = 0; k < words.length; k++) {
      const items = Array.from({ length: n }, (_, i) => words[(k + i) % words.length]);
      if (compose(items) !== lf.format(items)) return null;
    }
  }
  return p;
}

const UNITS = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"];
const SAMPLES = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 21, 22, 100, 101, 1000, 1e6, 0.5, 1.5, 2.5];

function relativePatterns(loc, style) {
  const pr = new Intl.PluralRules(loc);
  const nf = new Intl.NumberFormat(loc);
  const always = new Intl.RelativeTimeFormat(loc, { style, numeric: "always" });
  const auto = new Intl.RelativeTimeFormat(loc, { style, numeric: "auto" });
  const out = {};
  for (const unit of UNITS) {
    const u = { future: {}, past: {}, auto: {} };
    for (const v of SAMPLES) {
      const cat = pr.select(v);
      for (const [dir, x] of [["future", v], ["past", -v]]) {
        if (Object.is(x, -0)) continue;
        const s = always.format(x, unit);
        const num = nf.format(v);
        // Arabic's dual and singular name no number ("بعد يومين"): the pattern is the phrase itself, which
        // the consistency check below holds for every sample of the category.
        const pat = s.includes(num) ? s.replace(num, "{0}") : s;
        if (u[dir][cat] === undefined) u[dir][cat] = pat;
        else if (u[dir][cat] !== pat) return null;
      }
    }
    u.past.zero = always.format(-0, unit).replace(nf.format(0), "{0}");
    for (const x of [-2, -1, 0, 1, 2]) {
      const s = auto.format(x, unit);
      if (s !== always.format(x, unit)) u.auto[x] = s;
    }
    out[unit] = u;
  }
  // Check: every sample in every unit, both directions, both numeric settings.
  for (const unit of UNITS) {
    for (const v of [...SAMPLES, 1234.5, 1e6]) {
      for (const x of [v, -v]) {
        const u = out[unit];
        const pat = Object.is(x, -0) ? u.past.zero : (x < 0 || Object.is(x, -0) ? u.past : u.future)[pr.select(Math.abs(x))];
        if (pat === undefined || pat.replace("{0}", nf.format(Math.abs(x))) !== always.format(x, unit)) return null;
      }
    }
  }
  return out;
}

const out = { icu: process.versions.icu, locales: {} };
for (const loc of LOCALES) {
  const list = {};
  for (const type of ["conjunction", "disjunction", "unit"]) {
    for (const style of ["long", "short", "narrow"]) {
      const p = listPatterns(loc, type, style);
      if (p) list[type + "." + style] = p;
    }
  }
  const relative = {};
  for (const style of ["long", "short", "narrow"]) {
    const r = relativePatterns(loc, style);
    if (r) relative[style] = r;
  }
  out.locales[loc] = { list, relative };
}
process.stdout.write(JSON.stringify(out) + "\n");
