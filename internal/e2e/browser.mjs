// Browser half of ssrgate's end-to-end test (driven by e2e_test.go).
//
// Usage: node browser.mjs BASE_URL ARTIFACTS_DIR
// Env:   SSRGATE_E2E_MANIFEST  the engine's manifest (JSON), to know each
//                              component's client entry URL.
//
// It prints one JSON report on stdout:
//   { "checks": [{ "name", "ok", "detail" }], "console": [...], "requests": [...],
//     "screenshot": "...", "fatal": "..." }
// Every check runs on its own and catches its own errors, so one failure
// never hides the others. Every wait is bounded.

import { chromium } from "playwright-core";
import { newReport } from "./report.mjs";
import path from "node:path";

const [base, artifacts] = process.argv.slice(2);
const manifest = JSON.parse(process.env.SSRGATE_E2E_MANIFEST || "{}");
const pub = manifest.publicPath || "/_ssr/";
const jsOf = (name) => {
  const e = manifest.components && manifest.components[name];
  return e ? pub + e.js : null;
};

const WAIT = 5000; // bound of every single wait (ms)
const HYDRATION_TEXT = [
  /hydration failed/i,
  /did not match/i,
  /hydration mismatch/i,
  /hydration.*mismatch/i, // Vue: "Hydration node mismatch", "Hydration text content mismatch"
  /ssrgate: hydration mismatch/i,
];

const { report, check, run, finish } = newReport("browser.mjs", 45000);

// instrument records console messages, page errors, requests and responses
// of one page.
function instrument(page, label) {
  const rec = { console: [], errors: [], requests: [], responses: [], failed: [] };
  page.on("console", (m) => {
    const entry = { page: label, type: m.type(), text: m.text(), url: (m.location() && m.location().url) || "" };
    rec.console.push(entry);
    report.console.push(entry);
  });
  page.on("pageerror", (e) => {
    rec.errors.push(String(e && e.stack ? e.stack : e));
    report.console.push({ page: label, type: "pageerror", text: String(e) });
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    rec.requests.push(u.pathname);
    report.requests.push(`${label}: ${u.pathname}`);
  });
  page.on("response", (r) => rec.responses.push(r));
  page.on("requestfailed", (r) => rec.failed.push(`${r.url()} (${r.failure() && r.failure().errorText})`));
  return rec;
}

const nonStatic = "ssr-island:not([data-strategy=static])";

// waitHydrated waits (bounded) until every non-static island on the page has
// data-hydrated or data-hydrate-error, and React has attached its fiber to
// the island's DOM. It returns the state of every island.
async function waitHydrated(page, sel = nonStatic) {
  try {
    await page.waitForFunction(
      (s) => {
        const els = [...document.querySelectorAll(s)];
        return els.length > 0 && els.every((el) => el.hasAttribute("data-hydrated") || el.hasAttribute("data-hydrate-error"));
      },
      sel,
      { timeout: WAIT },
    );
    // data-hydrated is set when mount() returns; React commits hydration a
    // little later. Wait (bounded) until the framework owns the island's
    // DOM: React's fiber on a child, or Vue's app on the island.
    await page.waitForFunction(
      (s) =>
        [...document.querySelectorAll(s)].every(
          (el) =>
            el.hasAttribute("data-hydrate-error") ||
            "__vue_app__" in el ||
            [...el.children].some((c) => Object.keys(c).some((k) => k.startsWith("__reactFiber"))),
        ),
      sel,
      { timeout: WAIT },
    );
  } catch {
    // fall through: the state below says which island is stuck
  }
  return page.$$eval(sel, (els) =>
    els.map((el) => ({
      component: el.getAttribute("data-component"),
      strategy: el.getAttribute("data-strategy"),
      hydrated: el.hasAttribute("data-hydrated"),
      error: el.hasAttribute("data-hydrate-error"),
      fallback: el.getAttribute("data-fallback"),
      framework: "__vue_app__" in el || [...el.children].some((c) => Object.keys(c).some((k) => k.startsWith("__reactFiber"))),
    })),
  );
}

