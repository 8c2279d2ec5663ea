// Node side of TestLibraryCorpus (internal/libcorpus): renders every corpus
// case with Node's react-dom/server or @vue/server-renderer and prints a
// JSON object mapping case name to {html} or {error}. The test bundles this
// file with esbuild (platform node, CommonJS); the template-literal requires
// below become esbuild glob imports, so every corpus component is bundled.
//
// stdin: [{"case": "Name/set", "component": "Name", "ext": ".jsx", "props": "<JSON text>"}]
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createSSRApp } from "vue";
import { renderToString as renderVue } from "vue/server-renderer";

function load(component, ext) {
  switch (ext) {
    case ".tsx":
      return require(`../${component}.tsx`).default;
    case ".vue":
      return require(`../${component}.vue`).default;
    default:
      return require(`../${component}.jsx`).default;
  }
}

async function main(input) {
  const out = {};
  for (const c of JSON.parse(input)) {
    try {
      // Parse the props text like the Go engine does, rather than receive
      // an already-parsed object.
      const props = JSON.parse(c.props);
      const component = load(c.component, c.ext);
      const html =
        c.ext === ".vue"
          ? await renderVue(createSSRApp(component, props))
          : renderToString(createElement(component, props));
      out[c.case] = { html };
    } catch (e) {
      out[c.case] = { error: String((e && e.stack) || e) };
    }
  }
  process.stdout.write(JSON.stringify(out));
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => main(input));
