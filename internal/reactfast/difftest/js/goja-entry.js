// goja side of the differential fuzzer: installs globalThis.__fuzz, whose
// render(specsJSON) renders every case spec with the fast renderer under test
// and returns a JSON array of {html}, {fallback} (the renderer threw its
// Unsupported error: ssrgate would render that island with React's own
// renderer) or {error}. "fuzz:renderer" is resolved by the test to
// internal/reactfast/js/render.js (or, before it exists, to standin.js).
import { renderToString, Unsupported } from "fuzz:renderer";
import { element, options } from "./interp.js";

function renderOne(spec) {
  try {
    return { html: renderToString(element(spec), options(spec)) };
  } catch (e) {
    if (Unsupported && e instanceof Unsupported) {
      return { fallback: String(e.feature || e.message || e) };
    }
    return { error: String((e && e.message) || e) };
  }
}

globalThis.__fuzz = {
  render(specsJSON) {
    return JSON.stringify(JSON.parse(specsJSON).map(renderOne));
  },
};
