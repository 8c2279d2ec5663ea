// zones.js extracts time zone names for Intl.DateTimeFormat's timeZoneName "short" and "long" from Node's
// ICU: per locale, the localized GMT format (learned from Etc/GMT±N and verified on every whole and
// half-hour offset) and the zones whose names differ from it ("EST"/"EDT", "MEZ"/"MESZ"), as the names in
// January and July 2024 (standard and daylight time); and the date patterns with a time zone name for the
// option sets components use (every time field combination, alone or with a numeric or named date),
// extracted and verified as gen/cldr.js does. Run by:
//   go generate ./internal/jsvm/intl   (gen/generate.sh runs it; gen/pack stores its output under data/)
"use strict";

const cldr = require("./cldr.js");
const LOCALES = cldr.LOCALES;
const GENERATED = require(process.env.INTL_CLDR_JSON); // cldr.js's output (gen/generate.sh sets the path)
const JAN = Date.UTC(2024, 0, 15, 12), JUL = Date.UTC(2024, 6, 15, 12);
// Formatters are cached per locale, zone and width (each is asked about January and July).
const zoneFormats = new Map();
const zoneName = (loc, timeZone, width, t) => {
  const k = loc + "|" + timeZone + "|" + width;
  let f = zoneFormats.get(k);
  if (!f) {
    if (zoneFormats.size > 4000) zoneFormats.clear();
    f = new Intl.DateTimeFormat(loc, { timeZone, timeZoneName: width, hour: "numeric" });
    zoneFormats.set(k, f);
  }
  return f.formatToParts(t).find((p) => p.type === "timeZoneName").value;
};
const digits = (loc) => [...Array(10).keys()].map((i) => new Intl.NumberFormat(loc, { useGrouping: false }).format(i)).join("");

function generic(g, minutes, dg) {
  if (minutes === 0) return g.zero;
  const sign = minutes < 0 ? g.minus : g.plus;
  const m = Math.abs(minutes);
  const h = Math.floor(m / 60), mm = m % 60;
  const two = (x) => String(x).padStart(2, "0");
  const s = g.long ? two(h) + ":" + two(mm) : String(h) + (mm ? ":" + two(mm) : "");
  return g.prefix + sign + s.replace(/\d/g, (d) => dg[d]);
}

function learn(loc, width) {
  const dg = digits(loc);
  const plus = zoneName(loc, "Etc/GMT-5", width, JAN); // Etc/GMT-5 is UTC+5
  const minus = zoneName(loc, "Etc/GMT+5", width, JAN);
  const long = width === "long" || width === "longOffset" || width === "longGeneric";
  const five = long ? dg[0] + dg[5] + ":" + dg[0] + dg[0] : dg[5];
  if (!plus.endsWith(five) || !minus.endsWith(five)) return null;
  const a = plus.slice(0, -five.length), b = minus.slice(0, -five.length);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const g = { prefix: a.slice(0, i), plus: a.slice(i), minus: b.slice(i), zero: zoneName(loc, "Etc/GMT", width, JAN), long };
  for (let h = -12; h <= 14; h++) {
    const z = h === 0 ? "Etc/GMT" : `Etc/GMT${h > 0 ? "-" : "+"}${Math.abs(h)}`;
    if (zoneName(loc, z, width, JAN) !== generic(g, h * 60, dg)) return null;
  }
  // Half-hour offsets check the minutes, where the width names no zone by name ("long" names these).
  const off = (z) => ({ "Asia/Kolkata": "Etc/GMT-5", "Asia/Kathmandu": "Etc/GMT-5", "America/St_Johns": "Etc/GMT+3" })[z];
  for (const [z, m] of [["Asia/Kolkata", 330], ["Asia/Kathmandu", 345], ["America/St_Johns", -210]]) {
    if ((width === "long" || width.endsWith("Generic")) && !/\d/.test(zoneName(loc, z, width, JAN).replace(zoneName(loc, off(z), width, JAN), ""))) continue;
    if (zoneName(loc, z, width, JAN) !== generic(g, m, dg)) return null;
  }
  return g;
}

// offsetMinutes does not depend on the locale: it is computed once per zone and instant.
const offsets = new Map();
function offsetMinutes(timeZone, t) {
  const k = timeZone + "|" + t;
  if (!offsets.has(k)) offsets.set(k, offsetMinutesOf(timeZone, t));
  return offsets.get(k);
}

