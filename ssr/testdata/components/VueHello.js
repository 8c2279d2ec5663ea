import { defineComponent, h } from "vue";

// A Vue component without an SFC: .js files that import "vue" are Vue.
export default defineComponent({
  props: { name: { type: String, default: "vue" } },
  setup(props) {
    return () => h("p", { class: "vue-hello" }, `Hello, ${props.name}!`);
  },
});
