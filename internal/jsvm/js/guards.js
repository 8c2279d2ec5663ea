// guards.js: goja built-ins that recurse in Go, or allocate in one Go call without bound, wrapped or replaced so
// that no component can overflow the Go stack (a fatal, unrecoverable error that ends the whole process) or
// allocate gigabytes in one uninterruptible step. Past a bound they throw what V8 throws: RangeError "Maximum
// call stack size exceeded" for nesting, RangeError "Invalid string length" / "Invalid array length" /
// "Array buffer allocation failed" for sizes. The bounds come from Go (host.limits, see guard.go), where the
// audit of each built-in is written down.
//
// Runs last among the host scripts, so the wrappers are what the bundle sees (and captures) at load time.
(function (host) {
  "use strict";
  const L = host.limits;
  const define = (obj, name, fn) => Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true });
  const tooDeep = () => new RangeError("Maximum call stack size exceeded");
  const isArray = Array.isArray;
  const toLength = (v) => {
    const n = Math.trunc(Number(v));
    return n > 0 ? Math.min(n, Number.MAX_SAFE_INTEGER) : 0;
  };

  // JSON.parse: goja's decoder recurses in Go once per nesting level. Go measures the nesting first, in one
  // linear pass, without recursion.
  const nativeParse = JSON.parse;
  define(JSON, "parse", {
    parse(text, reviver) {
      text = String(text);
      if (host.jsonTooDeep(text)) throw tooDeep();
      return arguments.length > 1 ? nativeParse(text, reviver) : nativeParse(text);
    },
  }.parse);

  // JSON.stringify: goja's serializer recurses in Go per level and checks cycles against the whole path at
  // each level (quadratic). Go walks the value first with an explicit stack and rejects deep values.
  const nativeStringify = JSON.stringify;
  define(JSON, "stringify", {
    stringify(value, replacer, space) {
      if (value !== null && typeof value === "object" && host.valueTooDeep(value)) throw tooDeep();
      return nativeStringify(value, replacer, space);
    },
  }.stringify);

  // Array.prototype.flat / flatMap: goja flattens recursively in Go. Replaced by an iterative flattening in
  // JavaScript, which the render deadline can interrupt.
  function flatten(target, source, depth) {
    // Each frame: [array, next index, remaining depth].
    const stack = [[source, 0, depth]];
    let count = 0;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const arr = top[0];
      const len = toLength(arr.length);
      if (top[1] >= len) {
        stack.pop();
        continue;
      }
      const i = top[1]++;
      if (!(i in arr)) continue;
      const v = arr[i];
      if (top[2] > 0 && isArray(v)) {
        if (stack.length >= L.depth) throw tooDeep();
        stack.push([v, 0, top[2] - 1]);
        continue;
      }
      if (++count > L.arrayLength) throw new RangeError("Invalid array length");
      target.push(v);
    }
    return target;
  }
  define(Array.prototype, "flat", {
    flat(depth) {
      const o = Object(this);
      const d = depth === undefined ? 1 : Math.trunc(Number(depth)) || 0;
      return flatten([], o, d);
    },
  }.flat);
  define(Array.prototype, "flatMap", {
    flatMap(fn, thisArg) {
      const o = Object(this);
      if (typeof fn !== "function") throw new TypeError("flatMap mapper function is not callable");
      const len = toLength(o.length);
      const out = [];
      for (let i = 0; i < len; i++) {
        if (!(i in o)) continue;
        const v = fn.call(thisArg, o[i], i, o);
        if (isArray(v)) flatten(out, v, 0);
        else {
          if (out.length >= L.arrayLength) throw new RangeError("Invalid array length");
          out.push(v);
        }
      }
      return out;
    },
  }.flatMap);

  // Array.prototype.join / toLocaleString: an element that is an array is converted with its own toString,
  // which calls join again: recursion in Go for nested arrays (String(nested), template literals, `+ ""`).
  // The wrapper counts the nesting (below the JS frame limit: each level takes a few frames); it also refuses
  // a length whose result cannot fit a string.
  const nativeJoin = Array.prototype.join;
  const nativeToLocale = Array.prototype.toLocaleString;
  let joinDepth = 0;
  const nested = (native, name) =>
    ({
      [name](...args) {
        if (toLength(Object(this).length) > L.arrayLength) throw new RangeError("Invalid string length");
        if (joinDepth >= L.nestedCalls) throw tooDeep();
        joinDepth++;
        try {
          return native.apply(this, args);
        } finally {
          joinDepth--;
        }
      },
    })[name];
  define(Array.prototype, "join", nested(nativeJoin, "join"));
  define(Array.prototype, "toLocaleString", nested(nativeToLocale, "toLocaleString"));
  host.resetDepth = () => {
    joinDepth = 0;
  };

  // Sizes allocated by one native call.
  const nativeFill = Array.prototype.fill;
  define(Array.prototype, "fill", {
    fill(...args) {
      if (toLength(Object(this).length) > L.arrayLength) throw new RangeError("Invalid array length");
      return nativeFill.apply(this, args);
    },
  }.fill);
  const nativeFrom = Array.from;
  define(Array, "from", {
    from(items, ...rest) {
      if (items !== null && items !== undefined && typeof items[Symbol.iterator] !== "function" && toLength(items.length) > L.arrayLength) {
        throw new RangeError("Invalid array length");
      }
      return nativeFrom.call(this, items, ...rest);
    },
  }.from);
  const strings = String.prototype;
  const nativeRepeat = strings.repeat;
  define(strings, "repeat", {
    repeat(count) {
      const n = Math.trunc(Number(count));
      if (n > 0 && String(this).length * n > L.stringLength) throw new RangeError("Invalid string length");
      return nativeRepeat.call(this, count);
    },
  }.repeat);
  for (const name of ["padStart", "padEnd"]) {
    const native = strings[name];
    define(strings, name, {
      [name](maxLength, fill) {
        if (toLength(maxLength) > L.stringLength) throw new RangeError("Invalid string length");
        return native.call(this, maxLength, fill);
      },
    }[name]);
  }

  // ArrayBuffer and typed array constructors allocate their bytes at once. Each constructor is wrapped
  // keeping its prototype, statics and `instanceof`; subclasses still work (new.target is passed on).
  const wrapCtor = (Native, bytesOf) => {
    const Wrapped = {
      [Native.name]: function (...args) {
        if (new.target === undefined) return Native(...args); // throws the native TypeError
        if (bytesOf(args) > L.bufferBytes) throw new RangeError("Array buffer allocation failed");
        return Reflect.construct(Native, args, new.target === Wrapped ? Native : new.target);
      },
    }[Native.name];
    Object.setPrototypeOf(Wrapped, Object.getPrototypeOf(Native));
    for (const key of Reflect.ownKeys(Native)) {
      if (key !== "length" && key !== "name" && key !== "prototype") {
        Object.defineProperty(Wrapped, key, Object.getOwnPropertyDescriptor(Native, key));
      }
    }
    Object.defineProperty(Wrapped, "prototype", { value: Native.prototype, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(Wrapped, "length", { value: Native.length, configurable: true });
    define(Native.prototype, "constructor", Wrapped);
    globalThis[Native.name] = Wrapped;
    return Wrapped;
  };
  wrapCtor(ArrayBuffer, (args) => toLength(args[0]));
  const typed = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];
  for (const name of typed) {
    const Native = globalThis[name];
    if (typeof Native !== "function") continue;
    wrapCtor(Native, (args) => (typeof args[0] === "number" ? toLength(args[0]) * Native.BYTES_PER_ELEMENT : 0));
  }
});
