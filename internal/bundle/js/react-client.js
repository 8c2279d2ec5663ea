// Client adapter for React components: hydrate the server HTML inside the
// island element, or render from scratch for client-only islands.
import { createElement } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";

export function mount(el, component, props, hydrate) {
  const element = createElement(component, props);
  if (hydrate) {
    hydrateRoot(el, element, {
      onRecoverableError(error) {
        console.error("ssrgate: hydration mismatch in island " + el.getAttribute("data-component") + ":", error);
      },
    });
  } else {
    createRoot(el).render(element);
  }
}
