// The server bundle's entry logic. The generated registry module maps each
// component name to [adapter, component]; render() is what the Go engine
// calls as __ssr.render(name, props, idPrefix), props being the props as
// JSON text or already parsed (the engine parses natively, jsvm.VM.JSONArg,
// and passes the text only when that cannot be done exactly). It returns a string
// (React) or a Promise of one (Vue); the Go side settles promises.
// idPrefix ("" for none) prefixes useId values; the browser adapters get
// the same one from the island's data-id-prefix.
import registry from "ssrgate:registry";

export const names = Object.keys(registry).sort();

export function render(name, props, idPrefix) {
  const entry = registry[name];
  if (entry === undefined) {
    throw new Error(`unknown component "${name}"`);
  }
  if (typeof props === "string") props = props ? JSON.parse(props) : {};
  else if (props === undefined) props = {};
  const [adapter, component] = entry;
  return adapter.render(component, props, idPrefix || "");
}
