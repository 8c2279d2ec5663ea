// Drives ssrgate's /batch with Airbnb's own Node client, npm hypernova-client,
// and reads the markup back with hypernova's own browser-side parser
// (hypernova.load / fromScript, given a minimal document). It prints what
// it saw as JSON; node_test.go makes the assertions.
//
// usage: node hypernova-client.cjs BASE_URL CLIENT_MJS
"use strict";

const Renderer = require("hypernova-client");
const hypernova = require("hypernova");

const [base, clientModule] = process.argv.slice(2);

// withDocument runs fn with a global document over html that implements
// what hypernova.load uses: querySelectorAll/querySelector with a tag and
// [attr="value"] conditions, getAttribute and innerHTML.
function withDocument(html, fn) {
  const elements = [];
  const tag = /<(div|script)\b([^>]*)>/g;
  let m;
  while ((m = tag.exec(html))) {
    const attrs = {};
    for (const a of m[2].matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    let innerHTML = "";
    if (m[1] === "script") {
      const end = html.indexOf("</script>", tag.lastIndex);
      innerHTML = html.slice(tag.lastIndex, end);
    }
    elements.push({ tagName: m[1], attrs, innerHTML, getAttribute: (n) => (n in attrs ? attrs[n] : null) });
  }
  const select = (sel) => {
    const [, name, rest] = /^(\w+)(.*)$/.exec(sel);
    const conds = [...rest.matchAll(/\[([\w-]+)="([^"]*)"\]/g)].map((c) => [c[1], c[2]]);
    return elements.filter((e) => e.tagName === name && conds.every(([k, v]) => e.attrs[k] === v));
  };
  global.document = { querySelectorAll: select, querySelector: (s) => select(s)[0] || null };
  try {
    return fn();
  } finally {
    delete global.document;
  }
}

// loaded is what hypernova's browser code finds for a component name.
function loaded(html, name) {
  return withDocument(html, () =>
    hypernova.load(name).map(({ node, data }) => ({
      key: node.getAttribute("data-hypernova-key"),
      id: node.getAttribute("data-hypernova-id"),
      src: node.getAttribute("data-ssrgate-src"),
      data,
    })),
  );
}

async function main() {
  const client = await import(clientModule);
  const out = {};
  const hostile = { title: "Hi", text: "</script><!-- <script> \u2028 \u2029 & &amp; > <" };

  // 1. Every job succeeds: the client returns the concatenated markup.
  const ok = new Renderer({ url: base + "/batch", config: { timeout: 5000 } });
  out.success = await ok.render({ "Widget.js": hostile, "shop/Cart.tsx": { items: [{ id: "1", name: "Tea" }] } });
  out.successLoaded = { widget: loaded(out.success, "Widget.js"), cart: loaded(out.success, "shop/Cart.tsx") };
  // ssrgate's own browser decoder reads the same payload.
  const script = /<script type="application\/json" data-hypernova-key="Widgetjs"[^>]*>(.*?)<\/script>/s.exec(out.success);
  out.clientDecoded = script ? client.decode(script[1]) : null;

  // 2. One job throws: the client substitutes its fallback markup (an empty
  // div and the props) for that job only, and reports the error.
  const failing = new Renderer({ url: base + "/batch", config: { timeout: 5000 } });
  out.fallback = await failing.render({ Boom: { reason: "from node" }, Widget: { title: "still here" } });
  out.fallbackLoaded = { boom: loaded(out.fallback, "Boom"), widget: loaded(out.fallback, "Widget") };
  const fb = /<script type="application\/json" data-hypernova-key="Boom"[^>]*>(.*?)<\/script>/s.exec(out.fallback);
  out.fallbackClientDecoded = fb ? client.decode(fb[1]) : null;
  out.fallbackKey = client.normalizeKey("shop/Cart.tsx");

  const errors = [];
  const withPlugin = new Renderer({
    url: base + "/batch",
    config: { timeout: 5000 },
    plugins: [{ onError: (err, job) => errors.push({ err, token: job && job.job && job.job.name }) }],
  });
  const results = await withPlugin.render({ Boom: {}, "Nope.js": {} });
  out.pluginErrors = errors;
  out.pluginResults = Object.fromEntries(
    Object.entries(results).map(([k, v]) => [k, { html: v.html, statusCode: v.statusCode, success: v.success }]),
  );

  // 3. One job never returns: the batch still answers within the server's
  // JobTimeout, the hanging job falls back, the other is server-rendered.
  const patient = new Renderer({ url: base + "/batch", config: { timeout: 5000 } });
  const start = Date.now();
  out.hang = await patient.render({ Loop: {}, Widget: { title: "beside a loop" } });
  out.hangMillis = Date.now() - start;
  return out;
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
