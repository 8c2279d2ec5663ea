// structuredclone.js: the structured clone algorithm for the types components pass around (plain objects,
// arrays, primitives wrappers, Date, RegExp, Map, Set, ArrayBuffer, typed arrays, Error), with cycles.
// Functions, symbols and other host objects throw a DataCloneError DOMException, as in Node.
(function (host) {
  "use strict";
  const typed = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
  if (typeof BigInt64Array === "function") typed.push(BigInt64Array, BigUint64Array);
  const errors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const fail = (v) => {
    throw new DOMException(`${typeof v === "symbol" ? v.toString() : String(v)} could not be cloned.`, "DataCloneError");
  };
  function clone(v, seen) {
    if (typeof v === "symbol" || typeof v === "function") fail(v);
    if (v === null || typeof v !== "object") return v;
    if (seen.has(v)) return seen.get(v);
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    let out;
    switch (tag) {
      case "Date":
        out = new Date(v.getTime());
        break;
      case "RegExp":
        out = new RegExp(v.source, v.flags);
        break;
      case "Boolean":
      case "Number":
      case "String":
        out = Object(v.valueOf());
        break;
      case "ArrayBuffer":
        out = v.slice(0);
        break;
      case "Map":
        out = new Map();
        seen.set(v, out);
        for (const [k, x] of v) out.set(clone(k, seen), clone(x, seen));
        return out;
      case "Set":
        out = new Set();
        seen.set(v, out);
        for (const x of v) out.add(clone(x, seen));
        return out;
      case "Array":
        out = new Array(v.length);
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k], seen);
        return out;
      case "Error": {
        const C = errors[v.name] || Error;
        out = Object.create(C.prototype);
        seen.set(v, out);
        for (const k of ["message", "stack", "cause"]) {
          if (Object.prototype.hasOwnProperty.call(v, k)) {
            Object.defineProperty(out, k, { value: clone(v[k], seen), writable: true, configurable: true });
          }
        }
        return out;
      }
      case "Object":
        if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) fail(v);
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k], seen);
        return out;
      default: {
        const T = typed.find((C) => v instanceof C);
        if (T) {
          const buf = clone(v.buffer, seen);
          out = new T(buf, v.byteOffset, v.length);
          break;
        }
        if (v instanceof DataView) {
          out = new DataView(clone(v.buffer, seen), v.byteOffset, v.byteLength);
          break;
        }
        fail(v);
      }
    }
    seen.set(v, out);
    return out;
  }
  globalThis.structuredClone = function structuredClone(value, options) {
    if (arguments.length === 0) throw new TypeError('The "value" argument must be specified');
    return clone(value, new Map());
  };
});
