// builtins.js: goja built-ins that disagree with V8 where components notice.
// - %TypedArray%.from rejects primitive sources; the spec takes any iterable or array-like, so
//   Uint8Array.from(binaryString, (c) => c.charCodeAt(0)) (the usual atob round trip) throws in goja.
// - Date.prototype.toISOString prints years -9999..-1 with four digits; the spec's four-digit form is for
//   0..9999 only, other years are signed and six digits ("-000001-01-01T00:00:00.000Z"). toJSON looks
//   toISOString up on the object, so it follows.
(function (host) {
  "use strict";
  const define = (obj, name, fn) => Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true });

  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const nativeFrom = TypedArray.from;
  define(TypedArray, "from", {
    from(source, mapFn, thisArg) {
      if (source !== null && source !== undefined && typeof source !== "object" && typeof source !== "function") {
        source = Object(source); // strings iterate by code point via String.prototype[Symbol.iterator]
      }
      return arguments.length > 1 ? nativeFrom.call(this, source, mapFn, thisArg) : nativeFrom.call(this, source);
    },
  }.from);

  const nativeISO = Date.prototype.toISOString;
  const getUTCFullYear = Date.prototype.getUTCFullYear;
  define(Date.prototype, "toISOString", {
    toISOString() {
      const s = nativeISO.call(this);
      const y = getUTCFullYear.call(this);
      if (y >= 0 && y <= 9999) return s;
      const sign = y < 0 ? "-" : "+";
      return sign + String(Math.abs(y)).padStart(6, "0") + s.slice(s.indexOf("-", 1));
    },
  }.toISOString);
});
