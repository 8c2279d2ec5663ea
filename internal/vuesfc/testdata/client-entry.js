// Test entry for the client build: the island entry the lead's bundler
// generates looks like this, with the component resolved by the test.
import Component from "ssrgate-test:component";
import { mount } from "../../bundle/js/vue-client.js";

export function start(el, props, hydrate) {
  return mount(el, Component, props, hydrate);
}
