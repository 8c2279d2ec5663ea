// nodebuiltins.js lists Node's built-in modules and the names each exports, for the server build's stubs
// (internal/bundle/builtins.go): a library importing { Readable } from "stream" must load in goja, and an
// import of a name Node does not export must still fail the build as it would fail under Node. Run by:
//   go generate ./internal/bundle   (runs: node gen/nodebuiltins.js > nodebuiltins.json in internal/bundle)
"use strict";

const { builtinModules } = require("module");
const ident = /^[A-Za-z_$][\w$]*$/;
const out = { node: process.version, modules: {} };
for (const name of builtinModules) {
  if (name.startsWith("_")) continue; // Node's own internals (_stream_readable, ...)
  const mod = require(name);
  out.modules[name] = Object.keys(mod).filter((k) => ident.test(k) && k !== "default").sort();
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
