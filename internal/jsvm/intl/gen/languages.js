// languages.js lists the languages Node's ICU has locale data for (two- and three-letter codes that
// Intl.NumberFormat.supportedLocalesOf accepts). jsvm's Intl throws a RangeError for a locale in one of
// them that data/ lacks, instead of formatting it as another locale; a language ICU does not know
// falls back to en-US, as in Node. Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it: node gen/languages.js > languages.json)
"use strict";

const a = "abcdefghijklmnopqrstuvwxyz";
const candidates = [];
for (const x of a) for (const y of a) {
  candidates.push(x + y);
  for (const z of a) candidates.push(x + y + z);
}
const known = new Set();
for (let i = 0; i < candidates.length; i += 500) {
  for (const l of Intl.NumberFormat.supportedLocalesOf(candidates.slice(i, i + 500))) known.add(l);
}
process.stdout.write(JSON.stringify({ icu: process.versions.icu, languages: [...known].sort() }) + "\n");
