// Plays the page of a non-Go backend in a real browser: markup from npm
// hypernova-client (as a Django or Rails view would print it) plus
// <script type="module" src="/hypernova/client.js">, then checks that the
// server-rendered components hydrate and the failed one renders from its
// fallback. Prints what it saw as JSON; node_test.go asserts.
//
// usage: node browser.cjs BASE_URL CHROMIUM_PATH
"use strict";

const { chromium } = require("playwright-core");
const Renderer = require("hypernova-client");

const [base, executablePath] = process.argv.slice(2);

async function main() {
  const renderer = new Renderer({ url: base + "/batch", config: { timeout: 5000 } });
  const markup = await renderer.render({
    "Widget.js": { title: "Browser", text: "</script><!-- \u2028" },
    VueBadge: { label: "vue" },
    ClientOnly: { label: "fallback" },
    "shop/Cart.tsx": { items: [{ id: "1", name: "Tea" }] },
  });
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>backend page</title></head>
<body>${markup}<script type="module" src="/hypernova/client.js"></script></body></html>`;

  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  try {
    const tab = await browser.newPage();
    const logs = [];
    tab.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") logs.push(`${m.type()}: ${m.text()}`);
    });
    tab.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
    // The backend's page, served from ssrgate's origin as a reverse proxy would.
    await tab.route(base + "/page", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: page }));
    await tab.goto(base + "/page");
    await tab.waitForFunction(
      () => document.querySelectorAll("[data-ssrgate-hydrated]").length === 4 || document.querySelector("[data-hydrate-error]"),
      null,
      { timeout: 20000 },
    );
    const modes = await tab.$$eval("div[data-hypernova-key]", (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute("data-hypernova-key"), e.getAttribute("data-ssrgate-hydrated")])),
    );
    await tab.click(".widget button");
    await tab.click(".vue-badge");
    await tab.click(".client-only");
    await tab.waitForTimeout(100);
    const texts = {
      widget: await tab.textContent(".widget button"),
      widgetText: await tab.textContent(".widget .text"),
      vue: await tab.textContent(".vue-badge"),
      clientOnly: await tab.textContent(".client-only"),
      // The stylesheet that the server markup links. (Whether its rules match
      // depends on the bundler giving CSS-module classes the same names in
      // the server and client builds.)
      cartStylesheet: await tab.evaluate(() =>
        String([...document.styleSheets].some((s) => s.href && s.href.includes("/_ssr/islands/shop/Cart-") && s.cssRules.length > 0)),
      ),
    };
    return { modes, texts, logs };
  } finally {
    await browser.close();
  }
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
