// D: Node's own server renderer, timed in-process.
//
//   node render.js BUNDLE FRAMEWORK PROPS_FILE WARMUP ITERATIONS
//
// BUNDLE is the component bundled by the harness (CommonJS, default export);
// react, react-dom, vue and @vue/server-renderer come from NODE_PATH. Each
// iteration is the same work as one ssrgate render: parse the props JSON,
// create the element (React) or a fresh SSR app (Vue), renderToString.
// Prints one JSON object: the HTML of the last render and the timings in ms.
"use strict";
const fs = require("fs");

async function main() {
  const [bundle, framework, propsFile, warmupArg, itersArg] = process.argv.slice(2);
  const warmup = Number(warmupArg);
  const iters = Number(itersArg);
  const propsJSON = fs.readFileSync(propsFile, "utf8");
  const mod = require(bundle);
  const component = mod.default || mod;

  let render;
  if (framework === "react") {
    const { createElement } = require("react");
    const { renderToString } = require("react-dom/server");
    render = () => renderToString(createElement(component, JSON.parse(propsJSON)));
  } else if (framework === "vue") {
    const { createSSRApp } = require("vue");
    const { renderToString } = require("vue/server-renderer");
    render = () => renderToString(createSSRApp(component, JSON.parse(propsJSON)));
  } else {
    throw new Error(`unknown framework ${framework}`);
  }

  let html = "";
  for (let i = 0; i < warmup; i++) html = await render();
  const times = new Float64Array(iters);
  for (let i = 0; i < iters; i++) {
    const t0 = process.hrtime.bigint();
    html = await render(); // a React string awaits as itself
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const sorted = Array.from(times).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  process.stdout.write(JSON.stringify({
    html, n: iters, meanMs: mean, p50Ms: pct(50), p99Ms: pct(99),
    node: process.version, rss: process.memoryUsage().rss,
  }));
}

main().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + "\n");
  process.exit(1);
});
