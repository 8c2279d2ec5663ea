package ssr

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vueThrowers are Vue components that throw during SSR in each place Vue reports errors from, with the line
// of the throw in the .vue file.
var vueThrowers = map[string]struct {
	src  string
	line string // "File.vue:N" the stack must name
}{
	"SetupThrows": {`<script setup>
const props = defineProps({ n: Number });

if (props.n > 1) {
  throw new Error("setup failed for " + props.n);
}
</script>

<template><p>{{ props.n }}</p></template>
`, "SetupThrows.vue:5"},
	"OptionsSetupThrows": {`<script>
export default {
  props: { n: Number },
  setup(props) {
    throw new RangeError("options setup " + props.n);
  },
};
</script>
<template><p>x</p></template>
`, "OptionsSetupThrows.vue:5"},
	"RenderThrows": {`<script setup>
const props = defineProps({ items: Array });
</script>

<template><ul><li v-for="i in props.items">{{ i.name.toUpperCase() }}</li></ul></template>
`, ""},
	"PrefetchThrows": {`<script>
export default {
  async serverPrefetch() {
    await Promise.resolve();
    throw new Error("prefetch failed");
  },
};
</script>
<template><p>x</p></template>
`, "PrefetchThrows.vue:5"},
	"ChildThrows": {`<script setup>
import { h } from "vue";
const Child = { setup() { throw new TypeError("child broke"); } };
</script>

<template><div><Child /></div></template>
`, "ChildThrows.vue:3"},
	"CapturedThrows": {`<script setup>
import { onErrorCaptured, ref } from "vue";
const Child = { setup() { throw new Error("handled below the app"); } };
const seen = ref("");
onErrorCaptured((e) => { seen.value = e.message; return false; });
</script>

<template><div><Child /></div></template>
`, ""},
}

// TestVueErrorsFailTheRender checks that an error thrown in a Vue component's setup(), render or
// serverPrefetch fails the render like a React throw (ReasonError, the message, a stack mapped to the
// .vue file's lines), while one a component captures with onErrorCaptured does not.
func TestVueErrorsFailTheRender(t *testing.T) {
	dir := t.TempDir()
	for name, c := range vueThrowers {
		if err := os.WriteFile(filepath.Join(dir, name+".vue"), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, err := New(Config{ComponentsDir: dir, Root: "..", CacheTTL: -1, PoolSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()

	if html, err := e.Render(ctx, "SetupThrows", map[string]any{"n": 1}); err != nil || html != "<p>1</p>" {
		t.Fatalf("SetupThrows n=1 = %q, %v; want it to render", html, err)
	}
	tests := []struct {
		name, message string
		props         any
	}{
		{"SetupThrows", "setup failed for 2", map[string]any{"n": 2}},
		{"OptionsSetupThrows", "RangeError: options setup 7", map[string]any{"n": 7}},
		{"RenderThrows", "TypeError", map[string]any{"items": []any{map[string]any{}}}},
		{"PrefetchThrows", "prefetch failed", nil},
		{"ChildThrows", "child broke", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := e.Render(ctx, tt.name, tt.props)
			var re *RenderError
			if !errors.As(err, &re) {
				t.Fatalf("render = %q, %v; want a *RenderError", html, err)
			}
			if re.Reason != ReasonError || !strings.Contains(re.Error(), tt.message) {
				t.Errorf("reason %q, error %q; want %q and a message containing %q", re.Reason, re.Error(), ReasonError, tt.message)
			}
			if line := vueThrowers[tt.name].line; line != "" && !strings.Contains(re.Stack, line) {
				t.Errorf("stack does not name %s:\n%s", line, re.Stack)
			}
		})
	}
	html, err := e.Render(ctx, "CapturedThrows", nil)
	if err != nil || html != "<div><!----></div>" {
		t.Errorf("CapturedThrows = %q, %v; an error a component captures must not fail the render", html, err)
	}
}
