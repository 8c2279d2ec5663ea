// Client adapter for Vue components: hydrate the server HTML inside the
// island element (createSSRApp adopts el's children), or mount from scratch
// for client-only islands. It returns the app so a caller can unmount it.
import { createApp, createSSRApp } from "vue";

export function mount(el, component, props, hydrate) {
  const app = hydrate ? createSSRApp(component, props) : createApp(component, props);
  app.mount(el);
  return app;
}
