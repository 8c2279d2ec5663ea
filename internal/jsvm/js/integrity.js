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
  const apply = Reflect.apply;
  const push = Array.prototype.push;
  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

  let watched = []; // [object, prototype, keys, descriptors (value or get/set per key)]
  const globals = []; // [key, value]

  function record(obj, seen) {
    if (!isObject(obj) || seen.has(obj)) return;
    seen.add(obj);
    const keys = ownKeys(obj);
    const vals = [];
    for (let i = 0; i < keys.length; i++) {
      const d = getDesc(obj, keys[i]);
      apply(push, vals, "value" in d ? [d.value, undefined] : [d.get, d.set]);
    }
    apply(push, watched, [[obj, getProto(obj), keys, vals]]);
  }

  // The global object's properties as the host left them, before any program ran: the programs' own
  // globals are module-level state, not built-ins.
  const g = globalThis;
  for (const key of ownKeys(g)) {
    const d = getDesc(g, key);
    apply(push, globals, [[key, "value" in d ? d.value : d.get]]);
  }

  host.snapshot = function snapshot() {
    watched = [];
    const seen = new Set();
    for (let i = 0; i < globals.length; i++) {
      const key = globals[i][0];
      const v = globals[i][1];
      // Built-ins are the capitalized constructors and namespaces (Object, Array, JSON, Math, Intl, URL...).
      if (typeof key !== "string" || !/^[A-Z]/.test(key) || !isObject(v)) continue;
      record(v, seen);
      if (typeof v === "function" && isObject(v.prototype)) record(v.prototype, seen);
    }
    // Prototypes reached only through instances: iterators, generators, async functions, TypedArray.
    const hidden = [
      getProto([][Symbol.iterator]()),
      getProto(getProto([][Symbol.iterator]())),
      getProto(new Map()[Symbol.iterator]()),
      getProto(new Set()[Symbol.iterator]()),
      getProto(""[Symbol.iterator]()),
      getProto(/a/[Symbol.matchAll]("")),
      getProto(function* () {}),
      getProto(function* () {}.prototype),
      getProto(async function () {}),
      getProto(Uint8Array),
      getProto(Uint8Array.prototype),
    ];
    for (const h of hidden) record(h, seen);
    record(g, seen); // its prototype chain
    watched.pop(); // the global object's own keys are checked by value below, additions allowed
    apply(push, watched, [[g, getProto(g), null, null]]);
  };

  host.intact = function intact() {
    for (let i = 0; i < watched.length; i++) {
      const w = watched[i];
      const obj = w[0];
      if (getProto(obj) !== w[1]) return false;
      const keys = w[2];
      if (keys === null) continue;
      if (ownKeys(obj).length !== keys.length) return false;
      const vals = w[3];
      for (let k = 0; k < keys.length; k++) {
        const d = getDesc(obj, keys[k]);
        if (d === undefined) return false;
        if ("value" in d) {
          if (d.value !== vals[2 * k] && !(d.value !== d.value && vals[2 * k] !== vals[2 * k])) return false;
        } else if (d.get !== vals[2 * k] || d.set !== vals[2 * k + 1]) {
          return false;
        }
      }
    }
    for (let i = 0; i < globals.length; i++) {
      const d = getDesc(g, globals[i][0]);
      if (d === undefined || ("value" in d ? d.value : d.get) !== globals[i][1]) {
        // NaN and Infinity globals compare by value.
        if (!(d && d.value !== d.value && globals[i][1] !== globals[i][1])) return false;
      }
    }
    return true;
  };
});
