// localeinfo.js runs in goja (after intl.Install) and in Node: the Intl.Locale info getters (calendars,
// collations, hourCycles, numberingSystems, textInfo, timeZones, weekInfo) and Intl.supportedValuesOf.
// The tags: every generated locale; every language with its likely region, with a spread of other
// regions, and with scripts that are and are not its own; Unicode extension keywords that change the
// answers (ca, co, fw, hc, nu, rg, sd) and values ICU rejects; tags ICU has no data for. One line per
// tag and getter: the JSON of the value, or "THROW " with the error's name and message.
(function localeinfo({ locales, languages }) {
  const out = [];
  const run = (label, f) => {
    let r;
    try {
      r = JSON.stringify(f());
    } catch (e) {
      r = "THROW " + e.name + ": " + e.message;
    }
    out.push(label + " => " + r);
  };
  const getters = ["calendars", "collations", "hourCycles", "numberingSystems", "textInfo", "timeZones", "weekInfo"];
  const tags = new Set(locales);
  const regions = ["US", "GB", "DE", "IN", "IR", "AF", "SA", "EG", "MA", "IL", "TH", "JP", "CN", "TW", "HK", "BR", "MX",
    "CA", "CH", "ES", "FR", "RU", "KR", "VN", "ET", "MV", "NP", "PK", "AE", "QA", "BD", "MM", "ZA", "NG", "AU", "001",
    "150", "419", "ZZ", "AQ", "XK"];
  const scripts = ["Latn", "Arab", "Cyrl", "Hebr", "Hant", "Hans", "Deva", "Thaa"];
  for (const l of languages) {
    tags.add(l);
    for (const r of regions) tags.add(l + "-" + r);
    for (const s of scripts) tags.add(l + "-" + s);
  }
  const keyed = ["en", "en-US", "de-DE", "ar-EG", "fa", "th-TH", "zh-TW", "ja", "hi-IN", "en-GB"];
  const keywords = ["ca-buddhist", "ca-iso8601", "ca-iso8601-fw-sun", "ca-islamicc", "ca-ethiopic-amete-alem", "ca",
    "fw-mon", "fw-sat", "fw-xyz", "fw", "hc-h11", "hc-h24", "co-phonebk", "co-standard", "co", "nu-arab", "nu-thai",
    "nu-xyz", "kn", "kf-upper", "rg-gbzzzz", "rg-irzzzz", "rg-zzzzzz", "sd-thbkk", "sd-usca", "rg-thzzzz-sd-gbsct",
    "mu-celsius", "ca-gregory-hc-h23-nu-latn"];
  for (const b of keyed) for (const k of keywords) tags.add(b + "-u-" + k);
  for (const t of ["und", "xx", "xx-IR", "xx-Arab", "und-Arab", "und-IR", "und-Hebr-IL", "en-US-posix", "en-Arab-IR",
    "he-Latn", "ar-Cyrl", "ar-Latn-EG", "sr-Latn-ME", "zh-Hant-CN", "pa-Arab", "uz-Arab-AF", "ks-Deva", "az-Arab",
    "en-US-x-private", "de-u-co-phonebk-x-foo", "en-a-bbb-u-ca-buddhist"]) tags.add(t);
  for (const tag of tags) {
    let l;
    try {
      l = new Intl.Locale(tag);
    } catch (e) {
      out.push(tag + " => THROW " + e.name);
      continue;
    }
    for (const g of getters) run(tag + " " + g, () => l[g]);
  }
  const d = Object.getOwnPropertyDescriptor(Intl.Locale.prototype, "weekInfo");
  run("weekInfo descriptor", () => [typeof d.get, d.get.name, d.set, d.enumerable, d.configurable]);
  const en = new Intl.Locale("en-US");
  run("fresh arrays", () => en.calendars !== en.calendars && en.weekInfo !== en.weekInfo);
  run("receiver", () => Object.getOwnPropertyDescriptor(Intl.Locale.prototype, "calendars").get.call({}));
  for (const k of ["calendar", "collation", "currency", "numberingSystem", "timeZone", "unit", "region", "", undefined, "Calendar"]) {
    run("supportedValuesOf " + k, () => Intl.supportedValuesOf(k));
  }
  run("supportedValuesOf symbol", () => Intl.supportedValuesOf(Symbol("k")));
  run("supportedValuesOf fresh", () => Intl.supportedValuesOf("unit") !== Intl.supportedValuesOf("unit"));
  run("supportedValuesOf shape", () => [Intl.supportedValuesOf.name, Intl.supportedValuesOf.length]);
  return out.join("\n");
})
