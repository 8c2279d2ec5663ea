// Server adapter for Vue components: renderToString of a fresh SSR app.
// It returns a Promise<string>; goja settles it when the outermost call
// returns (async setup and <Suspense> need the caller to drive timers).
// A new app per render keeps requests isolated: Vue apps hold state
// (provides, config, plugins) that must not leak between renders.
//
// Vue's production build hands an error thrown in setup(), a render
// function or a hook to app.config.errorHandler and, without one, only logs
// it and renders <!---->. A React component that throws fails its render;
// so must a Vue one: the first error that reaches the app (one no
// component's onErrorCaptured stopped) rejects the render.
import { createSSRApp } from "vue";
import { renderToString } from "vue/server-renderer";

export function render(component, props) {
  const app = createSSRApp(component, props);
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