// problems lists what went wrong on a page: console errors, page errors,
// hydration messages, failed requests and HTTP errors. The demo has no
// favicon: Chromium's /favicon.ico 404 is not the page's fault. With JS
// disabled, Chromium blocks the modulepreload fetches ("csp"); expected.
function problems(rec, { jsDisabled = false } = {}) {
  const out = [];
  const favicon = (u) => /\/favicon\.ico$/.test(u || "");
  for (const m of rec.console) {
    if (m.type === "error" && favicon(m.url)) continue;
    if (m.type === "error") out.push(`console.error: ${m.text}${m.url ? ` (${m.url})` : ""}`);
    else if (HYDRATION_TEXT.some((re) => re.test(m.text))) out.push(`hydration message (${m.type}): ${m.text}`);
  }
  for (const e of rec.errors) out.push(`page error: ${e}`);
  for (const f of rec.failed) if (!(jsDisabled && / \(csp\)$/.test(f))) out.push(`request failed: ${f}`);
  for (const r of rec.responses) if (r.status() >= 400) out.push(`HTTP ${r.status()} for ${new URL(r.url()).pathname}`);
  return out;
}

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.trim()).catch((e) => `<${sel} not found: ${e.message.split("\n")[0]}>`);

async function waitText(page, sel, want) {
  try {
    await page.waitForFunction(([s, w]) => document.querySelector(s)?.textContent.trim() === w, [sel, want], { timeout: WAIT });
    return true;
  } catch {
    return false;
  }
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    // Playwright creates a fresh temporary profile (user data dir) per
    // launch under TMPDIR; the Go test points TMPDIR at its own temp dir.
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
    timeout: 15000,
  });

  // ---- 1. Server HTML is complete before any JS runs -----------------------
  const noJS = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
  noJS.setDefaultTimeout(WAIT);
  noJS.setDefaultNavigationTimeout(10000);

  await run("1-no-js/products", async () => {
    const page = await noJS.newPage();
    const rec = instrument(page, "nojs /products");
    await page.goto(base + "/products", { waitUntil: "load" });
    const island = "ssr-island[data-component=ProductList]";
    const inner = await page.$eval(island, (el) => el.textContent).catch(() => "");
    const missing = [];
    for (const want of ["Walnut desk", "Oak chair", "Slate coaster", "$19.00", "$32.50", "$167.50", "Cart: 0 items", "Add to cart"]) {
      if (!inner.includes(want)) missing.push(JSON.stringify(want));
    }
    const items = await page.$$eval(`${island} li`, (els) => els.length).catch(() => 0);
    const fallback = await page.$eval(island, (el) => el.getAttribute("data-fallback")).catch(() => null);
    const bad = [];
    if (missing.length) bad.push(`island text lacks ${missing.join(", ")}`);
    if (items !== 12) bad.push(`want 12 products in the server HTML, got ${items}`);
    if (fallback) bad.push(`island fell back to client rendering (data-fallback=${fallback})`);
    bad.push(...problems(rec, { jsDisabled: true }));
    check("1-no-js/products", bad.length === 0,
      bad.length ? `${bad.join("; ")}\nisland text: ${inner.slice(0, 300)}` : `12 products, prices and "Cart: 0 items" present without JS`);

    // CSS applies without JS too (the module class names of server and
    // client bundles agree, and the stylesheet is in the server HTML).
    const price = await page.$eval(`${island} li span`, (el) => ({ cls: el.className, color: getComputedStyle(el).color })).catch((e) => ({ error: e.message }));
    const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => {
      let rules = [];
      try { rules = [...s.cssRules].map((r) => r.selectorText).filter(Boolean); } catch {}
      return { href: s.href, rules };
    }));
    check("5-css/styled-without-js", price.color === "rgb(0, 170, 102)",
      `price <span class="${price.cls}"> color without JS is ${price.color || price.error}, want rgb(0, 170, 102) (#0a6 from ProductList.module.css .price); stylesheets: ${JSON.stringify(sheets)}`);
    await page.close();
  });

  await run("1-no-js/article", async () => {
    const page = await noJS.newPage();
    const rec = instrument(page, "nojs /articles/islands");
    await page.goto(base + "/articles/islands", { waitUntil: "load" });
    const island = "ssr-island[data-component=ArticleBody]";
    const inner = await page.$eval(island, (el) => el.textContent).catch(() => "");
    const missing = [];
    for (const want of [
      "Islands of interactivity",
      "By Ada <Admin> & Co",
      "March 14, 2026",
      "Most of a page is static. Only a few parts need JavaScript.",
      "</script> tags in props are escaped.",
    ]) {
      if (!inner.includes(want)) missing.push(JSON.stringify(want));
    }
    const news = await page.$eval("ssr-island[data-component=Newsletter]", (el) => el.textContent).catch(() => "");
    if (!news.includes("Get islands updates")) missing.push(`Newsletter server HTML "Get islands updates" (got ${JSON.stringify(news.slice(0, 100))})`);
    missing.push(...problems(rec, { jsDisabled: true }));
    check("1-no-js/article", missing.length === 0,
      missing.length ? `article: ${missing.join(", ")}\nisland text: ${inner.slice(0, 300)}` : "article text and newsletter form present without JS");
    await page.close();
  });
  await noJS.close();

  // ---- JS-enabled context -------------------------------------------------
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  ctx.setDefaultTimeout(WAIT);
  ctx.setDefaultNavigationTimeout(10000);

  // ---- 2 + 3 on / ---------------------------------------------------------
  await run("2-hydration/home", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/");
    await page.goto(base + "/", { waitUntil: "load" });
    // The client:media island waits for a narrow viewport (4-strategy/media).
    const states = await waitHydrated(page, `${nonStatic}:not([data-strategy=media])`);
    const stuck = states.filter((s) => !s.hydrated || s.error || !s.framework || s.fallback);
    await page.waitForTimeout(300); // let late recoverable errors surface
    const probs = problems(rec);
    const bad = [];
    if (states.length === 0) bad.push("no non-static island on /");
    if (stuck.length) bad.push(`islands not hydrated: ${JSON.stringify(stuck)}`);
    bad.push(...probs);
    check("2-hydration/home", bad.length === 0, bad.length ? bad.join("\n") : `hydrated: ${JSON.stringify(states)}`);

    // client:media: not hydrated at the desktop viewport; hydrated once the
    // query matches, and then interactive.
    await run("4-strategy/media", async () => {
      const sel = "ssr-island[data-component='shop/Cart']";
      await page.waitForTimeout(300);
      const before = await page.$eval(sel, (el) => ({ strategy: el.getAttribute("data-strategy"), hydrating: el.hasAttribute("data-hydrating") }));
      await page.setViewportSize({ width: 500, height: 800 });
      const states = await waitHydrated(page, sel);
      const s = states[0] || {};
      let removed = false;
      if (s.hydrated && s.framework) {
        await page.click(`${sel} li:first-child button`);
        removed = await waitText(page, `${sel} h2`, "Your cart (1)");
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      check("4-strategy/media", before.strategy === "media" && !before.hydrating && s.hydrated && removed,
        `before: ${JSON.stringify(before)}; after narrowing: ${JSON.stringify(s)}; remove works: ${removed}`);
    });

    await run("3-interactive/home-counter", async () => {
      const btn = "ssr-island[data-component=Counter] button";
      const before = await text(page, btn);
      await page.click(btn);
      const ok = await waitText(page, btn, "Clicks: 1");
      check("3-interactive/home-counter", before === "Clicks: 0" && ok,
        `counter before click ${JSON.stringify(before)}, after ${JSON.stringify(await text(page, btn))}, want "Clicks: 0" then "Clicks: 1"`);
    });
    await page.close();
  });

  // ---- 2 + 3 + 5 on /products --------------------------------------------
  await run("2-hydration/products", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/products");
    const resp = await page.goto(base + "/products", { waitUntil: "load" });
    const states = await waitHydrated(page);
    const stuck = states.filter((s) => !s.hydrated || s.error || !s.framework || s.fallback);
    await page.waitForTimeout(300);
    const bad = [];
    if (states.length === 0) bad.push("no non-static island on /products");
    if (stuck.length) bad.push(`islands not hydrated: ${JSON.stringify(stuck)}`);
    bad.push(...problems(rec));
    check("2-hydration/products", bad.length === 0, bad.length ? bad.join("\n") : `hydrated: ${JSON.stringify(states)}`);

    await run("screenshot", async () => {
      report.screenshot = path.join(artifacts, "products.png");
      await page.screenshot({ path: report.screenshot, fullPage: true });
    });

    // 5. stylesheet in <head>, before the island, cached immutably.
    await run("5-css/products-stylesheet", async () => {
      const raw = await resp.text();
      const headEnd = raw.indexOf("</head>");
      const islandAt = raw.indexOf("<ssr-island");
      const css = (manifest.components?.ProductList?.css || []).map((c) => pub + c);
      const bad = [];
      if (css.length === 0) bad.push("manifest lists no CSS for ProductList");
      for (const href of css) {
        const at = raw.indexOf(`<link rel="stylesheet" href="${href}">`);
        if (at < 0) bad.push(`no <link rel="stylesheet" href="${href}"> in the page`);
        else if (at > headEnd) bad.push(`stylesheet link at ${at} is after </head> at ${headEnd}`);
        else if (islandAt >= 0 && at > islandAt) bad.push("stylesheet link comes after the island");
        const r = rec.responses.find((x) => new URL(x.url()).pathname === href);
        if (!r) bad.push(`stylesheet ${href} was never requested`);
        else {
          const cc = (await r.allHeaders())["cache-control"] || "";
          if (r.status() !== 200) bad.push(`stylesheet ${href}: HTTP ${r.status()}`);
          if (!/\bimmutable\b/.test(cc)) bad.push(`stylesheet ${href}: Cache-Control ${JSON.stringify(cc)} lacks immutable`);
          const ct = (await r.allHeaders())["content-type"] || "";
          if (!ct.startsWith("text/css")) bad.push(`stylesheet ${href}: Content-Type ${JSON.stringify(ct)}`);
        }
      }
      // The DOM agrees: every stylesheet link is in document.head.
      const inHead = await page.$$eval("link[rel=stylesheet]", (ls) => ls.every((l) => l.parentElement === document.head));
      if (!inHead) bad.push("a stylesheet link is outside <head> in the DOM");
      const color = await page.$eval("ssr-island[data-component=ProductList] li span", (el) => getComputedStyle(el).color).catch((e) => e.message);
      if (color !== "rgb(0, 170, 102)") bad.push(`hydrated price color is ${color}, want rgb(0, 170, 102) from .price`);
      check("5-css/products-stylesheet", bad.length === 0, bad.length ? bad.join("\n") : `${css.join(", ")} in <head> before the island, 200, immutable`);
    });

    // A React-only page never loads Vue: no script it fetched holds Vue's runtime.
    await run("4-strategy/react-page-loads-no-vue", async () => {
      const js = [...new Set(rec.requests.filter((p) => p.endsWith(".js")))];
      const withVue = [];
      for (const p of js) {
        const body = await (await fetch(base + p)).text();
        if (body.includes("__vue_app__")) withVue.push(p);
      }
      check("4-strategy/react-page-loads-no-vue", js.length > 0 && withVue.length === 0,
        withVue.length ? `Vue runtime loaded on /products by ${withVue.join(" ")}` : `${js.length} scripts, none with Vue`);
    });

    await run("3-interactive/add-to-cart", async () => {
      const before = await text(page, "[data-testid=cart-count]");
      await page.click("[data-testid=add-1]");
      await page.click("[data-testid=add-1]");
      const ok = await waitText(page, "[data-testid=cart-count]", "Cart: 2 items");
      const btn = await text(page, "[data-testid=add-1]");
      check("3-interactive/add-to-cart", before === "Cart: 0 items" && ok && btn === "Add to cart (2)",
        `cart before ${JSON.stringify(before)}, after two clicks ${JSON.stringify(await text(page, "[data-testid=cart-count]"))} (button ${JSON.stringify(btn)}); want "Cart: 0 items" then "Cart: 2 items" and "Add to cart (2)"`);
    });

    await run("3-interactive/filter", async () => {
      const names = () => page.$$eval("ssr-island[data-component=ProductList] li a", (as) => as.map((a) => a.textContent));
      const priceClass = () => page.$eval("ssr-island[data-component=ProductList] li span", (el) => el.className).catch((e) => e.message);
      const serverClass = await priceClass();
      const before = await names();
      await page.fill("ssr-island[data-component=ProductList] input[type=search]", "oak");
      let after = [];
      try {
        await page.waitForFunction(() => document.querySelectorAll("ssr-island[data-component=ProductList] li").length === 1, null, { timeout: WAIT });
      } catch {}
      after = await names();
      const ok1 = before.length === 12 && after.length === 1 && after[0] === "Oak chair";
      await page.fill("ssr-island[data-component=ProductList] input[type=search]", "zzz");
      let empty = false;
      try {
        await page.waitForFunction(() => /No products match/.test(document.querySelector("ssr-island[data-component=ProductList]").textContent), null, { timeout: WAIT });
        empty = true;
      } catch {}
      check("3-interactive/filter", ok1 && empty,
        `before filter ${before.length} products; after "oak": ${JSON.stringify(after)} (want ["Oak chair"]); "zzz" shows "No products match": ${empty}`);
      await page.fill("ssr-island[data-component=ProductList] input[type=search]", "");
      await page.waitForFunction(() => document.querySelectorAll("ssr-island[data-component=ProductList] li").length === 12, null, { timeout: WAIT }).catch(() => {});
      // The list items are now created by the browser: their CSS module
      // class names must be the server's.
      const clientClass = await priceClass();
      check("5-css/class-names-server-equals-client", serverClass === clientClass,
        `price class in server HTML ${JSON.stringify(serverClass)}, in client-rendered items ${JSON.stringify(clientClass)}: server and client bundles disagree on CSS module names`);
    });

    const late = problems(rec).filter((p) => !bad.includes(p));
    check("2-no-errors-after-interaction/products", late.length === 0, late.join("\n") || "no console errors during interaction");
    await page.close();
  });

  // ---- 4. Strategies: static and client:visible -------------------------
  await run("4-strategy/article", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/articles/islands");
    const resp = await page.goto(base + "/articles/islands", { waitUntil: "load" });
    const raw = await resp.text();
    const articleJS = jsOf("ArticleBody");
    const newsJS = jsOf("Newsletter");
    const runtimeJS = pub + manifest.runtime;

    // Static island: no data-src, no props script, no JS for it, ever.
    await run("4-strategy/static-island", async () => {
      const info = await page.$eval("ssr-island[data-component=ArticleBody]", (el) => ({
        strategy: el.getAttribute("data-strategy"),
        src: el.getAttribute("data-src"),
        nextIsProps: !!(el.nextElementSibling && el.nextElementSibling.matches("script[data-island-props]")),
      }));
      const bad = [];
      if (info.strategy !== "static") bad.push(`data-strategy=${info.strategy}, want static`);
      if (info.src !== null) bad.push(`static island has data-src=${info.src}`);
      if (info.nextIsProps) bad.push("static island is followed by a props script");
      const m = raw.match(/<ssr-island[^>]*data-component="ArticleBody"[^>]*>[\s\S]*?<\/ssr-island>(<script[^>]*>)?/);
      if (!m) bad.push("ArticleBody island not found in the raw HTML");
      else if (m[1]) bad.push(`raw HTML: static island followed by ${m[1]}`);
      if (!articleJS) bad.push("manifest has no JS entry for ArticleBody");
      else if (raw.includes(articleJS)) bad.push(`raw HTML references ${articleJS}`);
      check("4-strategy/static-island", bad.length === 0, bad.join("\n") || "static: no data-src, no props script, JS not referenced");
    });

    // Other non-static islands on the page (not client:visible) hydrate.
    await run("2-hydration/article-other-islands", async () => {
      const sel = "ssr-island:not([data-strategy=static]):not([data-strategy=visible])";
      const n = await page.$$eval(sel, (els) => els.length);
      if (n === 0) {
        check("2-hydration/article-other-islands", true, "no eager islands on the article page");
        return;
      }
      const states = await waitHydrated(page, sel);
      const stuck = states.filter((s) => !s.hydrated || s.error || !s.framework || s.fallback);
      check("2-hydration/article-other-islands", stuck.length === 0,
        stuck.length ? `islands not hydrated: ${JSON.stringify(stuck)}` : `hydrated: ${JSON.stringify(states)}`);
    });

    // The Vue island beside the React islands reacts to a click, and its
    // hydration logged no mismatch (checked with every other message below).
    await run("3-interactive/vue-comments", async () => {
      const before = await text(page, "[data-testid=likes-total]");
      await page.click("[data-testid=like-1]");
      const ok = await waitText(page, "[data-testid=likes-total]", "5 likes in all");
      check("3-interactive/vue-comments", before === "4 likes in all" && ok,
        `likes before: ${JSON.stringify(before)}, after: ${JSON.stringify(await text(page, "[data-testid=likes-total]"))} (want 4 → 5)`);
    });

    // Each framework's code loads once: no script is fetched twice.
    await run("4-strategy/no-duplicate-js", async () => {
      const js = rec.requests.filter((p) => p.endsWith(".js"));
      const dups = js.filter((p, i) => js.indexOf(p) !== i);
      check("4-strategy/no-duplicate-js", dups.length === 0, dups.length ? `fetched twice: ${dups.join(" ")}` : `${js.length} scripts, each once`);
    });

    // client:visible before scrolling: runtime ran, Newsletter not hydrated.
    await run("4-strategy/visible-before-scroll", async () => {
      // Bounded settle: the runtime loaded and had time to act.
      await page.waitForLoadState("networkidle", { timeout: WAIT }).catch(() => {});
      await page.waitForTimeout(500);
      const st = await page.$eval("ssr-island[data-component=Newsletter]", (el) => ({
        strategy: el.getAttribute("data-strategy"),
        hydrated: el.hasAttribute("data-hydrated"),
        hydrating: el.hasAttribute("data-hydrating"),
      }));
      const bad = [];
      if (st.strategy !== "visible") bad.push(`Newsletter data-strategy=${st.strategy}, want visible`);
      if (!rec.requests.includes(runtimeJS)) bad.push(`island runtime ${runtimeJS} was not requested (so this check proves nothing)`);
      if (st.hydrated || st.hydrating) bad.push("Newsletter hydrated before it was scrolled into view");
      if (newsJS && rec.requests.includes(newsJS)) bad.push(`Newsletter JS ${newsJS} requested before scrolling`);
      if (newsJS && raw.includes(`rel="modulepreload" href="${newsJS}"`)) bad.push("Newsletter JS is modulepreloaded although client:visible");
      check("4-strategy/visible-before-scroll", bad.length === 0, bad.join("\n") || "not hydrated and JS not fetched before scrolling");
    });

    await run("4-strategy/visible-after-scroll", async () => {
      await page.locator("ssr-island[data-component=Newsletter] > form").scrollIntoViewIfNeeded({ timeout: WAIT });
      const states = await waitHydrated(page, "ssr-island[data-component=Newsletter]");
      const s = states[0] || {};
      const bad = [];
      if (!s.hydrated || s.error || !s.framework) bad.push(`Newsletter after scrolling into view: ${JSON.stringify(s)} (want hydrated)`);
      if (newsJS && !rec.requests.includes(newsJS)) bad.push(`Newsletter JS ${newsJS} never requested`);
      if (!bad.length) {
        // And it works: submit shows the thank-you text.
        await page.fill("ssr-island[data-component=Newsletter] input[type=email]", "a@example.com");
        await page.click("ssr-island[data-component=Newsletter] button[type=submit]");
        const ok = await waitText(page, "ssr-island[data-component=Newsletter] [role=status]", "Thanks! You will hear about islands at a@example.com.");
        if (!ok) bad.push(`Newsletter submit did not show the thank-you text: ${JSON.stringify(await text(page, "ssr-island[data-component=Newsletter]"))}`);
      }
      check("4-strategy/visible-after-scroll", bad.length === 0, bad.join("\n") || "hydrated after scrolling, JS fetched then, form works");
    });

    await run("4-strategy/static-js-never-requested", async () => {
      const bad = [];
      if (articleJS && rec.requests.includes(articleJS)) bad.push(`ArticleBody JS ${articleJS} was requested`);
      bad.push(...problems(rec));
      check("4-strategy/static-js-never-requested", bad.length === 0,
        bad.join("\n") || `ArticleBody JS never requested; requests: ${rec.requests.join(" ")}`);
    });
    await page.close();
  });

  // ---- 4. client:idle -----------------------------------------------------
  await run("4-strategy/idle", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/products/1");
    const resp = await page.goto(base + "/products/1", { waitUntil: "load" });
    const raw = await resp.text();
    const states = await waitHydrated(page);
    const bad = [];
    const s = states.find((x) => x.component === "Counter");
    if (!s) bad.push(`no Counter island: ${JSON.stringify(states)}`);
    else {
      if (s.strategy !== "idle") bad.push(`Counter data-strategy=${s.strategy}, want idle`);
      if (!s.hydrated || s.error || !s.framework) bad.push(`Counter not hydrated: ${JSON.stringify(s)}`);
    }
    const counterJS = jsOf("Counter");
    if (counterJS && raw.includes(`rel="modulepreload" href="${counterJS}"`)) bad.push("client:idle Counter JS is modulepreloaded");
    if (!bad.length) {
      const btn = "ssr-island[data-component=Counter] button";
      await page.click(btn);
      if (!(await waitText(page, btn, "Quantity: 2"))) bad.push(`after click: ${JSON.stringify(await text(page, btn))}, want "Quantity: 2"`);
    }
    await page.waitForTimeout(200);
    bad.push(...problems(rec));
    check("4-strategy/idle", bad.length === 0, bad.join("\n") || "client:idle Counter hydrated and counts");
    await page.close();
  });

  await ctx.close();
} catch (err) {
  report.fatal = String(err && err.stack ? err.stack : err);
} finally {
  if (browser) await browser.close().catch(() => {});
  finish();
}
