// messagechannel.js: MessageChannel as React's scheduler uses it. postMessage delivers on the macrotask queue
// (after promise jobs), with the data passed through structuredClone as the HTML spec requires.
(function (host) {
  "use strict";
  class MessageEvent {
    constructor(type, init = {}) {
      this.type = type;
      this.data = init.data;
      this.target = init.target || null;
      this.ports = [];
    }
  }
  class MessagePort {
    #other = null;
    #listeners = [];
    #closed = false;
    onmessage = null;
    static _pair(a, b) {
      a.#other = b;
      b.#other = a;
    }
    postMessage(data) {
      const other = this.#other;
      if (this.#closed || !other) return;
      const copy = structuredClone(data);
      host.addTimer(() => other.#deliver(copy), 0, false, []);
    }
    #deliver(data) {
      if (this.#closed) return;
      const ev = new MessageEvent("message", { data, target: this });
      if (typeof this.onmessage === "function") this.onmessage(ev);
      for (const l of this.#listeners.slice()) l.call(this, ev);
    }
    addEventListener(type, fn) {
      if (type === "message" && typeof fn === "function") this.#listeners.push(fn);
    }
    removeEventListener(type, fn) {
      this.#listeners = this.#listeners.filter((l) => l !== fn);
    }
    start() {}
    close() {
      this.#closed = true;
    }
  }
  class MessageChannel {
    constructor() {
      this.port1 = new MessagePort();
      this.port2 = new MessagePort();
      MessagePort._pair(this.port1, this.port2);
    }
  }
  globalThis.MessageEvent = MessageEvent;
  globalThis.MessagePort = MessagePort;
  globalThis.MessageChannel = MessageChannel;
});
