// process.js: the minimal Node globals components and React look at. window/self stay undefined so code
// can detect server rendering with `typeof window === "undefined"`.
(function (host) {
  "use strict";
  globalThis.process = { env: { NODE_ENV: "production" }, browser: false, version: "v20.0.0", versions: {}, platform: "linux" };
  Object.defineProperty(globalThis, "performance", {
    value: { now: host.now, timeOrigin: host.timeOrigin },
    writable: true,
    configurable: true,
  });
});
