// currencies.js records what Intl.NumberFormat's currency style needs beyond gen/numbers.js's data, for every
// locale Node's ICU has (gen/available.json):
//
// - "accounting": currencySign "accounting" patterns, where they differ from the standard ones (433 of 941
//   locales in ICU 78: "($1.00)" for en, while de stays "-1,00 $"). Three classes, as jsvm picks a
//   currency pattern: "symbol" (a symbol that touches the number with a symbol character, €), "letters"
//   (one that touches it with a letter, CHF, where ICU adds currency spacing) and "code" (currencyDisplay
//   "code"). Each class is three templates: the positive, the negative and the positive with a plus sign
//   (signDisplay "always"); "#" is the number, "¤" the currency, "-" the sign, anything else a literal.
// - "shapes": separators and grouping by currency where they differ from what numbers.js recorded for
//   EUR (en-CH writes US$-1'234'567.50 but -€1,234,567.50; en-IN's accounting pattern groups by threes):
//   for each sign, the shape most currencies have and the currencies that differ.
//
// Run by gen/generate.sh:
//   node gen/currencies.js > currencies.json
"use strict";

const { locales } = require("./available.json");

const NUM = new Set(["integer", "group", "decimal", "fraction"]);
const tmpl = (ps) => ps.map((q) => (NUM.has(q.type) ? "#" : q.type === "minusSign" || q.type === "plusSign" ? "-" : q.type === "currency" ? "¤" : q.value)).join("").replace(/#+/g, "#");

// touches is the character of a currency's symbol next to the number.
function touches(loc, currency) {
  const ps = new Intl.NumberFormat(loc, { style: "currency", currency }).formatToParts(1);
  const c = ps.findIndex((q) => q.type === "currency"), n = ps.findIndex((q) => q.type === "integer");
  const sym = ps[c].value;
  return c < n ? [...sym].pop() : [...sym][0];
}

const all = Intl.supportedValuesOf("currency");
const out = { icu: process.versions.icu, accounting: {}, shapes: {} };
for (const loc of locales) {
  const symbolCur = ["USD", "GBP", "JPY", "EUR", ...all, "XXX"].find((c) => /\p{S}/u.test(touches(loc, c)));
  const letterCur = ["CHF", "DKK", "SEK", "NOK", ...all].find((c) => /\p{L}/u.test(touches(loc, c)));
  const classes = { symbol: [symbolCur, "symbol"], letters: [letterCur, "symbol"], code: ["USD", "code"] };
  const rec = {};
  let differs = false;
  for (const [name, [currency, currencyDisplay]] of Object.entries(classes)) {
    if (!currency) continue;
    const t = (currencySign, x, signDisplay = "auto") =>
      tmpl(new Intl.NumberFormat(loc, { style: "currency", currency, currencyDisplay, currencySign, signDisplay }).formatToParts(x));
    const acc = [t("accounting", 1), t("accounting", -1), t("accounting", 1, "always")];
    const std = [t("standard", 1), t("standard", -1), t("standard", 1, "always")];
    rec[name] = acc;
    if (acc.some((v, i) => v !== std[i])) differs = true;
  }
  if (differs) out.accounting[loc] = rec;
  // Shapes: where any currency's differs from EUR's standard one (numbers.js's), for both signs.
  const shape = (currency, currencySign) => {
    const ps = new Intl.NumberFormat(loc, { style: "currency", currency, currencySign, minimumFractionDigits: 2 }).formatToParts(-1234567.891);
    const ints = ps.filter((q) => q.type === "integer").map((q) => [...q.value].length); // code points (ccp)
    const find = (t) => (ps.find((q) => q.type === t) || {}).value;
    return JSON.stringify({ decimal: find("decimal"), group: find("group"), primary: ints[ints.length - 1], secondary: ints.length > 2 ? ints[1] : ints[ints.length - 1] });
  };
  const eur = shape("EUR", "standard");
  const signs = {};
  for (const currencySign of ["standard", "accounting"]) {
    const by = {}, count = {};
    for (const c of all) {
      const sh = shape(c, currencySign);
      by[c] = sh;
      count[sh] = (count[sh] || 0) + 1;
    }
    const common = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
    const except = {};
    for (const c of all) if (by[c] !== common) except[c] = JSON.parse(by[c]);
    if (common !== eur || Object.keys(except).length > 0) signs[currencySign] = { common: JSON.parse(common), except };
  }
  if (Object.keys(signs).length > 0) out.shapes[loc] = signs;
}
process.stdout.write(JSON.stringify(out) + "\n");
