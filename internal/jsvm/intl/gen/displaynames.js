// displaynames.js extracts Intl.DisplayNames data from Node's ICU for the locales of gen/locales.js: the names
// of languages, regions, scripts, currencies, calendars and date-time fields in styles long, short and
// narrow (short and narrow only where they differ from long), the dialect names languageDisplay "dialect"
// uses (American English), and the pattern that composes a language with its script and region
// ("German (Latin, Austria)"). Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it; gen/pack stores its output under data/)
//
// Codes are enumerated: every two- and three-letter language code, every two-letter and UN M.49 region,
// every four-letter script; a code ICU has no name for (fallback "none" gives undefined) is left out.
// The composition is checked against Node on sample tags; if it fails, jsvm throws a RangeError for
// composed names in that locale.
"use strict";

const { LOCALES } = require("./cldr.js");

const a = "abcdefghijklmnopqrstuvwxyz";
const A = a.toUpperCase();
const LANGS = [];
for (const x of a) for (const y of a) {
  LANGS.push(x + y);
  for (const z of a) LANGS.push(x + y + z);
}
const REGIONS = [];
for (const x of A) for (const y of A) REGIONS.push(x + y);
for (let i = 0; i < 1000; i++) REGIONS.push(String(i).padStart(3, "0"));
const SCRIPTS = [];
for (const w of A) for (const x of a) for (const y of a) for (const z of a) SCRIPTS.push(w + x + y + z);
const CURRENCIES = [];
for (const x of A) for (const y of A) for (const z of A) CURRENCIES.push(x + y + z);
const CALENDARS = Intl.supportedValuesOf("calendar");
const FIELDS = ["era", "year", "quarter", "month", "weekOfYear", "weekday", "day", "dayPeriod", "hour", "minute", "second", "timeZoneName"];
const STYLES = ["long", "short", "narrow"];

function table(loc, type, codes, extra) {
  const out = {};
  const long = new Intl.DisplayNames(loc, { type, fallback: "none", ...extra });
  const known = codes.filter((c) => long.of(c) !== undefined);
  for (const style of STYLES) {
    const dn = new Intl.DisplayNames(loc, { type, style, fallback: "none", ...extra });
    const m = {};
    for (const c of known) {
      const v = dn.of(c);
      if (style === "long" || v !== out.long[c]) m[c] = v;
    }
    out[style] = m;
  }
  return out;
}

// Dialect keys (en-US, zh-Hans) are the same across locales; English finds them once.
function dialectKeys(langs, regions, scripts) {
  const d = new Intl.DisplayNames("en", { type: "language", fallback: "none" });
  const s = new Intl.DisplayNames("en", { type: "language", fallback: "none", languageDisplay: "standard" });
  const keys = [];
  for (const l of langs) {
    for (const r of [...regions, ...scripts]) {
      const tag = l + "-" + r;
      if (d.of(tag) !== s.of(tag)) keys.push(tag);
    }
  }
  return keys;
}

function languages(loc, keys, langs, names) {
  const out = {};
  for (const style of STYLES) {
    for (const display of ["dialect", "standard"]) {
      const dn = new Intl.DisplayNames(loc, { type: "language", style, languageDisplay: display, fallback: "none" });
      const m = {};
      for (const c of langs) {
        const v = dn.of(c);
        if (v === undefined) continue;
        if (!(style === "long" && display === "dialect") && v === out["long.dialect"][c]) continue;
        m[c] = v;
      }
      if (display === "dialect") {
        const sdn = new Intl.DisplayNames(loc, { type: "language", style, languageDisplay: "standard", fallback: "none" });
        for (const k of keys) {
          const v = dn.of(k);
          const std = sdn.of(k);
          if (v !== undefined && v !== std) m[k] = v;
        }
      }
      out[style + "." + display] = m;
    }
  }
  // The composition pattern and separator, from a tag with a script and a region.
  const std = new Intl.DisplayNames(loc, { type: "language", languageDisplay: "standard" }).of("de-Latn-AT");
  const L = names.language.long.de, S = names.script.long.Latn, R = names.region.long.AT;
  const i = std.indexOf(S), j = std.indexOf(R);
  if (i >= 0 && j > i && std.includes(L)) {
    out.separator = std.slice(i + S.length, j);
    out.pattern = std.replace(S + out.separator + R, "{1}").replace(L, "{0}");
  }
  return out;
}

const out = { icu: process.versions.icu, locales: {} };
const en = (type) => new Intl.DisplayNames("en", { type, fallback: "none" });
const enLanguage = en("language"), enRegion = en("region"), enScript = en("script"), enCurrency = en("currency");
const langs0 = LANGS.filter((c) => enLanguage.of(c) !== undefined);
const regions0 = REGIONS.filter((c) => enRegion.of(c) !== undefined);
const scripts0 = SCRIPTS.filter((c) => enScript.of(c) !== undefined);
const keys = dialectKeys(langs0.filter((l) => l.length === 2 || Intl.NumberFormat.supportedLocalesOf([l]).length), regions0, scripts0);
const currencies0 = CURRENCIES.filter((c) => enCurrency.of(c) !== undefined);
// Other locales are asked only about the codes English names (English names the most): the full
// enumeration takes minutes per locale, this seconds.
for (const loc of LOCALES) {
  const names = {
    region: table(loc, "region", regions0),
    script: table(loc, "script", scripts0),
    currency: table(loc, "currency", currencies0),
    // ICU answers a lower-case code from root's table ("EUR" for "eur" in a locale without currency
    // names) and V8 returns that even with fallback "none", as it differs from the code asked.
    currencyRoot: currencies0.filter((c) => new Intl.DisplayNames(loc, { type: "currency", fallback: "none" }).of(c) === undefined && new Intl.DisplayNames(loc, { type: "currency", fallback: "none" }).of(c.toLowerCase()) === c),
    calendar: table(loc, "calendar", CALENDARS),
    dateTimeField: table(loc, "dateTimeField", FIELDS),
  };
  const lt = table(loc, "language", langs0);
  names.language = lt;
  names.languages = languages(loc, keys, LANGS.filter((c) => lt.long[c] !== undefined), names);
  delete names.language;
  out.locales[loc] = names;
}
process.stdout.write(JSON.stringify(out) + "\n");
