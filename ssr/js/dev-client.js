// ssrgate's dev client: pages served in dev mode load it (and only then).
// It listens to the server's event stream and
//   - reloads the page after a rebuild ("reload"),
//   - swaps changed stylesheets in place when only CSS changed ("css"),
//     so island state survives,
//   - shows build, template and render errors in an overlay ("errors", or
//     the errors embedded in a page that failed to render), which goes away
//     by itself with the next good build.

const self = document.querySelector('script[src$="__dev/client.js"][data-version]');
let version = self ? self.dataset.version : "";
const events = new URL("events", import.meta.url);

const OVERLAY = "ssrgate-dev-overlay";

class Overlay extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
  :host { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.66);
          display: flex; align-items: flex-start; justify-content: center; overflow: auto;
          font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  .box { margin: 6vh 16px; max-width: 960px; width: 100%; background: #181818; color: #eee;
         border-top: 6px solid #e5484d; border-radius: 6px; padding: 20px 24px;
         box-shadow: 0 10px 40px rgba(0,0,0,.5); }
  .err + .err { border-top: 1px solid #333; margin-top: 18px; padding-top: 18px; }
  .kind { color: #e5484d; font-weight: bold; text-transform: uppercase; font-size: 12px; }
  .loc { color: #8ab4f8; margin: 4px 0; }
  .msg { white-space: pre-wrap; font-weight: bold; color: #ffb4b4; }
  pre { white-space: pre; overflow: auto; background: #0d0d0d; padding: 10px 12px; border-radius: 4px; }
  .stack { color: #aaa; font-size: 12px; }
  .tip { color: #888; font-size: 12px; margin-top: 16px; }
  button { float: right; background: none; border: 0; color: #aaa; font-size: 20px; cursor: pointer; }
</style><div class="box" role="alert"><button title="close (the next good build closes it too)">×</button><div class="list"></div>
<div class="tip">Fix the error and save: the page updates by itself.</div></div>`;
    root.querySelector("button").addEventListener("click", () => this.remove());
  }

  show(errors) {
    const list = this.shadowRoot.querySelector(".list");
    list.textContent = "";
    for (const e of errors) {
      const div = document.createElement("div");
      div.className = "err";
      const add = (tag, cls, text) => {
        if (!text) return;
        const el = document.createElement(tag);
        el.className = cls;
        el.textContent = text;
        div.appendChild(el);
      };
      add("div", "kind", `${e.kind} error`);
      let loc = e.file || "";
      if (loc && e.line) loc += `:${e.line}` + (e.column ? `:${e.column}` : "");
      add("div", "loc", loc);
      add("div", "msg", e.message);
      add("pre", "frame", e.frame);
      add("pre", "stack", e.stack);
      list.appendChild(div);
    }
  }
}
if (!customElements.get(OVERLAY)) customElements.define(OVERLAY, Overlay);

function showErrors(errors) {
  let o = document.querySelector(OVERLAY);
  if (!o) {
    o = document.createElement(OVERLAY);
    document.documentElement.appendChild(o);
  }
  o.show(errors);
  for (const e of errors) {
    console.error(`[ssrgate] ${e.kind} error${e.file ? ` in ${e.file}:${e.line}` : ""}: ${e.message}`);
  }
}

function hideErrors() {
  const o = document.querySelector(OVERLAY);
  if (o) o.remove();
}

// swapStyles replaces each stylesheet whose URL changed. The new link is
// added first and the old one removed once the new one has loaded, so the
// page never shows unstyled.
function swapStyles(map) {
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const url = new URL(link.href, location.href);
    const next = map[url.pathname];
    if (!next) continue;
    const fresh = link.cloneNode();
    fresh.href = next;
    fresh.addEventListener("load", () => link.remove(), { once: true });
    fresh.addEventListener("error", () => location.reload(), { once: true });
    link.after(fresh);
  }
}

const embedded = document.getElementById("ssrgate-dev-errors");
if (embedded) showErrors(JSON.parse(embedded.textContent));

const source = new EventSource(events);
const data = (ev) => JSON.parse(ev.data);

source.addEventListener("hello", (ev) => {
  const msg = data(ev);
  if (msg.errors && msg.errors.length) {
    showErrors(msg.errors);
  } else if (version && msg.version !== version) {
    // A rebuild (or a restart) happened since this page was rendered.
    location.reload();
  }
});
source.addEventListener("reload", () => location.reload());
source.addEventListener("css", (ev) => {
  const msg = data(ev);
  swapStyles(msg.css || {});
  version = msg.version;
  if (!embedded) hideErrors();
  console.info("[ssrgate] stylesheets updated:", (msg.changed || []).join(" "));
});
source.addEventListener("errors", (ev) => showErrors(data(ev).errors || []));
