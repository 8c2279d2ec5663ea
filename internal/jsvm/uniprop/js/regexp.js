// regexp.js: goja's regexp engines do not know Unicode property escapes (\p{L} silently never matches), so
// RegExp is wrapped: with the u or v flag, \p{...} and \P{...} are expanded in Go into explicit code point
// classes. esbuild lowers regex literals using them to `new RegExp(...)` calls, which land here. The wrapper
// shares RegExp.prototype, so instanceof, RegExp.prototype, static properties and calls without new keep working.
(function (host) {
  "use strict";
  const Native = globalThis.RegExp;
  const rewrite = (args) => {
    let [pattern, flags] = args;
    if (pattern instanceof Native) {
      if (flags === undefined) flags = pattern.flags;
      pattern = pattern.source;
    } else {
      pattern = pattern === undefined ? "" : String(pattern);
    }
    flags = flags === undefined ? "" : String(flags);
    if (!/[uv]/.test(flags) || !/\\[pP]\{/.test(pattern)) return args;
    return [host.expandRegExp(pattern), flags.replace("v", "u")];
  };
  // A plain function, not a Proxy: goja's instanceof only accepts real functions.
  function RegExp(pattern, flags) {
    if (new.target === undefined && pattern instanceof Native && flags === undefined && pattern.constructor === RegExp) {
      return pattern;
    }
    const target = new.target === undefined || new.target === RegExp ? Native : new.target;
    return Reflect.construct(Native, rewrite([pattern, flags]), target);
  }
  // source and toString show the pattern as written, as in V8: code that rebuilds a regexp from its source
  // (highlight.js does new RegExp(re.toString() + "|"), without the u flag) must not see the expansion.
  const nativeSource = Object.getOwnPropertyDescriptor(Native.prototype, "source").get;
  Object.defineProperty(Native.prototype, "source", {
    get: function source() {
      return host.originalSource(nativeSource.call(this));
    },
    configurable: true,
  });
  Object.defineProperty(Native.prototype, "toString", {
    value: function toString() {
      return "/" + this.source + "/" + this.flags;
    },
    writable: true,
    configurable: true,
  });
  RegExp.prototype = Native.prototype;
  Object.setPrototypeOf(RegExp, Native); // statics such as Symbol.species
  Object.defineProperty(Native.prototype, "constructor", { value: RegExp, writable: true, configurable: true });
  Object.defineProperty(globalThis, "RegExp", { value: RegExp, writable: true, configurable: true });
});
