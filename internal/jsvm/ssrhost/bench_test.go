package ssrhost

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkParseJSON compares ParseJSON with goja's JSON.parse on a
// render's props: a thousand list items of four fields.
//
//	go test ./internal/jsvm/ssrhost -run '^$' -bench ParseJSON
func BenchmarkParseJSON(b *testing.B) {
	items := make([]map[string]any, 1000)
	for i := range items {
		items[i] = map[string]any{"id": i + 1, "name": fmt.Sprintf("Item %d & more", i+1), "price": 3 + float64(i)*0.75, "featured": i%5 == 0}
	}
	text, _ := json.Marshal(map[string]any{"items": items, "title": "Items"})
	rt := goja.New()
	b.Run("ParseJSON", func(b *testing.B) {
		for b.Loop() {
			if _, ok := ParseJSON(rt, text, 100); !ok {
				b.Fatal("not ok")
			}
		}
	})
	b.Run("JSON.parse", func(b *testing.B) {
		parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
		s := rt.ToValue(string(text))
		for b.Loop() {
			if _, err := parse(goja.Undefined(), s); err != nil {
				b.Fatal(err)
			}
		}
	})
}
