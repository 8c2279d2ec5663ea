// integrity.js: proof that a render left the shared built-ins as it found them. host.snapshot() records, once
// the bundle has loaded (libraries patch prototypes at module init, which is allowed), the own properties and
// the prototype of every built-in constructor, prototype and namespace object reachable from the global
// object, and the values of the global object's own properties as the host scripts left them. host.intact() compares the runtime against
// that record after a render; Go discards the runtime when it reports a change (a polluted Object.prototype,
// a replaced Array.prototype.map, a deleted or replaced host global). New globals, and the globals the programs define, are not checked: they
// are module-level state, which the README documents (Vue sets __VUE__ on its first render).
//
// The functions used here are captured when this file runs, so a render that replaces Reflect.ownKeys cannot
// blind the check.
(function (host) {
  "use strict";
  const ownKeys = Reflect.ownKeys;
  const getProto = Reflect.getPrototypeOf;
  const getDesc = Reflect.getOwnPropertyDescriptor;
  const objectKeys = Object.keys;
  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

  // The global object's data properties as the host left them, before any program ran: the programs' own
  // globals are module-level state, not built-ins.
  const g = globalThis;
  const globals = [];
  for (const key of ownKeys(g)) {
    const d = getDesc(g, key);
    if (typeof key === "string" && "value" in d) globals.push([key, d.value]);
  }

  // host.snapshot returns {globals: [[name, value]...], watched: [[object, prototype, enumerable count or -1,
  // data keys, their values]...]}; Go keeps it and compares after every render (guard_vm.go), which is much
  // cheaper than doing it here.
  host.snapshot = function snapshot() {
    const watched = [];
    const seen = new Set();
    const record = (obj) => {
      if (!isObject(obj) || seen.has(obj)) return;
      seen.add(obj);
      const keys = [];
      const vals = [];
      for (const key of ownKeys(obj)) {
        const d = getDesc(obj, key);
        if ("value" in d) {
          keys.push(key);
          vals.push(d.value);
        }
      }
      watched.push([obj, getProto(obj), counted.has(obj) ? objectKeys(obj).length : -1, keys, vals]);
    };
    // Additions are counted (enumerable own keys) on the prototypes that pollution reaches: `x.__proto__` and
    // `x.constructor.prototype` of the values JSON holds (objects, arrays, strings, numbers, booleans) and of
    // functions. Counting is the costly part, so the other objects are checked by their recorded values only.
    const counted = new Set([Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype]);
    for (const [key, v] of globals) {
      // Built-ins are the capitalized constructors and namespaces (Object, Array, JSON, Math, Intl, URL...).
      if (!/^[A-Z]/.test(key) || !isObject(v)) continue;
      record(v);
      if (typeof v === "function" && isObject(v.prototype)) record(v.prototype);
    }
    // Prototypes reached only through instances: iterators, generators, async functions, TypedArray.
    const ai = [][Symbol.iterator]();
    for (const h of [getProto(ai), getProto(getProto(ai)), getProto(new Map()[Symbol.iterator]()), getProto(new Set()[Symbol.iterator]()),
      getProto(""[Symbol.iterator]()), getProto(/a/[Symbol.matchAll]("")), getProto(function* () {}), getProto(function* () {}.prototype),
      getProto(async function () {}), getProto(Uint8Array), getProto(Uint8Array.prototype)]) {
      record(h);
    }
    // The global object's prototype chain (its own keys are the globals above).
    for (let p = getProto(g); p; p = getProto(p)) record(p);
    return { globals, watched };
  };
});
