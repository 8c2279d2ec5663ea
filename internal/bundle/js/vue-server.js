// Server adapter for Vue components: renderToString of a fresh SSR app.
// It returns a Promise<string>; goja settles it when the outermost call
// returns (async setup and <Suspense> need the caller to drive timers).
// A new app per render keeps requests isolated: Vue apps hold state
// (provides, config, plugins) that must not leak between renders.
//
// Vue's production build logs an error thrown in setup(), a render function
// or a hook and renders nothing in its place. It must reach ssrgate instead,
// which falls the island back to browser rendering (or, in strict and dev
// mode, shows the error with its source position), as for React. The
// config flag throwUnhandledErrorInProduction misses errors of async hooks
// (serverPrefetch), so the first error that reaches the app (one no
// component's onErrorCaptured stopped) rejects the render.
import { createSSRApp } from "vue";
import { renderToString } from "vue/server-renderer";

export function render(component, props, idPrefix) {
  const app = createSSRApp(component, props);
  if (idPrefix) app.config.idPrefix = idPrefix;
  let failed = false;
  let failure;
  app.config.errorHandler = (err) => {
    if (!failed) {
      failed = true;
      failure = err;
    }
  };
  return renderToString(app).then((html) => {
    if (failed) throw failure;
    return html;
  });
}
