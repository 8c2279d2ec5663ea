// localeinfo.js records what Node's Intl.Locale info getters (calendars, collations, hourCycles,
// numberingSystems, textInfo, timeZones, weekInfo) report, in the form locale.go's rules read it:
//
//   - by region (every two-letter code and the UN M.49 areas ICU knows): the preferred calendars, the
//     default hour cycle, the week (first day, weekend, minimal days) and the IANA zones, each only where
//     it differs from what an unknown region gets ("def");
//   - the language-and-region pairs whose hour cycle is not their region's ("hc");
//   - for every locale ICU has data for: the collations it offers where they are not ["emoji", "eor"]
//     ("co"), and whether its text runs right to left ("rtl");
//   - Intl.supportedValuesOf of each key ("supported"), whose numbering systems are also the ones a -u-nu-
//     keyword may name;
//   - the locales ICU has a collator for, which Intl.Collator resolves to ("collators": en-GB is en), and the
//     order in which each sorts the scripts, by one letter of each ("scripts": the root order under "und",
//     then each collator locale whose order differs, as ru's Cyrillic before Latin).
//
// Run by gen/generate.sh:
//   node gen/localeinfo.js > localeinfo.json
"use strict";

const languages = require("../languages.json").languages.filter((l) => !l.includes("-"));
const { locales } = require("./available.json");

const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const areas = ["001", "002", "003", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029", "030",
  "034", "035", "039", "053", "054", "057", "061", "142", "143", "145", "150", "151", "154", "155", "202", "419"];
const regions = [];
for (const r of [...areas, ...[...A].flatMap((x) => [...A].map((y) => x + y))]) {
  try {
    new Intl.Locale("und-" + r);
    regions.push(r);
  } catch {} // a code ICU's parser refuses
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const week = (l) => {
  const w = l.weekInfo;
  return [w.firstDay, w.weekend, w.minimalDays];
};
// What a region ICU has no data for gets, through a language that adds nothing of its own.
const unknown = new Intl.Locale("en-ZZ");
const def = { ca: unknown.calendars, hc: unknown.hourCycles[0], wk: week(unknown) };

const byRegion = {};
for (const r of regions) {
  const l = new Intl.Locale("und-" + r);
  const e = {};
  if (!same(l.calendars, def.ca)) e.ca = l.calendars;
  if (!same(week(l), def.wk)) e.wk = week(l);
  if (l.timeZones && l.timeZones.length) e.tz = l.timeZones;
  if (Object.keys(e).length) byRegion[r] = e;
}

// The hour cycle of a region, read through a language whose own pairs do not override it: the one most
// languages give. The pairs that differ from it are recorded by language and region.
const hcOf = {};
const hc = {};
for (const r of regions) {
  const by = {}, n = {};
  for (const lang of languages) {
    const h = (by[lang] = new Intl.Locale(lang + "-" + r).hourCycles[0]);
    n[h] = (n[h] || 0) + 1;
  }
  const top = Object.keys(n).sort((a, b) => n[b] - n[a])[0];
  hcOf[r] = top;
  if (top !== def.hc) (byRegion[r] = byRegion[r] || {}).hc = top;
  for (const lang of languages) if (by[lang] !== top) hc[lang + "-" + r] = by[lang];
}

const co = {};
const rtl = [];
for (const tag of locales) {
  const l = new Intl.Locale(tag);
  if (!same(l.collations, ["emoji", "eor"])) co[tag] = l.collations;
  if (l.textInfo.direction === "rtl") rtl.push(tag);
}

const collators = locales.filter((l) => new Intl.Collator(l).resolvedOptions().locale === l);
// One letter of each script; Hiragana sorts in Katakana's group (Kana), as ICU's reordering has it.
const scriptLetters = { Latn: "a", Grek: "α", Cyrl: "а", Geor: "ა", Armn: "ա", Hebr: "א", Arab: "ا", Thaa: "ހ", Tfng: "ⴰ", Ethi: "አ",
  Deva: "क", Beng: "ক", Guru: "ਕ", Gujr: "ક", Orya: "କ", Taml: "க", Telu: "క", Knda: "ಕ", Mlym: "ക", Sinh: "ක", Thai: "ก", Laoo: "ກ",
  Tibt: "ཀ", Mymr: "က", Khmr: "ក", Mong: "ᠠ", Cher: "Ꭰ", Hang: "가", Kana: "ア", Bopo: "ㄅ", Hani: "中" };
const scriptOrder = (l) => Object.keys(scriptLetters).sort((x, y) => new Intl.Collator(l).compare(scriptLetters[x], scriptLetters[y])).join(" ");
const scripts = { und: scriptOrder("und") };
for (const l of collators) if (scriptOrder(l) !== scripts.und) scripts[l] = scriptOrder(l);
process.stdout.write(JSON.stringify({ icu: process.versions.icu, cldr: process.versions.cldr, def, regions: byRegion, hc, co, rtl, collators, scripts,
  supported: Object.fromEntries(["calendar", "collation", "currency", "numberingSystem", "timeZone", "unit"].map((k) => [k, Intl.supportedValuesOf(k)])) }) + "\n");
