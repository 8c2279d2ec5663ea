// available.js lists every locale Node's ICU has its own data for: a tag (language, language-script,
// language-region or language-script-region) that Intl.DateTimeFormat resolves to itself rather than to a
// shorter fallback. gen/locales.js reads the list from available.json, which gen/generate.sh writes first.
// Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it: node gen/available.js > gen/available.json)
"use strict";

const { languages } = require("../languages.json");
const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const regions = ["001", "150", "419"];
for (const x of A) for (const y of A) regions.push(x + y);
// Scripts ICU has locales for: asking the maximized script of every language finds them, plus the
// alternates CLDR ships (sr-Latn, zh-Hant, uz-Cyrl, pa-Arab ...).
const scripts = new Set(["Latn", "Cyrl", "Arab", "Hans", "Hant", "Deva", "Beng", "Guru", "Tfng", "Vaii", "Adlm", "Olck", "Mtei", "Nkoo", "Rohg", "Hebr", "Shaw", "Dsrt", "Mong", "Ethi", "Tibt"]);
for (const l of languages) {
  try { scripts.add(new Intl.Locale(l).maximize().script); } catch {}
}

const self = (tag) => {
  try {
    return new Intl.DateTimeFormat(tag).resolvedOptions().locale === tag;
  } catch {
    return false;
  }
};
const out = new Set();
for (const l of languages) {
  if (!self(l)) continue;
  out.add(l);
  const bases = [l];
  for (const s of scripts) if (s && self(l + "-" + s)) { out.add(l + "-" + s); bases.push(l + "-" + s); }
  for (const b of bases) for (const r of regions) if (self(b + "-" + r)) out.add(b + "-" + r);
}
process.stdout.write(JSON.stringify({ icu: process.versions.icu, locales: [...out].sort() }) + "\n");
