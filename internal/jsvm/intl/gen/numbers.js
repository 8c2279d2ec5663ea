// numbers.js extracts Intl.NumberFormat's compact notation (short and long) and unit style (every unit
// ECMA-402 sanctions, and common compound units, in unitDisplay long, short and narrow) from Node's ICU
// for the locales of gen/locales.js. Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it; gen/pack stores its output under data/)
//
// Templates are strings: "#" is the formatted number, "{…}" the compact or unit part, anything else a
// literal. Each template comes from formatToParts and is checked to be the same for every sample of its
// plural category; a category whose samples disagree is left out, and jsvm throws a RangeError for it.
// The matrix test (intl_test.go) compares the Go formatter built on these against Node.
"use strict";

const { LOCALES } = require("./cldr.js");

const NUMBER = new Set(["integer", "group", "decimal", "fraction", "minusSign", "plusSign"]);

// template turns parts into a template; with signed, the minus sign is "\u0001" rather than part of "#".
function template(parts, signed) {
  let out = "", num = false;
  for (const q of parts) {
    if (signed && q.type === "minusSign") {
      out += "\u0001";
      num = false;
      continue;
    }
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
    // The power's own word may skip exactly 1 (vec: 1000 is "1", 2000 "2 mila"): then 2 × 10^e tells.
    let probe = ps;
    if (!ps.some((q) => q.type === "compact")) {
      probe = nf.formatToParts(2 * x);
      if (!probe.some((q) => q.type === "compact")) {
        out[e] = { d: 0 };
        continue;
      }
    }
    const ints = probe.filter((q) => q.type === "integer").map((q) => q.value).join("");
    const digits = ints === "" ? 1 : [...ints].length;
    const d = e + 1 - digits; // divisor 10^d
    if (digits > 3) continue; // no word of its own: jsvm uses the highest power below (1000T)
    const m = { d, p: {} };
    let ok = true;
    for (const v of SCALED) {
      const n = v * 10 ** d;
      if (n < x || n >= x * 10 || Math.round(n) !== n) continue;
      if (v === 1 && digits === 1) continue; // exact 1 is checked below
      const t = template(nf2.formatToParts(n));
      const neg = template(nf2.formatToParts(-n), true); // where the sign goes: "-M1.2", "milioni -1.2"
      const cat = pr.select(v);
      if (t === null || neg === null) ok = false;
      else if (m.p[cat] === undefined) (m.p[cat] = t), ((m.n = m.n || {})[cat] = neg);
      else if (m.p[cat] !== t || m.n[cat] !== neg) ok = false;
    }
    if (digits === 1 && ints !== "") {
      const t = template(ps);
      if (m.p[pr.select(1)] !== t) (m.one = t), (m.nOne = template(nf.formatToParts(-x), true));
    } else if (ints === "") {
      m.one = template(ps); // the word alone ("mille")
      m.nOne = template(nf.formatToParts(-x), true);
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

// plurals samples Node's plural rules: the category initial (z, o, t, f, m, x for other) of every integer
// 0..1099, of 0.0..20.9 and of 0.00..2.99. jsvm looks a number in that range up here and compares
// golang.org/x/text's (older) rules against these samples before using them for other numbers.
const INITIAL = { zero: "z", one: "o", two: "t", few: "f", many: "m", other: "x" };
function plurals(loc) {
  const out = {};
  for (const type of ["cardinal", "ordinal"]) {
    const pr = new Intl.PluralRules(loc, { type });
    const i = [...Array(1100).keys()].map((n) => INITIAL[pr.select(n)]).join("");
    const pr1 = new Intl.PluralRules(loc, { type, minimumFractionDigits: 1 });
    const f1 = [...Array(210).keys()].map((n) => INITIAL[pr1.select(n / 10)]).join("");
    const pr2 = new Intl.PluralRules(loc, { type, minimumFractionDigits: 2 });
    const f2 = [...Array(300).keys()].map((n) => INITIAL[pr2.select(n / 100)]).join("");
    out[type] = { i, f1, f2, big: INITIAL[pr.select(1e21)] }; // big: checks x/text beyond 18 digits
  }
  return out;
}

// symbols holds what the decimal pattern's symbols do not: currency and percent formats may group and
// separate differently (fr-CH writes 1'234.50 CHF but 1 234,5; te-IN groups percents 123,450%), and the
// currency pattern comes from a currency whose symbol does not touch the number with a letter.
function symbols(loc) {
  const p = (o) => new Intl.NumberFormat(loc, o).formatToParts(-1234567.891);
  const shape = (ps) => {
    const ints = ps.filter((q) => q.type === "integer").map((q) => [...q.value].length); // code points (ccp)
    const find = (t) => (ps.find((q) => q.type === t) || {}).value;
    return { decimal: find("decimal"), group: find("group"), primary: ints[ints.length - 1], secondary: ints.length > 2 ? ints[1] : ints[ints.length - 1] };
  };
  const tmpl = (ps) => ps.map((q) => (["integer", "group", "decimal", "fraction"].includes(q.type) ? "#" : q.type === "minusSign" ? "-" : q.type === "currency" ? "¤" : q.value)).join("").replace(/#+/g, "#");
  let currencyPattern;
  for (const currency of ["USD", "GBP", "JPY", "EUR", ...Intl.supportedValuesOf("currency"), "XXX"]) {
    const f = (x) => new Intl.NumberFormat(loc, { style: "currency", currency }).formatToParts(x);
    const ps = f(1);
    const c = ps.findIndex((q) => q.type === "currency"), n = ps.findIndex((q) => q.type === "integer");
    const sym = ps[c].value;
    const touching = c < n ? [...sym].pop() : [...sym][0];
    if (!/\p{S}/u.test(touching)) continue; // ICU spaces a symbol from the number unless it touches with a symbol
    currencyPattern = [tmpl(f(1)), tmpl(f(-1))];
    break;
  }
  // ICU gives some currencies a pattern of their own (en-150 writes €1,234.50 but 1,234.50 US$): those get
  // their exact templates for each currencyDisplay.
  const special = {};
  if (currencyPattern) {
    for (const currency of Intl.supportedValuesOf("currency")) {
      const f = (x, currencyDisplay) => new Intl.NumberFormat(loc, { style: "currency", currency, currencyDisplay }).formatToParts(x);
      const ps = f(1, "symbol");
      const c = ps.findIndex((q) => q.type === "currency"), n = ps.findIndex((q) => q.type === "integer");
      const sym = ps[c].value;
      const touching = c < n ? [...sym].pop() : [...sym][0];
      if (!/\p{S}/u.test(touching)) continue;
      const pat = [tmpl(ps), tmpl(f(-1, "symbol"))];
      if (pat[0] === currencyPattern[0] && pat[1] === currencyPattern[1]) continue;
      special[currency] = {};
      for (const d of ["symbol", "narrowSymbol", "code"]) special[currency][d] = [tmpl(f(1, d)), tmpl(f(-1, d))];
    }
  }
  return { currency: shape(p({ style: "currency", currency: "EUR" })), percent: shape(p({ style: "percent", maximumFractionDigits: 2 })), currencyPattern, special };
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
    plurals: plurals(loc),
    symbols: symbols(loc),
  };
}
process.stdout.write(JSON.stringify(out) + "\n");
