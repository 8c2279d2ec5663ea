// intl.js: ECMA-402's constructors (NumberFormat, DateTimeFormat, PluralRules, Collator, ListFormat,
// RelativeTimeFormat, DisplayNames, Locale), formatted in Go from CLDR data, and the locale-sensitive
// methods of Number, Date and String routed through them.
(function (host) {
  "use strict";
  const I = host.intl;
  const slot = new WeakMap();
  const handle = (o, C) => {
    const h = slot.get(o);
    if (!h) throw new TypeError(`Method ${C}.prototype called on incompatible receiver ${String(o)}`);
    return h;
  };
  const toNumber = (x) => (typeof x === "bigint" ? Number(x) : Number(x));
  // shown is how V8 writes a value in an error message ("#<Object>" for an object).
  const shown = (x) => {
    if (typeof x === "object" && x !== null) {
      const c = x.constructor;
      return `#<${(typeof c === "function" && c.name) || "Object"}>`;
    }
    return String(x);
  };
  const methodHandle = (o, C, m) => {
    const h = slot.get(o);
    if (!h) throw new TypeError(`Method ${C}.prototype.${m} called on incompatible receiver ${shown(o)}`);
    return h;
  };

  // numberRange converts formatRange's arguments as V8 does: undefined is a TypeError, NaN a RangeError.
  const numberRange = (start, end) => {
    if (start === undefined) throw new TypeError("Invalid start : undefined");
    if (end === undefined) throw new TypeError("Invalid end : undefined");
    const x = toNumber(start), y = toNumber(end);
    if (Number.isNaN(x)) throw new RangeError("Invalid start : " + shown(start));
    if (Number.isNaN(y)) throw new RangeError("Invalid end : " + shown(end));
    return [x, y];
  };
  class NumberFormat {
    constructor(locales, options) {
      slot.set(this, I.numberFormat(locales, options));
    }
    get format() {
      const h = handle(this, "Intl.NumberFormat");
      return (x) => I.formatNumber(h, toNumber(x));
    }
    formatToParts(x) {
      return I.formatNumberToParts(handle(this, "Intl.NumberFormat"), toNumber(x));
    }
    formatRange(start, end) {
      const h = methodHandle(this, "Intl.NumberFormat", "formatRange");
      return I.formatNumberRange(h, ...numberRange(start, end));
    }
    formatRangeToParts(start, end) {
      const h = methodHandle(this, "Intl.NumberFormat", "formatRangeToParts");
      return I.formatNumberRangeToParts(h, ...numberRange(start, end));
    }
    resolvedOptions() {
      return I.resolvedNumber(handle(this, "Intl.NumberFormat"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  const dateValue = (d) => (d === undefined ? Date.now() : d instanceof Date ? d.getTime() : Number(d));
  const dateRange = (start, end) => {
    if (start === undefined || end === undefined) throw new TypeError("Invalid time value");
    for (const d of [start, end]) if (typeof d === "bigint") throw new TypeError("Cannot convert a BigInt value to a number");
    return [dateValue(start), dateValue(end)];
  };
  class DateTimeFormat {
    constructor(locales, options) {
      slot.set(this, I.dateFormat(locales, options, "any", "date"));
    }
    get format() {
      const h = handle(this, "Intl.DateTimeFormat");
      return (d) => I.formatDate(h, dateValue(d));
    }
    formatToParts(d) {
      return I.formatDateToParts(handle(this, "Intl.DateTimeFormat"), dateValue(d));
    }
    formatRange(start, end) {
      const h = methodHandle(this, "Intl.DateTimeFormat", "formatRange");
      return I.formatDateRange(h, ...dateRange(start, end));
    }
    formatRangeToParts(start, end) {
      const h = methodHandle(this, "Intl.DateTimeFormat", "formatRangeToParts");
      return I.formatDateRangeToParts(h, ...dateRange(start, end));
    }
    resolvedOptions() {
      return I.resolvedDate(handle(this, "Intl.DateTimeFormat"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  class PluralRules {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
      slot.set(this, I.pluralRules(locales, options));
    }
    select(n) {
      return I.selectPlural(handle(this, "Intl.PluralRules"), Number(n));
    }
    resolvedOptions() {
      return I.resolvedPlural(handle(this, "Intl.PluralRules"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  class Collator {
    constructor(locales, options) {
      slot.set(this, I.collator(locales, options));
    }
    get compare() {
      const h = handle(this, "Intl.Collator");
      return (a, b) => I.compare(h, String(a), String(b));
    }
    resolvedOptions() {
      return I.resolvedCollator(handle(this, "Intl.Collator"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  const strings = (list) => {
    const out = [];
    for (const x of list === undefined ? [] : list) {
      if (typeof x !== "string") throw new TypeError(`Iterable yielded ${String(x)} which is not a string`);
      out.push(x);
    }
    return out;
  };
  class ListFormat {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.ListFormat requires 'new'");
      slot.set(this, I.listFormat(locales, options));
    }
    format(list) {
      return I.formatList(handle(this, "Intl.ListFormat"), strings(list));
    }
    formatToParts(list) {
      return I.formatListToParts(handle(this, "Intl.ListFormat"), strings(list));
    }
    resolvedOptions() {
      return I.resolvedList(handle(this, "Intl.ListFormat"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  class RelativeTimeFormat {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.RelativeTimeFormat requires 'new'");
      slot.set(this, I.relativeFormat(locales, options));
    }
    format(value, unit) {
      return I.formatRelative(handle(this, "Intl.RelativeTimeFormat"), Number(value), String(unit));
    }
    formatToParts() {
      handle(this, "Intl.RelativeTimeFormat");
      throw new RangeError("jsvm Intl: RelativeTimeFormat.prototype.formatToParts is not supported");
    }
    resolvedOptions() {
      return I.resolvedRelative(handle(this, "Intl.RelativeTimeFormat"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  class DisplayNames {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.DisplayNames requires 'new'");
      slot.set(this, I.displayNames(locales, options));
    }
    of(code) {
      return I.displayName(handle(this, "Intl.DisplayNames"), code);
    }
    resolvedOptions() {
      return I.resolvedDisplay(handle(this, "Intl.DisplayNames"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  // Intl.Segmenter: Go finds the boundaries (UTF-16 offsets) once per segment() call, on first use.
  const loneSurrogate = (s) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
        else return true;
      } else if (c >= 0xdc00 && c <= 0xdfff) return true;
    }
    return false;
  };
  const segmentsOf = new WeakMap();
  const segmentData = (st, i) => {
    const start = st.bounds[2 * i], end = i + 1 < st.bounds.length / 2 ? st.bounds[2 * i + 2] : st.input.length;
    const d = { segment: st.input.slice(start, end), index: start, input: st.input };
    if (st.word) d.isWordLike = st.bounds[2 * i + 1] === 1;
    return d;
  };
  const segmentState = (o) => {
    const st = segmentsOf.get(o);
    if (!st) throw new TypeError(`Method %Segments.prototype%.containing called on incompatible receiver ${shown(o)}`);
    if (!st.bounds) st.bounds = st.input === "" ? [] : I.segments(st.h, st.input);
    return st;
  };
  const SegmentIteratorPrototype = {
    next() {
      const st = segmentsOf.get(this);
      if (!st) throw new TypeError(`Method %SegmentIterator.prototype%.next called on incompatible receiver ${shown(this)}`);
      const s = segmentState(st.segments);
      if (st.pos >= s.bounds.length / 2) return { value: undefined, done: true };
      return { value: segmentData(s, st.pos++), done: false };
    },
  };
  Object.defineProperty(SegmentIteratorPrototype, "next", { enumerable: false });
  Object.defineProperty(SegmentIteratorPrototype, Symbol.toStringTag, { value: "Segmenter String Iterator", configurable: true });
  Object.setPrototypeOf(SegmentIteratorPrototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  const SegmentsPrototype = {
    containing(index) {
      const st = segmentState(this);
      let n = Number(index);
      n = Number.isNaN(n) ? 0 : Math.trunc(n);
      if (n < 0 || n >= st.input.length) return undefined;
      let lo = 0, hi = st.bounds.length / 2 - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (st.bounds[2 * mid] <= n) lo = mid;
        else hi = mid - 1;
      }
      return segmentData(st, lo);
    },
    [Symbol.iterator]() {
      segmentState(this);
      const it = Object.create(SegmentIteratorPrototype);
      segmentsOf.set(it, { segments: this, pos: 0 });
      return it;
    },
  };
  for (const k of ["containing", Symbol.iterator]) Object.defineProperty(SegmentsPrototype, k, { enumerable: false });
  class Segmenter {
    constructor(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.Segmenter requires 'new'");
      slot.set(this, I.segmenter(locales, options));
    }
    segment(string) {
      const h = methodHandle(this, "Intl.Segmenter", "segment");
      const input = String(string);
      if (loneSurrogate(input)) throw new RangeError("jsvm Intl: Intl.Segmenter does not support strings with lone surrogates");
      const o = Object.create(SegmentsPrototype);
      segmentsOf.set(o, { h, input, word: I.resolvedSegmenter(h).granularity === "word", bounds: null });
      return o;
    }
    resolvedOptions() {
      return I.resolvedSegmenter(methodHandle(this, "Intl.Segmenter", "resolvedOptions"));
    }
    static supportedLocalesOf(locales) {
      return I.supportedLocales(locales);
    }
  }

  // Intl.Locale holds its canonical tag (from Go); the parts are read from it.
  const subtags = (tag) => {
    const [base, ...rest] = tag.split(/-(?=[a-wyz0-9]-|x-)/i);
    const b = base.split("-");
    const out = { language: b[0], script: undefined, region: undefined, baseName: base, keywords: {} };
    for (const x of b.slice(1)) {
      if (/^[a-z]{4}$/i.test(x)) out.script = x;
      else if (/^(?:[a-z]{2}|\d{3})$/i.test(x)) out.region = x;
    }
    for (const ext of rest) {
      if (!/^u-/i.test(ext)) continue;
      const f = ext.split("-").slice(1);
      let k = null;
      for (const x of f) {
        if (x.length === 2) {
          k = x;
          out.keywords[k] = "";
        } else if (k) out.keywords[k] = out.keywords[k] ? out.keywords[k] + "-" + x : x;
      }
    }
    return out;
  };
  const localeTag = new WeakMap();
  const tagOf = (o, m) => {
    const t = localeTag.get(o);
    if (t === undefined) throw new TypeError(`Method Intl.Locale.prototype${m ? "." + m : ""} called on incompatible receiver ${m ? shown(o) : String(o)}`);
    return t;
  };
  class Locale {
    constructor(tag, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.Locale requires 'new'");
      if (typeof tag !== "string" && !(typeof tag === "object" && tag !== null)) throw new TypeError("First argument to Intl.Locale constructor can't be empty or missing");
      localeTag.set(this, I.locale(localeTag.has(tag) ? localeTag.get(tag) : tag, options));
    }
    toString() {
      return tagOf(this);
    }
    maximize() {
      return new Locale(I.maximizeLocale(tagOf(this)));
    }
    minimize() {
      return new Locale(I.minimizeLocale(tagOf(this)));
    }
    get baseName() {
      return subtags(tagOf(this)).baseName;
    }
    get language() {
      const l = subtags(tagOf(this)).language;
      return l === "und" ? undefined : l;
    }
    get script() {
      return subtags(tagOf(this)).script;
    }
    get region() {
      return subtags(tagOf(this)).region;
    }
    get calendar() {
      return subtags(tagOf(this)).keywords.ca;
    }
    get collation() {
      return subtags(tagOf(this)).keywords.co;
    }
    get hourCycle() {
      return subtags(tagOf(this)).keywords.hc;
    }
    get caseFirst() {
      return subtags(tagOf(this)).keywords.kf;
    }
    get numeric() {
      const k = subtags(tagOf(this)).keywords.kn;
      return k === "" || k === "true";
    }
    get numberingSystem() {
      return subtags(tagOf(this)).keywords.nu;
    }
  }
  // Node 20's info getters (later Node versions call them getCalendars() and so on): fresh values from Go on
  // every read, as V8 makes them.
  for (const name of ["calendars", "collations", "hourCycles", "numberingSystems", "textInfo", "timeZones", "weekInfo"]) {
    const get = function () {
      return I.localeInfo(tagOf(this, name), name);
    };
    Object.defineProperty(get, "name", { value: "get " + name });
    Object.defineProperty(Locale.prototype, name, { get, configurable: true });
  }

  // Intl constructors may be called without new (except PluralRules). Plain functions sharing the class
  // prototype keep instanceof working (goja's instanceof rejects Proxies).
  const callable = (C) => {
    const F = function (locales, options) {
      return Reflect.construct(C, [locales, options], new.target === undefined || new.target === F ? C : new.target);
    };
    Object.defineProperty(F, "name", { value: C.name });
    F.prototype = C.prototype;
    Object.defineProperty(C.prototype, "constructor", { value: F, writable: true, configurable: true });
    F.supportedLocalesOf = C.supportedLocalesOf;
    return F;
  };
  // requiresNew is callable for constructors that must be called with new: V8's own TypeError, not goja's.
  const requiresNew = (C) => {
    const F = function (locales, options) {
      if (new.target === undefined) throw new TypeError(`Constructor Intl.${C.name} requires 'new'`);
      return Reflect.construct(C, [locales, options], new.target === F ? C : new.target);
    };
    Object.defineProperty(F, "name", { value: C.name });
    F.prototype = C.prototype;
    Object.defineProperty(C.prototype, "constructor", { value: F, writable: true, configurable: true });
    F.supportedLocalesOf = C.supportedLocalesOf;
    return F;
  };
  for (const C of [NumberFormat, DateTimeFormat, PluralRules, Collator, ListFormat, RelativeTimeFormat, DisplayNames, Locale, Segmenter]) {
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: "Intl." + C.name, configurable: true });
  }
  // The namespace's members are non-enumerable and in V8's order, as on every built-in object
  // (Object.keys(Intl) is empty in Node).
  const Intl = {};
  for (const [name, value] of [
    ["getCanonicalLocales", { getCanonicalLocales: (locales) => I.canonicalLocales(locales) }.getCanonicalLocales],
    [
      "supportedValuesOf",
      {
        supportedValuesOf(key) {
          return I.supportedValues(`${key}`);
        },
      }.supportedValuesOf,
    ],
    ["DateTimeFormat", callable(DateTimeFormat)],
    ["NumberFormat", callable(NumberFormat)],
    ["Collator", callable(Collator)],
    ["PluralRules", PluralRules],
    ["RelativeTimeFormat", RelativeTimeFormat],
    ["ListFormat", ListFormat],
    ["Locale", Locale],
    ["DisplayNames", DisplayNames],
    ["Segmenter", requiresNew(Segmenter)],
  ]) {
    Object.defineProperty(Intl, name, { value, writable: true, configurable: true });
  }
  Object.defineProperty(Intl, Symbol.toStringTag, { value: "Intl", configurable: true });
  Object.defineProperty(globalThis, "Intl", { value: Intl, writable: true, configurable: true });

  const define = (proto, name, fn) => Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  define(Number.prototype, "toLocaleString", function toLocaleString(locales, options) {
    return I.formatNumber(I.numberFormat(locales, options, "Number.prototype.toLocaleString"), Number.prototype.valueOf.call(this));
  });
  const dateMethod = (name, required, defaults) =>
    define(Date.prototype, name, {
      [name](locales, options) {
        const t = Date.prototype.getTime.call(this);
        if (isNaN(t)) return "Invalid Date";
        return I.formatDate(I.dateFormat(locales, options, required, defaults, "Date.prototype." + name), t);
      },
    }[name]);
  dateMethod("toLocaleString", "any", "all");
  dateMethod("toLocaleDateString", "date", "date");
  dateMethod("toLocaleTimeString", "time", "time");
  define(String.prototype, "localeCompare", function localeCompare(that, locales, options) {
    if (this == null) throw new TypeError("String.prototype.localeCompare called on null or undefined");
    return I.compare(I.collator(locales, options, "String.prototype.localeCompare"), String(this), String(that));
  });
});
