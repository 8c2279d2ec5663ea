// likely.js records Node's Intl.Locale maximize() and minimize() (CLDR likely subtags) for every language
// Node's ICU knows and every locale it has data for, where golang.org/x/text's older tables may disagree
// (sat is sat-Olck-IN in CLDR 48, kxv-Latn minimizes to kxv). Run by gen/generate.sh:
//   node gen/likely.js > likely.json
//
// For a language with a region or a script that is not in that list, maximize mostly adds the language's
// own script (de-IN is de-Latn-IN) or region (ars-Cyrl is ars-Cyrl-SA); "pairs" holds the maximize of
// each language-region and language-script pair that does not follow that rule (kk-IR is kk-Arab-IR,
// ku-Cyrl is ku-Cyrl-AM), which locale.go's maximizeLocale applies.
"use strict";

const { languages } = require("../languages.json");
const { locales } = require("./available.json");
const max = {}, min = {};
for (const tag of [...new Set([...languages, ...locales])].sort()) {
  const l = new Intl.Locale(tag);
  const mx = l.maximize().toString(), mn = l.minimize().toString();
  max[tag] = mx;
  min[tag] = mn;
}

const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const regions = ["001", "002", "003", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029", "030",
  "034", "035", "039", "053", "054", "057", "061", "142", "143", "145", "150", "151", "154", "155", "202", "419"];
for (const x of A) for (const y of A) regions.push(x + y);
const scripts = new Set();
for (const t of Object.values(max)) {
  const s = new Intl.Locale(t).script;
  if (s) scripts.add(s);
}
const pairs = {};
for (const lang of languages.filter((l) => !l.includes("-")).sort()) {
  const own = new Intl.Locale(max[lang]);
  for (const r of regions) {
    let l;
    try {
      l = new Intl.Locale(lang + "-" + r);
    } catch {
      continue; // a code ICU's parser refuses
    }
    const mx = l.maximize().toString();
    if (mx !== `${lang}-${own.script}-${l.region}`) pairs[l.toString()] = mx;
  }
  for (const s of [...scripts].sort()) {
    const mx = new Intl.Locale(lang + "-" + s).maximize().toString();
    if (mx !== `${lang}-${s}-${own.region}`) pairs[`${lang}-${s}`] = mx;
  }
}
process.stdout.write(JSON.stringify({ icu: process.versions.icu, cldr: process.versions.cldr, max, min, pairs }) + "\n");
