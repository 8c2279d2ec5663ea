import { h, ref } from "vue";

// VueBadge is a Vue 3 component (a .js file that imports vue), hydrated
// through the same mount(el, props, hydrate) entry as React components.
export default {
  props: { label: { type: String, default: "badge" } },
  setup(props) {
    const n = ref(0);
    return () => h("button", { type: "button", class: "vue-badge", onClick: () => n.value++ }, `${props.label}: ${n.value}`);
  },
};
