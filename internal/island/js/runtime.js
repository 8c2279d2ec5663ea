// ssrgate island runtime: finds the <ssr-island> elements the server wrote,
// waits for each island's strategy, then loads only that island's client entry
// and hydrates it (or renders it, for client-only islands).
//
// Markup contract (internal/island/island.go, Markup):
//   <ssr-island data-component data-strategy data-src [data-media] [data-render="client"] [data-id-prefix]>
//     server HTML
//   </ssr-island><script type="application/json" data-island-props>{...}</script>
//
// The wrapper's display:contents comes from the island stylesheet that
// {{ ssrHead }} links (island.css), never from a style attribute, so pages
// work under a Content-Security-Policy without 'unsafe-inline' styles.
//
// Two more duties:
//   - Interactions before hydration are kept. A visitor may click a lazy
//     island (client:visible, client:idle, client:media) before it hydrated.
//     The first such interaction starts hydration at once; the events of the
//     interaction are held back from the not-yet-live DOM and dispatched
//     again on the same nodes once the framework owns them (see capture).
//   - Failures are reported. Hydration mismatches, chunk load failures and
//     exceptions while hydrating are sent to PUBLIC_PATH/report with the
//     component, strategy and a one-line message: never props or page text.

const TAG = "ssr-island";

// ---- reporting ------------------------------------------------------------

// The report endpoint sits next to the runtime (PUBLIC_PATH/report), but on
// the page's own origin: assets may come from a CDN, reports go to ssrgate.
const REPORT_URL = new URL(new URL("report", import.meta.url).pathname, location.href).href;
const MAX_REPORTS = 10; // per page view; the server rate-limits as well
let reports = 0;

// oneLine reduces an error to a short message that carries no page data:
// its first line (React and Vue put the differing text on later lines),
// without URL query strings (React's minified errors pass arguments there),
// at most 200 characters.
function oneLine(err) {
  let s = String((err && err.message) || err || "");
  s = s.split("\n")[0].replace(/\?\S*/g, "").trim();
  return s.length > 200 ? s.slice(0, 200) : s;
}

