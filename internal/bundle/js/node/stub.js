// stub.js builds the stand-in for a Node built-in module that has no browser polyfill (fs, net, stream,
// crypto, ...) in the server bundle. Libraries import such modules on paths a render never takes
// (styled-components' streaming renderer needs "stream"); the stand-in has every name Node's module exports,
// so importing and even subclassing works, and calling any of them throws an error naming the module.
module.exports = function nodeStub(name, names, polyfill) {
  const hint = polyfill
    ? `install the npm package "${polyfill}" (npm install ${polyfill}) for a browser polyfill`
    : "it exists only so that libraries importing it load; keep the call on a path server renders do not take";
  const mod = {};
  for (const key of names) {
    const f = function () {
      throw new Error(`${name}.${key}() is not available in ssrgate server renders: Node built-in module "${name}" is a stub here (${hint})`);
    };
    Object.defineProperty(f, "name", { value: key });
    mod[key] = f;
  }
  return mod;
};
