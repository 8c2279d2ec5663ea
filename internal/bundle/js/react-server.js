// Server adapter for React components: renderToString of one element.
// The bundler resolves "react-dom/server" to React's legacy browser build,
// the same renderToString code that Node's build runs.
import { createElement } from "react";
import { renderToString } from "react-dom/server";

export function render(component, props, idPrefix) {
  const el = createElement(component, props);
  return idPrefix ? renderToString(el, { identifierPrefix: idPrefix }) : renderToString(el);
}
