// Node side of the differential fuzzer: renders every case spec read from
// stdin with Node's own react-dom/server renderToString and prints a JSON
// array of {html} or {error}, in input order. The test bundles this file with
// bundle.NodeOptions (platform node), so react-dom/server is Node's build.
import { renderToString } from "react-dom/server";
import { element, options } from "./interp.js";

function renderAll(specs) {
  return specs.map((spec) => {
    try {
      return { html: renderToString(element(spec), options(spec)) };
    } catch (e) {
      return { error: String((e && e.message) || e) };
    }
  });
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  process.stdout.write(JSON.stringify(renderAll(JSON.parse(input))), () => process.exit(0));
});
