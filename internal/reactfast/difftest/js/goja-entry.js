// goja side of the differential fuzzer: installs globalThis.__fuzz, whose
// render(specsJSON) renders every case spec with the fast renderer under test
// and returns a JSON array of {html}, {fallback, html} (the renderer threw
// its Unsupported error and React's own renderer rendered the tree, as in
// ssrgate's adapter) or {error}. "fuzz:renderer" is resolved by the test to
// internal/reactfast/js/render.js (or, before it exists, to standin.js).
import { renderToString, Unsupported, tpl, tplDef } from "fuzz:renderer";
import { renderToString as reactRenderToString } from "react-dom/server";
import { element, options, setTemplates } from "./interp.js";

// Host elements as ssrgate's build compiles them (see interp.js).
if (tpl !== undefined) setTemplates({ tpl, tplDef });

// renderOne does what ssrgate's React adapter does: the fast renderer
// first, and on Unsupported React's own renderToString of the same tree
// in the same runtime, so a fast render that gave up midway must have left
// nothing behind (context values, hook state) that changes React's output.
function renderOne(spec) {
  const el = element(spec);
  const opts = options(spec);
  try {
    return { html: renderToString(el, opts) };
  } catch (e) {
    if (!(Unsupported && e instanceof Unsupported)) {
      return { error: String((e && e.message) || e) };
    }
    const fallback = String(e.feature || e.message || e);
    try {
      // A fresh element: the spec may hold one-shot children (a
      // generator) that the fast render consumed. ssrgate's adapter
      // reuses its element, but that one is createElement(component,
      // JSON props), which nothing can consume.
      return { fallback, html: reactRenderToString(element(spec), opts) };
    } catch (e2) {
      // As the adapter does: React leaves provider values on the context
      // objects when it throws, until its next render switches them back;
      // an empty render does that now, before the next fast render reads
      // them (testdata/regressions/context-after-react-throws.json).
      reactRenderToString(null);
      return { fallback, error: String((e2 && e2.message) || e2) };
    }
  }
}

globalThis.__fuzz = {
  render(specsJSON) {
    return JSON.stringify(JSON.parse(specsJSON).map(renderOne));
  },
};
