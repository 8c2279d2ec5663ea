package ssr_test

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"log"
	"log/slog"
	"os"

	"github.com/ssrgate/ssrgate/ssr"
)

// Render a component, then a template with an island. Root is where
// node_modules (react, react-dom) lives.
func Example() {
	engine, err := ssr.New(ssr.Config{
		ComponentsDir: "testdata/components",
		Root:          "..",
		Logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		log.Fatal(err)
	}
	defer engine.Close()

	html, err := engine.Render(context.Background(), "Hello", map[string]string{"name": "Go"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(html)

	page := template.Must(template.New("page").Funcs(engine.FuncMap()).Parse(
		`<main>{{ component "Hello" (props "name" .) "static" }}</main>`))
	if err := engine.Execute(os.Stdout, page, "page", "templates"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// <p class="hello">Hello, <!-- -->Go<!-- -->!</p>
	// <main><ssr-island data-component="Hello" data-strategy="static"><p class="hello">Hello, <!-- -->templates<!-- -->!</p></ssr-island></main>
}
