package jsvm_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dop251/goja"
	"github.com/ssrgate/ssrgate/internal/jsvm"
)

func Example() {
	prg, err := jsvm.Compile("server.js", `
		var __ssr = {
			render: async (name, propsJSON) => {
				const props = JSON.parse(propsJSON);
				await new Promise((r) => setTimeout(r, 1));
				return "<b>" + name + ": " + props.price.toLocaleString("de-DE", { style: "currency", currency: "EUR" }) + "</b>";
			},
		};`)
	if err != nil {
		panic(err)
	}
	pool, err := jsvm.NewPool(jsvm.Config{Size: 2, Programs: []*goja.Program{prg}})
	if err != nil {
		panic(err)
	}
	defer pool.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	vm, err := pool.Acquire(ctx)
	if err != nil {
		panic(err)
	}
	defer pool.Release(vm)
	html, err := vm.Invoke(ctx, "Price", "__ssr.render", "Price", `{"price": 1234.5}`)
	if err != nil {
		panic(err)
	}
	fmt.Println(html) // de-DE puts a no-break space (U+00A0) before €, as Node does
	// Output: <b>Price: 1.234,50 €</b>
}
