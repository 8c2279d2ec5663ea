// Server adapter for Vue components: renderToString of a fresh SSR app.
// It returns a Promise<string>; goja settles it when the outermost call
// returns (async setup and <Suspense> need the caller to drive timers).
// A new app per render keeps requests isolated: Vue apps hold state
// (provides, config, plugins) that must not leak between renders.
import { createSSRApp } from "vue";
import { renderToString } from "vue/server-renderer";

export function render(component, props) {
  const app = createSSRApp(component, props);
  // Vue's production build logs an error thrown in render or setup and
  // renders nothing in its place; thrown, it reaches ssrgate, which falls
  // the island back to browser rendering (or, in strict and dev mode,
  // shows the error with its source position), as for React.
  app.config.throwUnhandledErrorInProduction = true;
  return renderToString(app);
}
