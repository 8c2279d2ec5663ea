// console.js: console.* formatted like Node's util.format (%s %d %i %f %j %o %O %c %%, objects inspected
// shallowly) and handed to Go, which logs them with slog under the component being rendered.
(function (host) {
  "use strict";
  function inspect(v, depth, seen) {
    switch (typeof v) {
      case "string":
        return depth === 0 ? v : "'" + v.replace(/'/g, "\\'") + "'";
      case "function":
        return `[Function: ${v.name || "(anonymous)"}]`;
      case "symbol":
      case "bigint":
        return v.toString() + (typeof v === "bigint" ? "n" : "");
      case "object":
        break;
      default:
        return Object.is(v, -0) ? "-0" : String(v);
    }
    if (v === null) return "null";
    if (v instanceof Error) return v.stack || String(v);
    if (v instanceof Date) return isNaN(v) ? "Invalid Date" : v.toISOString();
    if (v instanceof RegExp) return String(v);
    if (seen.includes(v)) return "[Circular *1]";
    if (depth > 2) return Array.isArray(v) ? "[Array]" : "[Object]";
    seen = seen.concat([v]);
    const inner = (x) => inspect(x, depth + 1, seen);
    if (Array.isArray(v)) return v.length ? `[ ${v.map(inner).join(", ")} ]` : "[]";
    if (v instanceof Map) return `Map(${v.size}) {${v.size ? " " + [...v].map(([k, x]) => `${inner(k)} => ${inner(x)}`).join(", ") + " " : ""}}`;
    if (v instanceof Set) return `Set(${v.size}) {${v.size ? " " + [...v].map(inner).join(", ") + " " : ""}}`;
    const keys = Object.keys(v);
    const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
    const body = keys.map((k) => `${key(k)}: ${inner(v[k])}`).join(", ");
    return keys.length ? `{ ${body} }` : "{}";
  }
  function format(args) {
    let out = "";
    let i = 0;
    if (typeof args[0] === "string" && args.length > 1) {
      const f = args[0];
      i = 1;
      for (let j = 0; j < f.length; j++) {
        if (f[j] !== "%" || j + 1 === f.length) {
          out += f[j];
          continue;
        }
        const c = f[++j];
        if (c === "%") {
          out += "%";
          continue;
        }
        if (i >= args.length || !"sdifjoOc".includes(c)) {
          out += "%" + c;
          continue;
        }
        const a = args[i++];
        switch (c) {
          case "s":
            out += typeof a === "string" ? a : inspect(a, 1, []);
            break;
          case "d":
          case "i": {
            const n = typeof a === "object" && a !== null ? NaN : Number(a);
            out += c === "i" ? String(Math.trunc(n)) : String(n);
            break;
          }
          case "f":
            out += String(parseFloat(a));
            break;
          case "j":
            try {
              out += JSON.stringify(a);
            } catch (e) {
              out += "[Circular]";
            }
            break;
          case "o":
          case "O":
            out += inspect(a, 1, []);
            break;
          case "c":
            break;
        }
      }
    }
    for (; i < args.length; i++) out += (out === "" && i === 0 ? "" : " ") + inspect(args[i], 0, []);
    return out;
  }
  const method = (level) =>
    function (...args) {
      host.log(level, format(args));
    };
  globalThis.console = {
    log: method("info"),
    info: method("info"),
    debug: method("debug"),
    trace: method("debug"),
    warn: method("warn"),
    error: method("error"),
  };
});
