// date.js: goja's Date prints zone abbreviations ("(EST)") where Node prints ICU's long names ("(Eastern
// Standard Time)"), and it cannot parse Node's own toString output. Both are fixed here; the time zone itself
// is the process zone (TZ) in both.
(function (host) {
  "use strict";
  const Native = globalThis.Date;
  const nativeToString = Native.prototype.toString;
  const nativeToTimeString = Native.prototype.toTimeString;
  const zone = /\(([^()]*)\)$/;
  const longZone = (s, d) => s.replace(zone, (_, abbr) => `(${host.zoneName(abbr, -Native.prototype.getTimezoneOffset.call(d))})`);
  const define = (name, fn) => Object.defineProperty(Native.prototype, name, { value: fn, writable: true, configurable: true });
  define("toString", function toString_() {
    return longZone(nativeToString.call(this), this);
  });
  Object.defineProperty(Native.prototype.toString, "name", { value: "toString" });
  define("toTimeString", function toTimeString() {
    return longZone(nativeToTimeString.call(this), this);
  });
  // Node accepts a trailing parenthesised comment (its own toString output); goja does not.
  const strip = (s) => s.replace(/\s*\([^()]*\)\s*$/, "");
  const nativeParse = Native.parse;
  Native.parse = function parse_(s) {
    return nativeParse(strip(String(s)));
  };
  Object.defineProperty(Native.parse, "name", { value: "parse" });
  // A plain function, not a Proxy: goja's instanceof only accepts real functions.
  function Date(...args) {
    if (new.target === undefined) return new Native().toString();
    if (args.length === 1 && typeof args[0] === "string") args = [strip(args[0])];
    return Reflect.construct(Native, args, new.target === Date ? Native : new.target);
  }
  Object.defineProperty(Date, "length", { value: 7 });
  Date.prototype = Native.prototype;
  Object.setPrototypeOf(Date, Native); // Date.now, Date.UTC, Date.parse
  Object.defineProperty(Native.prototype, "constructor", { value: Date, writable: true, configurable: true });
  Object.defineProperty(globalThis, "Date", { value: Date, writable: true, configurable: true });
});
