// Browser half of the dev-mode end-to-end test (driven by dev_test.go).
//
// Usage: node dev.mjs BASE_URL SITE_DIR ARTIFACTS_DIR
//
// SITE_DIR is a temp copy of the demo site that `ssrgate serve --dev`
// (the engine and server in dev mode) watches. With /products open, this
// script edits files on disk and checks that the open page follows without
// a manual reload: a CSS module edit (stylesheet swapped in place, island
// state kept), a template edit, a component edit, a syntax error (the
// overlay names the file and line) and its fix (the page recovers).
//
// It prints one JSON report on stdout, like browser.mjs:
//   { "checks": [{ "name", "ok", "detail" }], "console": [...], "fatal": "..." }

import { chromium } from "playwright-core";
import { newReport } from "./report.mjs";
import fs from "node:fs";
import path from "node:path";

const [base, site, artifacts] = process.argv.slice(2);
const WAIT = 20000; // bound of each wait for the page to follow an edit (ms)

const { report, check, finish } = newReport("dev.mjs", 150000);

// edit rewrites a file of the site with fn(old contents).
function edit(rel, fn) {
  const p = path.join(site, rel);
  const before = fs.readFileSync(p, "utf8");
  const after = fn(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing`);
  fs.writeFileSync(p, after);
  return before;
}

// follows waits until fn() is true in the page; it reports false on timeout.
async function follows(page, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: WAIT, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

try {
  const page = await browser.newPage();
  page.on("console", (m) => report.console.push({ page: "/products", type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => report.console.push({ page: "/products", type: "pageerror", text: String(e) }));
  let navigations = 0;
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations++;
  });

  await page.goto(base + "/products");
  await page.waitForSelector("ssr-island[data-component=ProductList][data-hydrated]", { timeout: WAIT });
  const devClient = await page.$('script[src$="/_ssr/__dev/client.js"][data-version]');
  check("dev/page-has-dev-client", !!devClient, devClient ? "" : "no dev client script in the page");
  // Island state: one item in the cart.
  await page.click("[data-testid=add-1]");
  await page.waitForFunction(() => document.querySelector("[data-testid=cart-count]").textContent.includes("Cart: 1 item"), null, { timeout: WAIT });

  // 1. A CSS module edit: the stylesheet is swapped, no reload, state kept.
  {
    const loads = navigations;
    edit("components/ProductList.module.css", (s) => s.replace(".price { color: #0a6; }", ".price { color: rgb(200, 0, 0); }"));
    const ok = await follows(page, () => getComputedStyle(document.querySelector("ssr-island [class*=price]")).color === "rgb(200, 0, 0)");
    const cart = await page.textContent("[data-testid=cart-count]");
    check(
      "dev/css-module-edit-swaps-stylesheet-keeping-island-state",
      ok && navigations === loads && cart.includes("Cart: 1 item"),
      `color applied: ${ok}; page loads during the swap: ${navigations - loads}; cart: ${cart.trim()}`,
    );
  }

  // 2. A template edit: the page shows the new template.
  {
    edit("templates/pages/products/index.html", (s) => s.replace("<h1>Products</h1>", "<h1>Products, edited</h1>"));
    const ok = await follows(page, () => document.querySelector("h1") && document.querySelector("h1").textContent === "Products, edited");
    check("dev/template-edit-reaches-open-page", ok, ok ? "" : `h1 is ${await page.textContent("h1").catch(() => "?")}`);
  }

  // 3. A component edit: new server HTML, and it hydrates.
  {
    edit("components/ProductList.jsx", (s) => s.replace("Add to cart{", "Buy now{"));
    const ok = await follows(
      page,
      () =>
        document.querySelector("[data-testid=add-1]") &&
        document.querySelector("[data-testid=add-1]").textContent.startsWith("Buy now") &&
        document.querySelector("ssr-island[data-component=ProductList][data-hydrated]"),
    );
    check("dev/component-edit-reaches-open-page", ok, ok ? "" : `button: ${await page.textContent("[data-testid=add-1]").catch(() => "?")}`);
  }

  // 4. A syntax error: the overlay names the file and line.
  let good;
  {
    good = edit("components/ProductList.jsx", (s) => s.replace("Buy now{cart[p.id]", "Buy now{cart[p.id"));
    const line = good.split("\n").findIndex((l) => l.includes("Buy now{cart[p.id]")) + 1;
    const ok = await follows(page, () => {
      const o = document.querySelector("ssrgate-dev-overlay");
      return o && o.shadowRoot && o.shadowRoot.querySelector(".list").textContent.includes("ProductList.jsx");
    });
    const text = ok ? await page.evaluate(() => document.querySelector("ssrgate-dev-overlay").shadowRoot.querySelector(".list").innerText) : "";
    const loc = new RegExp(`components/ProductList\\.jsx:${line}:\\d+`);
    check(
      "dev/syntax-error-overlay-names-file-and-line",
      ok && loc.test(text) && text.includes("Buy now{cart[p.id"),
      ok ? `overlay: ${text.slice(0, 400)}` : "no overlay appeared",
    );
    const shot = path.join(artifacts, "dev-overlay.png");
    await page.screenshot({ path: shot }).catch(() => {});
    report.screenshot = shot;
  }

  // 5. The fix: the overlay goes away by itself and the page works again.
  {
    fs.writeFileSync(path.join(site, "components/ProductList.jsx"), good);
    const ok = await follows(
      page,
      () =>
        !document.querySelector("ssrgate-dev-overlay") &&
        document.querySelector("ssr-island[data-component=ProductList][data-hydrated]") &&
        document.querySelector("[data-testid=add-1]").textContent.startsWith("Buy now"),
    );
    let works = false;
    if (ok) {
      await page.click("[data-testid=add-1]");
      works = await follows(page, () => document.querySelector("[data-testid=cart-count]").textContent.includes("Cart: 1 item"));
    }
    check("dev/fix-removes-overlay-and-page-recovers", ok && works, `recovered: ${ok}; island interactive: ${works}`);
  }
} catch (err) {
  report.fatal = String(err && err.stack ? err.stack : err);
} finally {
  await browser.close().catch(() => {});
  finish();
}
