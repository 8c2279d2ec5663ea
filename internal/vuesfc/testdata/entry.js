// Test entry for the Node-diff test: the same module is bundled as an IIFE
// for goja and as CommonJS for Node (with vue left external, so Node renders
// with its own @vue/server-renderer). "ssrgate-test:component" is resolved by
// the test to one .vue file of the corpus.
import Component from "ssrgate-test:component";
import { render } from "../../bundle/js/vue-server.js";

export function renderJSON(propsJSON) {
  return render(Component, JSON.parse(propsJSON));
}
