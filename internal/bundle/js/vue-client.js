// Client adapter for Vue components: hydrate the server HTML inside the
// island element (createSSRApp adopts el's children), or mount from scratch
// for client-only islands. It returns the app so a caller can unmount it,
// and throws if mounting threw.
//
// options.idPrefix is the island's useId prefix (app.config.idPrefix); it
// must equal the server's. options.onError(kind, error) receives hydration
// mismatches ("mismatch"). The client build defines
// __VUE_PROD_HYDRATION_MISMATCH_DETAILS__ so that production Vue warns about
// each mismatch instead of logging one line per page.
import { createApp, createSSRApp } from "vue";

export function mount(el, component, props, hydrate, options = {}) {
  const name = el.getAttribute("data-component");
  const onError = options.onError || (() => {});
  const app = hydrate ? createSSRApp(component, props) : createApp(component, props);
  if (options.idPrefix) app.config.idPrefix = options.idPrefix;
  let mounting = true;
  let failure = null;
  app.config.warnHandler = (msg, _instance, trace) => {
    if (/hydration/i.test(msg)) {
      console.error("ssrgate: hydration mismatch in island " + name + ": " + msg + (trace ? "\n" + trace : ""));
      onError("mismatch", msg);
    } else {
      console.warn("[Vue warn]: " + msg + (trace ? "\n" + trace : ""));
    }
  };
  app.config.errorHandler = (err) => {
    if (mounting && !failure) failure = err;
    console.error("ssrgate: error in island " + name + ":", err);
  };
  // Production Vue has no component context while it hydrates, so its
  // mismatch warnings skip warnHandler and go to console.warn: watch that,
  // only for the (synchronous) duration of the mount.
  const warn = console.warn;
  console.warn = function (...args) {
    if (typeof args[0] === "string" && args[0].startsWith("[Vue warn]: Hydration")) {
      onError("mismatch", args[0].slice("[Vue warn]: ".length));
    }
    return warn.apply(this, args);
  };
  try {
    app.mount(el);
  } finally {
    console.warn = warn;
    mounting = false;
  }
  if (failure) throw failure;
  return app;
}
