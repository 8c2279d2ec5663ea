// likely.js records Node's Intl.Locale maximize() and minimize() (CLDR likely subtags) for every language
// Node's ICU knows and every locale it has data for, where golang.org/x/text's older tables may disagree
// (sat is sat-Olck-IN in CLDR 48, kxv-Latn minimizes to kxv). Run by gen/generate.sh:
//   node gen/likely.js > likely.json
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
process.stdout.write(JSON.stringify({ icu: process.versions.icu, cldr: process.versions.cldr, max, min }) + "\n");
