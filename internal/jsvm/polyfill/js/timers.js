// timers.js: setTimeout and friends on jsvm's macrotask queue, which Invoke drives while a render's promise
// is pending. Handles are numbers, as in browsers.
(function (host) {
  "use strict";
  const TIMEOUT_MAX = 2147483647;
  const delayOf = (ms) => {
    ms = Number(ms);
    return ms >= 1 && ms <= TIMEOUT_MAX ? ms : 1; // Node's rule
  };
  const check = (fn) => {
    if (typeof fn !== "function") {
      const e = new TypeError('The "callback" argument must be of type function. Received ' + String(fn));
      e.code = "ERR_INVALID_ARG_TYPE";
      throw e;
    }
  };
  globalThis.setTimeout = function setTimeout(fn, ms, ...args) {
    check(fn);
    return host.addTimer(fn, delayOf(ms), false, args);
  };
  globalThis.setInterval = function setInterval(fn, ms, ...args) {
    check(fn);
    return host.addTimer(fn, delayOf(ms), true, args);
  };
  globalThis.setImmediate = function setImmediate(fn, ...args) {
    check(fn);
    return host.addTimer(fn, 0, false, args);
  };
  const clear = function (id) {
    if (typeof id === "number") host.clearTimer(id);
  };
  globalThis.clearTimeout = clear;
  globalThis.clearInterval = clear;
  globalThis.clearImmediate = clear;
  globalThis.queueMicrotask = function queueMicrotask(fn) {
    check(fn);
    Promise.resolve().then(() => {
      try {
        fn();
      } catch (e) {
        host.reportError(e); // like an uncaught exception in Node: the render fails
      }
    });
  };
});
