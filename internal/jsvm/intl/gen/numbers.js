// numbers.js extracts Intl.NumberFormat's compact notation (short and long) and unit style (every unit
// ECMA-402 sanctions, and common compound units, in unitDisplay long, short and narrow) from Node's ICU
// for the locales of cldr.json. Run by:
//   go generate ./internal/jsvm/intl   (runs: node gen/numbers.js > numbers.json in internal/jsvm/intl)
//
// Templates are strings: "#" is the formatted number, "{…}" the compact or unit part, anything else a
// literal. Each template comes from formatToParts and is checked to be the same for every sample of its
// plural category; a category whose samples disagree is left out, and jsvm throws a RangeError for it.
// The matrix test (intl_test.go) compares the Go formatter built on these against Node.
"use strict";

const { LOCALES } = require("./cldr.js");

const NUMBER = new Set(["integer", "group", "decimal", "fraction", "minusSign", "plusSign"]);

function template(parts) {
  let out = "", num = false;
  for (const q of parts) {
    if (NUMBER.has(q.type)) {
      if (!num) out += "#";
      num = true;
      continue;
    }
    num = false;
    if (q.type === "compact" || q.type === "unit") {
      if (/[{}#]/.test(q.value)) return null;
      out += "{" + q.value + "}";
    } else if (q.type === "literal") {
      if (/[{}#]/.test(q.value)) return null;
      out += q.value;
    } else return null;
  }
  return out;
}

// Scaled values by plural category: integers and one-decimal values, as compact notation prints them.
// (The powers go to 10^20: CJK locales have a word for 10^16.)
const SCALED = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 21, 22, 25, 50, 100, 101, 102, 105, 111, 121, 200, 1.5, 1.2, 2.5, 3.5, 5.5, 9.9, 10.5, 12.25, 21.5, 100.5, 122.5];

function compact(loc, display) {
  const nf = new Intl.NumberFormat(loc, { notation: "compact", compactDisplay: display });
  // Samples keep their fraction digits (10.5 million), so fractions above 10 find their category too.
  const nf2 = new Intl.NumberFormat(loc, { notation: "compact", compactDisplay: display, maximumFractionDigits: 2 });
  const pr = new Intl.PluralRules(loc);
  const out = {};
  for (let e = 3; e <= 20; e++) {
    const x = 10 ** e;
    const ps = nf.formatToParts(x);
    const c = ps.find((q) => q.type === "compact");
    if (!c) {
      out[e] = { d: 0 };
      continue;
    }
    const ints = ps.filter((q) => q.type === "integer").map((q) => q.value).join("");
    const digits = ints === "" ? 1 : ints.length;
    const d = e + 1 - digits; // divisor 10^d
    if (digits > 3) continue; // no word of its own: jsvm uses the highest power below (1000T)
    const m = { d, p: {} };
    let ok = true;
    for (const v of SCALED) {
      const n = v * 10 ** d;
      if (n < x || n >= x * 10 || Math.round(n) !== n) continue;
      if (v === 1 && digits === 1) continue; // exact 1 is checked below
      const t = template(nf2.formatToParts(n));
      const cat = pr.select(v);
      if (t === null) ok = false;
      else if (m.p[cat] === undefined) m.p[cat] = t;
      else if (m.p[cat] !== t) ok = false;
    }
    if (digits === 1 && ints !== "") {
      const t = template(ps);
      if (m.p[pr.select(1)] !== t) m.one = t;
    } else if (ints === "") {
      m.one = template(ps); // the word alone ("mille")
    }
    if (!ok) m.bad = true;
    out[e] = m;
  }
  return out;
}

const UNITS = Intl.supportedValuesOf("unit");
const COMPOUND = ["kilometer-per-hour", "mile-per-hour", "meter-per-second", "liter-per-kilometer", "mile-per-gallon"];
const SAMPLES = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 15, 20, 21, 22, 25, 100, 101, 102, 111, 1000, 1000000, 0.5, 1.5, 2.5, 0.1, 1.25];

function units(loc) {
  const pr = new Intl.PluralRules(loc);
  const out = {};
  for (const unit of [...UNITS, ...COMPOUND]) {
    const u = {};
    for (const unitDisplay of ["long", "short", "narrow"]) {
      const nf = new Intl.NumberFormat(loc, { style: "unit", unit, unitDisplay });
      const m = {};
      let ok = true;
      for (const v of SAMPLES) {
        const t = template(nf.formatToParts(v));
        const cat = pr.select(v);
        if (t === null) ok = false;
        else if (m[cat] === undefined) m[cat] = t;
        else if (m[cat] !== t) ok = false;
      }
      if (ok) u[unitDisplay] = m;
    }
    out[unit] = u;
  }
  return out;
}

const out = { icu: process.versions.icu, locales: {} };
for (const loc of LOCALES) {
  const sci = new Intl.NumberFormat(loc, { notation: "scientific" }).formatToParts(0.00012345);
  const find = (t) => (sci.find((q) => q.type === t) || {}).value;
  out.locales[loc] = {
    exponent: find("exponentSeparator"),
    exponentMinus: sci.slice(sci.findIndex((q) => q.type === "exponentSeparator") + 1, sci.findIndex((q) => q.type === "exponentInteger")).map((q) => q.value).join(""),
    numberingSystem: new Intl.NumberFormat(loc).resolvedOptions().numberingSystem,
    compact: { short: compact(loc, "short"), long: compact(loc, "long") },
    units: units(loc),
  };
}
process.stdout.write(JSON.stringify(out) + "\n");
