// ssrgate island runtime: finds the <ssr-island> elements the server wrote,
// waits for each island's strategy, then loads only that island's client entry
// and hydrates it (or renders it, for client-only islands).
//
// Markup contract (internal/island/island.go, Markup):
//   <ssr-island data-component data-strategy data-src [data-media] [data-render="client"]>
//     server HTML
//   </ssr-island><script type="application/json" data-island-props>{...}</script>

const TAG = "ssr-island";

function readProps(el) {
  const next = el.nextElementSibling;
  if (next && next.tagName === "SCRIPT" && next.hasAttribute("data-island-props")) {
    return JSON.parse(next.textContent || "{}");
  }
  return {};
}

async function start(el) {
  if (el.hasAttribute("data-hydrating")) return;
  el.setAttribute("data-hydrating", "");
  const name = el.getAttribute("data-component");
  try {
    const props = readProps(el);
    const mod = await import(el.getAttribute("data-src"));
    const hydrate = el.getAttribute("data-render") !== "client";
    await mod.mount(el, props, hydrate);
    el.setAttribute("data-hydrated", "");
    el.dispatchEvent(new CustomEvent("ssr:hydrated", { bubbles: true, detail: { component: name } }));
  } catch (err) {
    el.setAttribute("data-hydrate-error", "");
    console.error(`ssrgate: island ${name} failed to start:`, err);
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
  if (!("IntersectionObserver" in window)) return fn();
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
  const once = () => {
    for (const t of targets) {
      observer.unobserve(t);
      delete t.__ssrStart;
    }
    el.style.display = "contents";
    el.style.minHeight = "";
    fn();
  };
  for (const t of targets) {
    t.__ssrStart = once;
    observer.observe(t);
  }
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
  const go = () => start(el);
  switch (el.getAttribute("data-strategy")) {
    case "static":
      return;
    case "idle":
      return whenIdle(go);
    case "visible":
      return whenVisible(el, go);
    case "media":
      return whenMedia(el.getAttribute("data-media") || "all", go);
    default:
      return go();
  }
}

for (const el of document.querySelectorAll(TAG)) schedule(el);
