package vuesfc_test

import (
	"fmt"
	"strings"

	"github.com/ssrgate/ssrgate/internal/vuesfc"
)

// The bundler uses Plugin; Compile is the same step for one file.
func Example() {
	c, err := vuesfc.New("../../node_modules")
	if err != nil {
		fmt.Println(err)
		return
	}
	src := `<script setup lang="ts">
const props = defineProps<{ name: string }>()
</script>
<template><p class="hi">Hello {{ props.name }}</p></template>
<style scoped>.hi { color: teal }</style>`

	server, err := c.Compile("components/Hello.vue", src, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := c.Compile("components/Hello.vue", src, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(server.Lang, strings.Contains(server.JS, "__ssrInlineRender: true"), server.CSS == "")
	fmt.Println(client.CSS)

	_, err = c.Compile("components/Broken.vue", "<template>\n  <p>{{ a + }}</p>\n</template>", true)
	fmt.Println(err)
	// Output:
	// ts true true
	// .hi[data-v-d246243b] { color: teal
	// }
	// components/Broken.vue:2:9: Error parsing JavaScript expression: Unexpected token (1:4)
}
