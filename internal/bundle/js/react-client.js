// Client adapter for React components: hydrate the server HTML inside the
// island element, or render from scratch for client-only islands. mount
// resolves once React has committed, so "hydrated" means hydrated, and
// rejects if the first render throws.
//
// options.idPrefix is the island's useId prefix; it must equal the one the
// server rendered with (identifierPrefix), or ids and hydration disagree.
// options.onError(kind, error) receives hydration mismatches ("mismatch")
// and errors of the first render ("hydrate"), for the runtime to report.
import { createElement, useEffect } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";

// Committed renders its one child unchanged and reports the first commit.
// A single-child wrapper adds no DOM and does not change useId values, so
// the tree still matches the server's HTML.
function Committed({ onCommit, children }) {
  useEffect(onCommit, []);
  return children;
}

export function mount(el, component, props, hydrate, options = {}) {
  const name = el.getAttribute("data-component");
  const onError = options.onError || (() => {});
  return new Promise((resolve, reject) => {
    let committed = false;
    const element = createElement(Committed, {
      onCommit() {
        committed = true;
        resolve();
      },
    }, createElement(component, props));
    const rootOptions = {
      onRecoverableError(error) {
        console.error("ssrgate: hydration mismatch in island " + name + ":", error);
        onError("mismatch", error);
      },
      onUncaughtError(error) {
        if (!committed) {
          reject(error);
          return;
        }
        console.error("ssrgate: uncaught error in island " + name + ":", error);
      },
    };
    if (options.idPrefix) rootOptions.identifierPrefix = options.idPrefix;
    if (hydrate) {
      hydrateRoot(el, element, rootOptions);
    } else {
      createRoot(el, rootOptions).render(element);
    }
  });
}
