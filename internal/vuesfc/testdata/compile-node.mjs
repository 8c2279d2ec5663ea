// Usage: node compile-node.mjs DRIVER_BUNDLE FILENAME VUE_FILE ID SSR
// Runs the driver (internal/vuesfc/js/compile.js, bundled to CommonJS with
// @vue/compiler-sfc left external, so Node's own build of the compiler is
// used) and writes its JSON output to stdout, for the compiler parity test.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [bundle, filename, vueFile, id, ssr] = process.argv.slice(2);
const { compile } = createRequire(import.meta.url)(bundle);
process.stdout.write(compile(filename, readFileSync(vueFile, "utf8"), id, ssr === "true"));
