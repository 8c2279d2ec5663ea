// url.js: URL and URLSearchParams come from goja_nodejs (WHATWG-style, Go-backed). Its gaps are closed here:
// - relative input against a base (it resolved "../x" as "/x");
// - href not reflecting searchParams edits;
// - userinfo is percent-encoded as WHATWG does ("pa ss" -> "pa%20ss") instead of being rejected;
// - an empty query or fragment ("z?#") is kept in href, as Node keeps it;
// - URLSearchParams serializes as application/x-www-form-urlencoded ("+" is "%2B");
// - parse failures are Node's TypeError [ERR_INVALID_URL] "Invalid URL", never a message about a base.
(function (host) {
  "use strict";
  const NativeURL = globalThis.URL;
  const Params = globalThis.URLSearchParams;
  const href = Object.getOwnPropertyDescriptor(NativeURL.prototype, "href"); // not configurable
  const search = Object.getOwnPropertyDescriptor(NativeURL.prototype, "search");
  const username = Object.getOwnPropertyDescriptor(NativeURL.prototype, "username");
  const password = Object.getOwnPropertyDescriptor(NativeURL.prototype, "password");
  const hash = Object.getOwnPropertyDescriptor(NativeURL.prototype, "hash");

  // application/x-www-form-urlencoded: everything but ASCII alphanumerics and *-._ is percent-encoded (UTF-8),
  // and space becomes "+".
  const formEncode = (s) =>
    encodeURIComponent(s).replace(/[!'()~]|%20/g, (c) => (c === "%20" ? "+" : "%" + c.charCodeAt(0).toString(16).toUpperCase()));
  const serialize = (params) => {
    const out = [];
    for (const [k, v] of Params.prototype.entries.call(params)) out.push(formEncode(k) + "=" + formEncode(v));
    return out.join("&");
  };
  Object.defineProperty(Params.prototype, "toString", {
    value: function toString() {
      return serialize(this);
    },
    writable: true,
    configurable: true,
  });

  // The WHATWG userinfo percent-encode set, applied to the part before the last "@" of the authority.
  const userinfoChars = /[\u0000-\u0020"#<>?`{}/:;=@[\\\]^|\u007f-\u{10ffff}]/gu;
  const enc = (s) => s.replace(userinfoChars, (c) => encodeURIComponent(c));
  const encodeUserinfo = (input) =>
    input.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/, (m, scheme, userinfo) => {
      const i = userinfo.indexOf(":");
      const fixed = i < 0 ? enc(userinfo) : enc(userinfo.slice(0, i)) + ":" + enc(userinfo.slice(i + 1));
      return scheme + fixed.replace(/%25(?=[0-9A-Fa-f]{2})/g, "%") + "@";
    });

  const emptyQuery = new WeakSet();
  const emptyFragment = new WeakSet();
  const invalid = (input) => {
    const e = new TypeError("Invalid URL");
    e.code = "ERR_INVALID_URL";
    e.input = input;
    return e;
  };

  function URL(input, base) {
    if (new.target === undefined) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
    input = String(input);
    const original = input;
    let u;
    try {
      if (base !== undefined) {
        new NativeURL(encodeUserinfo(String(base))); // an invalid base is an invalid URL
        input = host.resolveURL(input, encodeUserinfo(String(base)));
      }
      u = Reflect.construct(NativeURL, [encodeUserinfo(input)], new.target);
    } catch (e) {
      throw invalid(original);
    }
    const beforeHash = original.split("#")[0];
    if (original.includes("#") && original.indexOf("#") === original.length - 1) emptyFragment.add(u);
    if (beforeHash.includes("?") && beforeHash.indexOf("?") === beforeHash.length - 1) emptyQuery.add(u);
    return u;
  }

  // The query as Node shows it. goja_nodejs re-encodes the query from searchParams after an edit, but leaves
  // "+" unescaped; when the raw query is exactly that encoding, it is replaced by the form-urlencoded one.
  // A query as parsed (never edited) is kept byte for byte, as in Node.
  function query(u) {
    const raw = search.get.call(u);
    const good = serialize(u.searchParams);
    if (raw === "?" + good.replace(/%2B/g, "+")) return good === "" ? "" : "?" + good;
    return raw;
  }

  URL.prototype = Object.create(NativeURL.prototype, {
    constructor: { value: URL, writable: true, configurable: true },
    href: {
      get() {
        search.get.call(this); // syncs the query from searchParams
        const h = href.get.call(this);
        const hi = h.indexOf("#");
        const body = hi < 0 ? h : h.slice(0, hi);
        const frag = hi < 0 ? "" : h.slice(hi);
        const qi = body.indexOf("?");
        let q = qi < 0 ? "" : body.slice(qi);
        if ((q === "" || q === "?") && emptyQuery.has(this)) q = "?";
        else if (q !== "") q = query(this);
        return (qi < 0 ? body : body.slice(0, qi)) + q + (frag === "" && emptyFragment.has(this) ? "#" : frag);
      },
      set(v) {
        emptyQuery.delete(this);
        emptyFragment.delete(this);
        href.set.call(this, v);
      },
      enumerable: true,
      configurable: true,
    },
    search: {
      get() {
        void href.get.call(this);
        return query(this);
      },
      set(v) {
        emptyQuery.delete(this);
        search.set.call(this, v);
      },
      enumerable: true,
      configurable: true,
    },
    hash: {
      get: hash.get,
      set(v) {
        emptyFragment.delete(this);
        hash.set.call(this, v);
      },
      enumerable: true,
      configurable: true,
    },
    // goja_nodejs returns userinfo decoded; Node returns it as it appears in href.
    username: {
      get() {
        return enc(username.get.call(this));
      },
      set: username.set,
      enumerable: true,
      configurable: true,
    },
    password: {
      get() {
        return enc(password.get.call(this));
      },
      set: password.set,
      enumerable: true,
      configurable: true,
    },
    toString: {
      value: function toString() {
        return this.href;
      },
      writable: true,
      configurable: true,
    },
    toJSON: {
      value: function toJSON() {
        return this.href;
      },
      writable: true,
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
