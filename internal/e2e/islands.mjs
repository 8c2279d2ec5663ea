// Browser half of TestIslands (islands_test.go), over testdata/islands.
//
// Usage: node islands.mjs BASE_URL ARTIFACTS_DIR
// Env:   SSRGATE_E2E_MANIFEST  the engine's manifest (JSON)
//
// Prints one JSON report on stdout, like browser.mjs:
//   { "checks": [{ "name", "ok", "detail" }], "console": [...], "fatal": "..." }
// Every check catches its own errors; every wait is bounded.

import { chromium } from "playwright-core";
import { newReport } from "./report.mjs";

const [base] = process.argv.slice(2);
const manifest = JSON.parse(process.env.SSRGATE_E2E_MANIFEST || "{}");
const pub = manifest.publicPath || "/_ssr/";
const jsOf = (name) => pub + manifest.components[name].js;

const WAIT = 5000;
const HYDRATION_TEXT = /hydration|did not match|mismatch/i;

const { report, check, run, finish } = newReport("islands.mjs", 50000);

function instrument(page, label) {
  const rec = { console: [], errors: [], failed: [], violations: [] };
  // Every page is served under ssrgate's strict CSP: collect violations
  // from the first byte on (init scripts are not subject to the policy).
  page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });
  page.on("console", (m) => {
    const e = { page: label, type: m.type(), text: m.text(), url: (m.location() && m.location().url) || "" };
    rec.console.push(e);
    report.console.push(e);
  });
  page.on("pageerror", (e) => {
    rec.errors.push(String(e));
    report.console.push({ page: label, type: "pageerror", text: String(e) });
  });
  page.on("requestfailed", (r) => rec.failed.push(`${new URL(r.url()).pathname} (${r.failure() && r.failure().errorText})`));
  return rec;
}

// problems: console errors, hydration messages, page errors, failed requests.
function problems(rec) {
  const out = [];
  for (const m of rec.console) {
    if (/\/favicon\.ico$/.test(m.url)) continue; // the fixtures have none
    if (m.type === "error") out.push(`console.error: ${m.text}`);
    else if (HYDRATION_TEXT.test(m.text)) out.push(`hydration message (${m.type}): ${m.text}`);
  }
  for (const e of rec.errors) out.push(`page error: ${e}`);
  for (const f of rec.failed) out.push(`request failed: ${f}`);
  return out;
}

async function violations(page) {
  return ((await page.evaluate(() => window.__cspViolations).catch(() => null)) || []).map((v) => `CSP violation: ${v}`);
}

// hold makes the browser wait for the client entries of the named
// components until release() is called: the island is certainly not
// hydrated while the test interacts with it.
async function hold(page, names) {
  let release;
  const gate = new Promise((r) => (release = r));
  const urls = new Set(names.map((n) => new URL(jsOf(n), base).href));
  const requested = [];
  await page.route((u) => urls.has(u.href), async (route) => {
    requested.push(new URL(route.request().url()).pathname);
    await gate;
    await route.continue();
  });
  return { release, requested };
}

const island = (testid) => `ssr-island:has([data-testid="${testid}"])`;

async function state(page, testid) {
  return page.$eval(island(testid), (el) => ({
    hydrating: el.hasAttribute("data-hydrating"),
    hydrated: el.hasAttribute("data-hydrated"),
    error: el.hasAttribute("data-hydrate-error"),
  }));
}

async function waitFor(page, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: WAIT });
    return true;
  } catch {
    return false;
  }
}

const textOf = (page, sel) => page.$eval(sel, (el) => el.textContent.trim()).catch((e) => `<${sel}: ${e.message.split("\n")[0]}>`);

async function metricValue(component) {
  const body = await (await fetch(base + "/metrics")).text();
  const m = body.match(new RegExp(`^ssrgate_hydration_errors_total\\{component="${component}"\\} (\\d+)$`, "m"));
  return m ? Number(m[1]) : 0;
}

