// ssrgate's browser client for hypernova-style markup.
//
// A page rendered by another backend (Django, Flask, Rails, PHP…) contains,
// for every component, what ssrgate's /batch or /render returned, or what a
// hypernova client library wrote as its client-rendering fallback:
//
//   <div data-hypernova-key="KEY" data-hypernova-id="ID" [data-ssrgate-src="URL"]>SSR HTML</div>
//   <script type="application/json" data-hypernova-key="KEY" data-hypernova-id="ID"><!--JSON--></script>
//
// This module finds every such pair, parses the props, imports the
// component's browser entry and calls its mount(el, props, hydrate).
// data-ssrgate-src is only on markup that ssrgate rendered on the server: it
// names the entry and means "hydrate". Markup without it is a client
// fallback (the server render failed or was skipped): the entry is looked up
// by KEY in manifest.json next to this file and the component is rendered
// from scratch. Keep in step with internal/hypernova/markup.go.

const KEY = "data-hypernova-key";
const ID = "data-hypernova-id";
const SRC = "data-ssrgate-src";
const STARTED = "data-ssrgate-started";

// normalizeKey is hypernova's key rule: the component name without non-word
// characters ("shop/Cart.tsx" → "shopCarttsx"). Fallback markup written by
// hypernova-client carries the raw name, server markup the normalized one.
export function normalizeKey(name) {
  return String(name).replace(/\W/g, "");
}

// decode parses the text of a props script exactly as hypernova's own
// browser code does: strip <!-- and -->, undo the &gt; and &amp; entities
// that hypernova's serializer writes, then JSON.parse. ssrgate's JSON uses
// \u escapes instead, so for it the entity step changes nothing.
export function decode(text) {
  let s = String(text).trim();
  if (s.startsWith("<!--")) s = s.slice(4);
  if (s.endsWith("-->")) s = s.slice(0, -3);
  s = s.replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return JSON.parse(s);
}

let manifest;
function loadManifest() {
  manifest ||= fetch(new URL("manifest.json", import.meta.url), { credentials: "same-origin" }).then((res) => {
    if (!res.ok) throw new Error(`manifest.json: HTTP ${res.status}`);
    return res.json();
  });
  return manifest;
}

function addStylesheets(hrefs) {
  for (const href of hrefs || []) {
    const url = new URL(href, import.meta.url).href;
    const present = Array.prototype.some.call(
      document.querySelectorAll('link[rel="stylesheet"]'),
      (link) => link.href === url,
    );
    if (!present) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = url;
      document.head.appendChild(link);
    }
  }
}

async function start(el, script) {
  const key = el.getAttribute(KEY);
  try {
    const props = script ? decode(script.textContent) : {};
    let src = el.getAttribute(SRC);
    const hydrate = src !== null;
    if (!hydrate) {
      const entry = (await loadManifest()).components[normalizeKey(key)];
      if (!entry) throw new Error(`no component for key "${key}" in manifest.json`);
      addStylesheets(entry.css);
      src = entry.js;
    }
    const mod = await import(new URL(src, import.meta.url).href);
    await mod.mount(el, props, hydrate);
    el.setAttribute("data-ssrgate-hydrated", hydrate ? "hydrate" : "render");
    el.dispatchEvent(new CustomEvent("ssr:hydrated", { bubbles: true, detail: { key, hydrate } }));
  } catch (err) {
    el.setAttribute("data-hydrate-error", "");
    console.error(`ssrgate: hypernova component ${key} failed to start:`, err);
  }
}

// hydrateAll starts every hypernova component below root that has not been
// started yet. It runs once on load; call it again after inserting markup
// (for example after an htmx or Turbo swap).
export function hydrateAll(root = document) {
  const scripts = new Map();
  for (const s of root.querySelectorAll(`script[type="application/json"][${KEY}][${ID}]`)) {
    scripts.set(s.getAttribute(KEY) + "\u0000" + s.getAttribute(ID), s);
  }
  const started = [];
  for (const el of root.querySelectorAll(`div[${KEY}][${ID}]`)) {
    if (el.hasAttribute(STARTED)) continue;
    el.setAttribute(STARTED, "");
    started.push(start(el, scripts.get(el.getAttribute(KEY) + "\u0000" + el.getAttribute(ID))));
  }
  return Promise.all(started);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => hydrateAll(), { once: true });
  } else {
    hydrateAll();
  }
}
