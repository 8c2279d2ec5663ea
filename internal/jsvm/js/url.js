// url.js: URL and URLSearchParams come from goja_nodejs (WHATWG-style, Go-backed). Two of its gaps are closed
// here: relative input against a base (it resolved "../x" as "/x") and href not reflecting searchParams edits.
(function (host) {
  "use strict";
  const NativeURL = globalThis.URL;
  const href = Object.getOwnPropertyDescriptor(NativeURL.prototype, "href"); // not configurable
  function URL(input, base) {
    if (new.target === undefined) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
    if (base !== undefined) input = host.resolveURL(String(input), String(base));
    return Reflect.construct(NativeURL, [input], new.target);
  }
  URL.prototype = Object.create(NativeURL.prototype, {
    constructor: { value: URL, writable: true, configurable: true },
    href: {
      get() {
        void this.search; // syncs the query from searchParams
        return href.get.call(this);
      },
      set: href.set,
      enumerable: true,
      configurable: true,
    },
  });
  Object.setPrototypeOf(URL, NativeURL);
  URL.canParse = function canParse(input, base) {
    try {
      new URL(input, base);
      return true;
    } catch {
      return false;
    }
  };
  Object.defineProperty(globalThis, "URL", { value: URL, writable: true, configurable: true });
});