function offsetMinutesOf(timeZone, t) {
  const p = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(t);
  const v = (k) => Number(p.find((x) => x.type === k).value);
  return Math.round((Date.UTC(v("year"), v("month") - 1, v("day"), v("hour"), v("minute"), v("second")) - t) / 60000);
}

// patterns extracts the date patterns with timeZoneName=width for the option sets components use.
function patterns(loc, width) {
  const n = cldr.names(loc);
  const dates = [{}, { year: "numeric", month: "2-digit", day: "2-digit" }, { year: "numeric", month: "numeric", day: "numeric" },
    { year: "numeric", month: "short", day: "numeric" }];
  const out = {};
  for (const d of dates) {
    for (const t of cldr.timeKeys().map(cldr.clean)) {
      if (!t.hour || (t.second && !t.minute)) continue; // hour, hour:minute, hour:minute:second
      const o = { ...d, ...t, timeZoneName: width };
      const p = cldr.pattern(loc, o, n);
      // A pattern that cannot be extracted is recorded as "": jsvm throws for it rather than guess (el
      // writes some zone names in parentheses, in some patterns only).
      out[cldr.key(o)] = p && cldr.verified(loc, o, p, n) ? p : "";
    }
  }
  // Keep only patterns that the pattern without the zone name plus " {z:width}" does not predict (jsvm
  // makes the same prediction for other keys; cldr.json holds the patterns without a zone name).
  const gen = GENERATED.locales[loc] || { patterns: {}, glue: {} };
  const DATE = ["weekday", "year", "month", "day"];
  const compose = (k) => {
    if (gen.patterns[k] !== undefined) return gen.patterns[k];
    const fields = k.split(",");
    const d = fields.filter((f) => DATE.includes(f.split("=")[0])).join(","), t = fields.filter((f) => !DATE.includes(f.split("=")[0])).join(",");
    const vals = Object.fromEntries(fields.map((f) => f.split("=")));
    const cls = vals.month === "long" && vals.weekday === "long" ? "full" : vals.month === "long" ? "long" : vals.month === "short" ? "medium" : "short";
    const g = gen.glue[cls];
    if (!d || !t || !g || gen.patterns[d] === undefined || gen.patterns[t] === undefined) return undefined;
    return g.replace("{1}", gen.patterns[d]).replace("{0}", gen.patterns[t]);
  };
  for (const k of Object.keys(out)) {
    const without = compose(k.replace(`,timeZoneName=${width}`, ""));
    if (out[k] !== "" && without !== undefined && without + ` {z:${width}}` === out[k]) delete out[k];
  }
  return out;
}

// ICU lists its canonical IDs (Asia/Calcutta); components name the current ones too (Asia/Kolkata).
const ALIASES = ["UTC", "Etc/UTC", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "Europe/Kyiv",
  "America/Nuuk", "Atlantic/Faroe", "Pacific/Chuuk", "Pacific/Pohnpei", "Pacific/Kanton", "America/Argentina/Buenos_Aires",
  "America/Argentina/Cordoba", "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "Asia/Thimphu", "Asia/Dhaka",
  "Asia/Ulaanbaatar", "Asia/Macau", "Africa/Asmara", "America/Atikokan", "Europe/Busingen"];
const zones = [...new Set([...Intl.supportedValuesOf("timeZone"), ...ALIASES])];
const out = { icu: process.versions.icu, tz: process.versions.tz, locales: {} };
for (const loc of LOCALES) {
  const dg = digits(loc);
  const l = {};
  for (const width of ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"]) {
    const g = learn(loc, width);
    if (!g) continue;
    const names = {};
    for (const z of zones) {
      const pair = [JAN, JUL].map((t) => zoneName(loc, z, width, t));
      const gen = [JAN, JUL].map((t) => generic(g, offsetMinutes(z, t), dg));
      if (pair[0] !== gen[0] || pair[1] !== gen[1]) names[z] = pair;
    }
    l[width] = { gmt: g, names, patterns: patterns(loc, width) };
  }
  out.locales[loc] = l;
}
process.stdout.write(JSON.stringify(out) + "\n");
