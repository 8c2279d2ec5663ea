// Client adapter for React components: hydrate the server HTML inside the
// island element, or render from scratch for client-only islands. mount
// resolves once React has committed, so "hydrated" means hydrated.
import { createElement, useEffect } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";

// Committed renders its one child unchanged and reports the first commit.
// A single-child wrapper adds no DOM and does not change useId values, so
// the tree still matches the server's HTML.
function Committed({ onCommit, children }) {
  useEffect(onCommit, []);
  return children;
}

export function mount(el, component, props, hydrate) {
  return new Promise((resolve) => {
    const element = createElement(Committed, { onCommit: resolve }, createElement(component, props));
    if (hydrate) {
      hydrateRoot(el, element, {
        onRecoverableError(error) {
          console.error("ssrgate: hydration mismatch in island " + el.getAttribute("data-component") + ":", error);
        },
      });
    } else {
      createRoot(el).render(element);
    }
  });
}
