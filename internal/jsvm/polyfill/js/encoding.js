// encoding.js: TextEncoder/TextDecoder (UTF-8 only), atob/btoa and DOMException, backed by Go.
(function (host) {
  "use strict";
  const codes = { InvalidCharacterError: 5, DataCloneError: 25, AbortError: 20, NotSupportedError: 9 };
  class DOMException extends Error {
    constructor(message = "", name = "Error") {
      super(message);
      Object.defineProperty(this, "name", { value: String(name), configurable: true, writable: true });
    }
    get code() {
      return codes[this.name] || 0;
    }
  }
  globalThis.DOMException = DOMException;
  host.domException = (message, name) => new DOMException(message, name);

  class TextEncoder {
    get encoding() {
      return "utf-8";
    }
    encode(input = "") {
      return new Uint8Array(host.utf8Encode(String(input)));
    }
    encodeInto(src, dest) {
      const bytes = this.encode(src);
      // Only whole characters fit; count UTF-16 units read for the bytes written.
      let written = 0, read = 0;
      for (const ch of String(src)) {
        const n = host.utf8Encode(ch).byteLength;
        if (written + n > dest.length) break;
        dest.set(bytes.subarray(written, written + n), written);
        written += n;
        read += ch.length;
      }
      return { read, written };
    }
  }
  const labels = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);
  class TextDecoder {
    #fatal;
    #ignoreBOM;
    constructor(label = "utf-8", options = {}) {
      if (!labels.has(String(label).trim().toLowerCase())) {
        throw new RangeError(`The "${label}" encoding is not supported`);
      }
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() {
      return "utf-8";
    }
    get fatal() {
      return this.#fatal;
    }
    get ignoreBOM() {
      return this.#ignoreBOM;
    }
    decode(input) {
      if (input === undefined) return "";
      let view;
      if (input instanceof ArrayBuffer) view = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) view = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
      return host.utf8Decode(view.buffer, view.byteOffset, view.byteLength, this.#fatal, this.#ignoreBOM);
    }
  }
  globalThis.TextEncoder = TextEncoder;
  globalThis.TextDecoder = TextDecoder;
  globalThis.btoa = function btoa(s) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    return host.btoa(String(s));
  };
  globalThis.atob = function atob(s) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    return host.atob(String(s));
  };
});
