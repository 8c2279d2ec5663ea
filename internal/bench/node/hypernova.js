// F: the Node SSR service teams run today: npm hypernova 2.5's server,
// started by the harness on 127.0.0.1.
//
//   node hypernova.js PORT BUNDLE_DIR
//
// BUNDLE_DIR holds the benchmark components bundled for Node by the harness
// (ProductList.js, Comments.js). getComponent returns what hypernova-react's
// renderReact returns on the server (hypernova-react is not installed and
// targets older React, so its three lines are inlined below): a function of
// props giving hypernova.serialize(name, renderToString(element), props).
// Vue components get the same wrapper around @vue/server-renderer.
//
// Hypernova's defaults otherwise: cluster mode with (CPUs - 1) workers, at
// least one, jobs processed concurrently; logging only errors.
"use strict";
const path = require("path");
const hypernova = require("hypernova/server");
const { serialize } = require("hypernova");

const [portArg, bundleDir] = process.argv.slice(2);

// renderReact is hypernova-react's renderReact, server side.
function renderReact(name, component) {
  const { createElement } = require("react");
  const { renderToString } = require("react-dom/server");
  return (props) => serialize(name, renderToString(createElement(component, props)), props);
}

// renderVue is the same for Vue 3 (renderToString returns a promise;
// hypernova awaits what the render function returns).
function renderVue(name, component) {
  const { createSSRApp } = require("vue");
  const { renderToString } = require("vue/server-renderer");
  return async (props) => serialize(name, await renderToString(createSSRApp(component, props)), props);
}

const frameworks = { ProductList: renderReact, Comments: renderVue, PlainList: renderReact, PlainListVue: renderVue };
const cache = {};

hypernova({
  host: "127.0.0.1",
  port: Number(portArg),
  logger: { level: "error" },
  getComponent(name) {
    const key = name.replace(/\.js$/, "");
    if (!(key in frameworks)) return null;
    if (!cache[key]) {
      const mod = require(path.join(bundleDir, key + ".js"));
      cache[key] = frameworks[key](key, mod.default || mod);
    }
    return cache[key];
  },
});
