// The server bundle's entry logic. The generated registry module maps each
// component name to [adapter, component]; render() is what the Go engine
// calls as __ssr.render(name, propsJSON, idPrefix). It returns a string
// (React) or a Promise of one (Vue); the Go side settles promises.
// idPrefix ("" for none) prefixes useId values; the browser adapters get
// the same one from the island's data-id-prefix.
import registry from "ssrgate:registry";

export const names = Object.keys(registry).sort();

export function render(name, propsJSON, idPrefix) {
  const entry = registry[name];
  if (entry === undefined) {
    throw new Error(`unknown component "${name}"`);
  }
  const props = propsJSON ? JSON.parse(propsJSON) : {};
  const [adapter, component] = entry;
  return adapter.render(component, props, idPrefix || "");
}