function report(el, kind, err) {
  if (reports >= MAX_REPORTS) return;
  reports++;
  const body = JSON.stringify({
    component: el.getAttribute("data-component") || "",
    strategy: el.getAttribute("data-strategy") || "",
    kind,
    message: oneLine(err),
  });
  try {
    const blob = new Blob([body], { type: "application/json" });
    if (navigator.sendBeacon && navigator.sendBeacon(REPORT_URL, blob)) return;
    fetch(REPORT_URL, { method: "POST", body, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(() => {});
  } catch {
    // reporting must never break the page
  }
}

// ---- interactions before hydration ------------------------------------------

// TRIGGERS start a lazy island's hydration when they happen inside it.
const TRIGGERS = ["pointerdown", "click", "keydown", "input", "focusin"];
// HELD are the events held back and replayed while an island hydrates: the
// triggers and the rest of the interactions they begin, so that a framework
// sees a whole press (down, up, click) or keystroke, in order, exactly once.
const HELD = [...TRIGGERS, "pointerup", "mousedown", "mouseup", "keyup", "change", "focusout"];
// An interaction waits at most this long for hydration; then its events are
// replayed on the server DOM anyway (a component that never commits must not
// swallow clicks forever).
const HOLD_MAX_MS = 10000;

// pathTo lists the child indices from root down to node.
function pathTo(root, node) {
  const path = [];
  for (let n = node; n && n !== root; n = n.parentNode) {
    const parent = n.parentNode;
    if (!parent) return null;
    path.unshift(Array.prototype.indexOf.call(parent.childNodes, n));
  }
  return path;
}

function follow(root, path) {
  let n = root;
  for (const i of path || []) {
    n = n && n.childNodes[i];
  }
  return n || root;
}

// capture installs capture-phase listeners on an island that hold back the
// HELD events while the island is not live, and returns the controller:
//   pending()  begin holding (hydration has started)
//   release()  stop holding and replay what was held, in order
// Hydration keeps the server's DOM nodes, so the original target normally
// still stands and gets the replay; if it was replaced, the node at the same
// child path does.
function capture(el, onTrigger) {
  let holding = false;
  let released = false;
  const held = [];
  const listener = (ev) => {
    if (released) return;
    if (!holding) {
      if (!TRIGGERS.includes(ev.type)) return;
      holding = true;
      onTrigger();
    }
    // The framework is not listening yet (or is hydrating and would replay
    // the event itself): nobody below must see it now.
    ev.stopImmediatePropagation();
    // A click's default action (follow a link, submit a form, toggle a
    // checkbox) waits for the component, which may want to prevent it; the
    // replayed click performs it otherwise.
    if (ev.type === "click" && ev.cancelable) ev.preventDefault();
    held.push({ ev, target: ev.target, path: pathTo(el, ev.target), active: document.activeElement === ev.target });
  };
  for (const type of HELD) el.addEventListener(type, listener, true);
  let timer;
  const ctl = {
    pending() {
      holding = true;
      if (!timer) timer = setTimeout(() => ctl.release(), HOLD_MAX_MS);
    },
    release() {
      if (released) return;
      released = true;
      clearTimeout(timer);
      for (const type of HELD) el.removeEventListener(type, listener, true);
      for (const h of held) replay(el, h);
    },
  };
  return ctl;
}

function replay(el, { ev, target, path, active }) {
  const node = target && target.isConnected && el.contains(target) ? target : follow(el, path);
  if (active && document.activeElement !== node && typeof node.focus === "function") node.focus();
  if (ev.type === "input" && (node.tagName === "INPUT" || node.tagName === "TEXTAREA")) markTyped(node);
  let copy;
  try {
    copy = new ev.constructor(ev.type, ev);
  } catch {
    copy = new Event(ev.type, ev);
  }
  node.dispatchEvent(copy);
}

// markTyped makes text typed before hydration visible to React: React's
// input value tracker adopted the typed value when it hydrated, so a
// replayed input event would look like no change. Setting the value through
// the element (tracked) to its server value and back through the prototype
// (untracked) leaves the DOM as the visitor typed it and lets the replayed
// event report the change. Vue reads el.value on input and needs nothing.
function markTyped(node) {
  const typed = node.value;
  if (typed === node.defaultValue) return;
  const proto = node.tagName === "INPUT" ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const set = Object.getOwnPropertyDescriptor(proto, "value").set;
  node.value = node.defaultValue;
  set.call(node, typed);
}

// ---- hydration ----------------------------------------------------------------

function readProps(el) {
  const next = el.nextElementSibling;
  if (next && next.tagName === "SCRIPT" && next.hasAttribute("data-island-props")) {
    return JSON.parse(next.textContent || "{}");
  }
  return {};
}

async function start(el, held) {
  if (el.hasAttribute("data-hydrating")) return;
  el.setAttribute("data-hydrating", "");
  held?.pending();
  const name = el.getAttribute("data-component");
  let stage = "load";
  try {
    const props = readProps(el);
    const mod = await import(el.getAttribute("data-src"));
    stage = "hydrate";
    const hydrate = el.getAttribute("data-render") !== "client";
    await mod.mount(el, props, hydrate, {
      idPrefix: el.getAttribute("data-id-prefix") || undefined,
      onError: (kind, err) => report(el, kind, err),
    });
    el.setAttribute("data-hydrated", "");
    el.dispatchEvent(new CustomEvent("ssr:hydrated", { bubbles: true, detail: { component: name } }));
  } catch (err) {
    el.setAttribute("data-hydrate-error", "");
    console.error(`ssrgate: island ${name} failed to start:`, err);
    report(el, stage, err);
  } finally {
    held?.release();
  }
}

function whenIdle(fn) {
  if ("requestIdleCallback" in window) requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

// The island element is display:contents and has no box of its own, so the
// observer watches its children; the first to intersect starts the island.
// An island with no children yet (client-only) gets a box while it waits.
let observer;
function whenVisible(el, fn) {
  if (!("IntersectionObserver" in window)) {
    fn();
    return null;
  }
  observer ||= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) entry.target.__ssrStart?.();
    }
  }, { rootMargin: "200px" });
  let targets = Array.from(el.children);
  if (targets.length === 0) {
    el.style.display = "block";
    el.style.minHeight = "1px";
    targets = [el];
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    for (const t of targets) {
      observer.unobserve(t);
      delete t.__ssrStart;
    }
    el.style.display = "";
    el.style.minHeight = "";
    fn();
  };
  for (const t of targets) {
    t.__ssrStart = once;
    observer.observe(t);
  }
  return once;
}

function whenMedia(query, fn) {
  const mq = window.matchMedia(query);
  if (mq.matches) return fn();
  const onChange = (e) => {
    if (e.matches) {
      mq.removeEventListener("change", onChange);
      fn();
    }
  };
  mq.addEventListener("change", onChange);
}

function schedule(el) {
  const strategy = el.getAttribute("data-strategy");
  if (strategy === "static") return;
  // Client-only islands have no server DOM to interact with.
  const serverDOM = el.getAttribute("data-render") !== "client";
  let startNow = () => {};
  const held = serverDOM ? capture(el, () => startNow()) : null;
  const go = () => start(el, held);
  startNow = go;
  switch (strategy) {
    case "idle":
      return whenIdle(go);
    case "visible": {
      const once = whenVisible(el, go);
      if (once) startNow = once;
      return;
    }
    case "media":
      return whenMedia(el.getAttribute("data-media") || "all", go);
    default:
      return go();
  }
}

for (const el of document.querySelectorAll(TAG)) schedule(el);
