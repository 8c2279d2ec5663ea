// Server adapter for React components: renderToString of one element.
// It tries package reactfast's renderer first ("ssrgate:reactfast", the
// same bytes as React's renderToString for the trees it supports) and
// renders with React's own renderToString when that throws Unsupported or
// the fast path is off for this build. The bundler resolves
// "react-dom/server" to React's legacy browser build, the same
// renderToString code that Node's build runs.
//
// Each render leaves globalThis.__ssrgateReact = [path, reason] ("fast" or
// "react", and why it fell back) for the Go engine's metric and log.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { renderToString as fastRenderToString, Unsupported, disabled } from "ssrgate:reactfast";

export function render(component, props, idPrefix) {
  const el = createElement(component, props);
  const options = idPrefix ? { identifierPrefix: idPrefix } : undefined;
  if (disabled === "") {
    try {
      const html = fastRenderToString(el, options);
      globalThis.__ssrgateReact = ["fast", ""];
      return html;
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      globalThis.__ssrgateReact = ["react", err.feature];
    }
  } else {
    globalThis.__ssrgateReact = ["react", disabled];
  }
  try {
    return renderToString(el, options);
  } catch (err) {
    // React's renderer leaves the values of the providers it had entered
    // on their context objects when a render throws; its next render
    // switches them back before it reads any, but the fast path reads
    // them directly. An empty render makes React restore them now, so a
    // failed render cannot leak its context values into the next one
    // (the difftest regression context-after-react-throws.json).
    renderToString(null);
    throw err;
  }
}