// waitMetric polls /metrics (bounded) until component's counter reached want.
async function waitMetric(component, want) {
  const until = Date.now() + WAIT;
  let v = 0;
  while (Date.now() < until) {
    v = await metricValue(component);
    if (v >= want) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return v;
}

let browser;
try {
  browser = await chromium.launch({
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
    timeout: 15000,
  });
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 } });

  // ---- 1. interactions before hydration are replayed ---------------------
  // Each case loads /replay afresh with the island's entry held back, does
  // what a quick visitor does, checks that the island is not hydrated yet,
  // then lets the entry load and checks that the interaction took effect.
  const cases = [
    { testid: "react-visible", component: "Tally", how: "click", strategy: "client:visible" },
    { testid: "vue-visible", component: "VueTally", how: "click", strategy: "client:visible" },
    { testid: "react-media", component: "Tally", how: "click", strategy: "client:media never matching" },
    { testid: "vue-media", component: "VueTally", how: "click", strategy: "client:media never matching" },
    { testid: "react-typed", component: "Tally", how: "type", strategy: "client:visible" },
    { testid: "vue-typed", component: "VueTally", how: "type", strategy: "client:visible" },
  ];
  for (const c of cases) {
    const name = `replay/${c.testid}-${c.how}-before-hydration`;
    await run(name, async () => {
      const page = await ctx.newPage();
      const rec = instrument(page, "/replay#" + c.testid);
      const h = await hold(page, [c.component]);
      await page.goto(base + "/replay", { waitUntil: "load" });
      const bad = [];
      const before = await state(page, c.testid);
      if (before.hydrating || before.hydrated) bad.push(`island started before any interaction: ${JSON.stringify(before)}`);
      const root = page.locator(`[data-testid="${c.testid}"]`);
      const button = root.locator("button");
      if (c.how === "click") {
        // Scroll into view and click at once, as a quick visitor does.
        await button.scrollIntoViewIfNeeded();
        await button.click();
      } else {
        await root.locator("input").scrollIntoViewIfNeeded();
        await root.locator("input").pressSequentially("hi!");
      }
      const during = await state(page, c.testid);
      if (during.hydrated) bad.push("island hydrated while its entry was held: the check proves nothing");
      if (!during.hydrating) bad.push(`the ${c.how} did not start hydration: ${JSON.stringify(during)}`);
      if (c.how === "click" && (await textOf(page, `[data-testid="${c.testid}"] button`)) !== `${c.testid}: 0`) {
        bad.push("the server HTML changed before hydration");
      }
      h.release();
      const hydrated = await waitFor(page, (s) => document.querySelector(s)?.hasAttribute("data-hydrated"), island(c.testid));
      if (!hydrated) bad.push(`not hydrated after the entry was released: ${JSON.stringify(await state(page, c.testid))}`);
      if (c.how === "click") {
        const want = `${c.testid}: 1`;
        const ok = await waitFor(page, ([s, w]) => document.querySelector(s)?.textContent.trim() === w, [`[data-testid="${c.testid}"] button`, want]);
        if (!ok) bad.push(`after hydration the button reads ${JSON.stringify(await textOf(page, `[data-testid="${c.testid}"] button`))}, want ${JSON.stringify(want)}: the click was lost`);
        // And it still counts normally afterwards (once per click).
        await button.click();
        const two = await waitFor(page, ([s, w]) => document.querySelector(s)?.textContent.trim() === w, [`[data-testid="${c.testid}"] button`, `${c.testid}: 2`]);
        if (!two) bad.push(`a click after hydration reads ${JSON.stringify(await textOf(page, `[data-testid="${c.testid}"] button`))}, want "${c.testid}: 2"`);
      } else {
        const ok = await waitFor(page, ([s, w]) => document.querySelector(s)?.textContent.trim() === w, [`[data-testid="${c.testid}"] output`, "hi!"]);
        if (!ok) bad.push(`after hydration the component's state shows ${JSON.stringify(await textOf(page, `[data-testid="${c.testid}"] output`))}, want "hi!": typing was lost`);
        const value = await root.locator("input").inputValue();
        if (value !== "hi!") bad.push(`input value ${JSON.stringify(value)}, want "hi!"`);
        await root.locator("input").pressSequentially("?");
        const more = await waitFor(page, ([s, w]) => document.querySelector(s)?.textContent.trim() === w, [`[data-testid="${c.testid}"] output`, "hi!?"]);
        if (!more) bad.push(`typing after hydration shows ${JSON.stringify(await textOf(page, `[data-testid="${c.testid}"] output`))}, want "hi!?"`);
      }
      if (h.requested.length === 0) bad.push(`the entry of ${c.component} was never requested`);
      bad.push(...problems(rec), ...(await violations(page)));
      check(name, bad.length === 0, bad.join("\n") || `${c.strategy}: the ${c.how} before hydration took effect after hydration`);
      await page.close();
    });
  }

  // ---- 2. useId values are distinct per island --------------------------
  await run("ids/distinct-per-island", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/ids");
    const res = await page.goto(base + "/ids", { waitUntil: "load" });
    const raw = await res.text();
    await waitFor(page, () => [...document.querySelectorAll("ssr-island")].every((el) => el.hasAttribute("data-hydrated") || el.hasAttribute("data-hydrate-error")));
    await page.waitForLoadState("networkidle", { timeout: WAIT }).catch(() => {});
    const islands = await page.$$eval("ssr-island", (els) =>
      els.map((el) => ({
        component: el.getAttribute("data-component"),
        prefix: el.getAttribute("data-id-prefix"),
        hydrated: el.hasAttribute("data-hydrated"),
        labelFor: el.querySelector("label")?.htmlFor,
        inputId: el.querySelector("input")?.id,
        labelTarget: el.querySelector("label")?.control === el.querySelector("input"),
      })),
    );
    const bad = [];
    const ids = islands.map((i) => i.inputId);
    if (islands.length !== 4) bad.push(`want 4 islands, got ${islands.length}`);
    if (new Set(ids).size !== ids.length || ids.some((x) => !x)) bad.push(`input ids not distinct: ${JSON.stringify(ids)}`);
    for (const i of islands) {
      if (!i.hydrated) bad.push(`${i.component} not hydrated`);
      if (i.labelFor !== i.inputId || !i.labelTarget) bad.push(`${i.component}: label for=${i.labelFor} does not point at its own input ${i.inputId}`);
    }
    // Server and browser agree: the server HTML already had these ids.
    for (const id of ids) if (id && !raw.includes(`id="${id}"`)) bad.push(`id ${id} is not in the server HTML`);
    bad.push(...problems(rec), ...(await violations(page)));
    check("ids/distinct-per-island", bad.length === 0, bad.join("\n") || `ids ${JSON.stringify(ids)}, labels point at their own inputs, no hydration warning`);
    await page.close();
  });

  // ---- 3. strict CSP ---------------------------------------------------------
  const POLICY = /^script-src 'nonce-([A-Za-z0-9_-]{22})' 'strict-dynamic'; object-src 'none'; base-uri 'none'$/;
  await run("csp/strict-policy-no-violations", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/csp");
    // Tighter still than what ssrgate sends: no inline styles and nothing
    // from elsewhere, to show the island wrapper needs no style attribute.
    let served = "";
    await page.route(base + "/csp", async (route) => {
      const res = await route.fetch();
      const headers = res.headers();
      served = headers["content-security-policy"] || "";
      headers["content-security-policy"] = served + "; default-src 'self'; style-src 'self'";
      await route.fulfill({ response: res, headers });
    });
    const res = await page.goto(base + "/csp", { waitUntil: "load" });
    const raw = await res.text();
    const bad = [];
    const m = served.match(POLICY);
    if (!m) bad.push(`Content-Security-Policy ${JSON.stringify(served)} is not the strict policy`);
    const nonce = m ? m[1] : "<none>";
    // Every script and module preload in the HTML carries the nonce; the
    // props scripts are JSON data blocks, which need none.
    for (const tag of raw.match(/<script\b[^>]*>|<link\b[^>]*rel="modulepreload"[^>]*>/g) || []) {
      const json = /type="application\/json"/.test(tag);
      if (!json && !tag.includes(` nonce="${nonce}"`)) bad.push(`no nonce on ${tag}`);
    }
    if (/<ssr-island[^>]*\sstyle=/.test(raw)) bad.push("an island wrapper has a style attribute");
    if (raw.includes("ssrgate-csp-nonce")) bad.push("the {{ cspNonce }} placeholder is left in the page");
    await waitFor(page, () => [...document.querySelectorAll("ssr-island:not([data-strategy=static])")].every((el) => el.hasAttribute("data-hydrated") || el.hasAttribute("data-hydrate-error")));
    const st = await page.$$eval("ssr-island", (els) => els.map((el) => [el.getAttribute("data-component"), el.hasAttribute("data-hydrated"), getComputedStyle(el).display]));
    for (const [comp, hydrated, display] of st) {
      if (display !== "contents") bad.push(`${comp} wrapper display is ${display}, want contents from the island stylesheet`);
      if (comp !== "Mismatch" && !hydrated) bad.push(`${comp} did not hydrate under the policy`);
    }
    if ((await page.evaluate(() => document.documentElement.dataset.pageScript)) !== "ran") bad.push("the page's own script with {{ cspNonce }} did not run");
    for (const id of ["csp-react", "csp-vue"]) {
      await page.click(`[data-testid="${id}"] button`);
      if (!(await waitFor(page, ([s, w]) => document.querySelector(s)?.textContent.trim() === w, [`[data-testid="${id}"] button`, `${id}: 1`]))) bad.push(`${id} does not count under the policy`);
    }
    // A fresh nonce for every response.
    const again = (await (await fetch(base + "/csp")).headers.get("content-security-policy")) || "";
    const m2 = again.match(POLICY);
    if (!m2 || m2[1] === nonce) bad.push(`second response's policy ${JSON.stringify(again)} does not have a fresh nonce (first ${nonce})`);
    bad.push(...problems(rec), ...(await violations(page)));
    check("csp/strict-policy-no-violations", bad.length === 0, bad.join("\n") || `policy ${served}; every script nonced; islands hydrate and work; 0 violations`);
    await page.close();
  });

  // The control: the same policy blocks a script without the nonce, and the
  // violation is seen, so "no violations" above means something.
  await run("csp/control-unnonced-script-blocked", async () => {
    const page = await ctx.newPage();
    const rec = instrument(page, "/csp-control");
    await page.goto(base + "/csp-control", { waitUntil: "load" });
    await waitFor(page, () => document.querySelector("ssr-island")?.hasAttribute("data-hydrated"));
    const v = await violations(page);
    const rogue = await page.evaluate(() => document.documentElement.dataset.rogue);
    const hydrated = await page.$eval("ssr-island", (el) => el.hasAttribute("data-hydrated"));
    check("csp/control-unnonced-script-blocked", v.length === 1 && /script-src/.test(v[0]) && rogue === undefined && hydrated,
      `violations ${JSON.stringify(v)} (want exactly one, script-src); rogue script ran: ${rogue === "ran"}; island hydrated: ${hydrated}; console: ${JSON.stringify(rec.console.map((m) => m.text))}`);
    await page.close();
  });

  // ---- 5. misconfiguration is loud (strict mode shows it in the page) -----
  await run("misconfig/missing-ssrScripts-shown", async () => {
    const page = await ctx.newPage();
    instrument(page, "/noscripts");
    await page.goto(base + "/noscripts", { waitUntil: "load" });
    await page.reload({ waitUntil: "load" });
    const alert = await page.locator("[data-ssrgate-warning]").innerText().catch((e) => `<none: ${e.message.split("\n")[0]}>`);
    const visible = await page.locator("[data-ssrgate-warning]").isVisible().catch(() => false);
    const hydrating = await page.$eval("ssr-island", (el) => el.hasAttribute("data-hydrating"));
    check("misconfig/missing-ssrScripts-shown", visible && /no \{\{ ssrScripts \}\}/.test(alert) && !hydrating,
      `warning visible: ${visible}, text ${JSON.stringify(alert)}; island started: ${hydrating}`);
    await page.close();
  });

  // ---- 4. hydration failures reach the server ----------------------------
  await run("report/mismatch-counted", async () => {
    const page = await ctx.newPage();
    instrument(page, "/mismatch");
    const before = { react: await metricValue("Mismatch"), vue: await metricValue("VueMismatch") };
    await page.goto(base + "/mismatch", { waitUntil: "load" });
    await waitFor(page, () => [...document.querySelectorAll("ssr-island")].every((el) => el.hasAttribute("data-hydrated") || el.hasAttribute("data-hydrate-error")));
    const react = await waitMetric("Mismatch", before.react + 1);
    const vue = await waitMetric("VueMismatch", before.vue + 1);
    check("report/mismatch-counted", react > before.react && vue > before.vue,
      `ssrgate_hydration_errors_total: Mismatch ${before.react} → ${react}, VueMismatch ${before.vue} → ${vue} (want each to grow)`);
    await page.close();
  });

  await run("report/chunk-load-failure-counted", async () => {
    const page = await ctx.newPage();
    instrument(page, "/loadfail");
    const before = await metricValue("Tally");
    await page.route((u) => u.href === new URL(jsOf("Tally"), base).href, (route) => route.abort("failed"));
    await page.goto(base + "/loadfail", { waitUntil: "load" });
    const failed = await waitFor(page, () => document.querySelector("ssr-island")?.hasAttribute("data-hydrate-error"));
    const after = await waitMetric("Tally", before + 1);
    check("report/chunk-load-failure-counted", failed && after > before,
      `island marked failed: ${failed}; ssrgate_hydration_errors_total{component="Tally"} ${before} → ${after}`);
    await page.close();
  });

  await ctx.close();
} catch (err) {
  report.fatal = String(err && err.stack ? err.stack : err);
} finally {
  if (browser) await browser.close().catch(() => {});
  finish();
}
