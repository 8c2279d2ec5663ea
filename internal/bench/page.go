package main

import (
	"fmt"
	"html/template"
	"strings"
)

// The benchmark page. Every HTTP scenario (A, B, C, F) serves this one
// layout; only how the island's HTML gets into it differs. The layout has a
// little per-request data of its own (title, user, footer) so that every
// scenario does real html/template work, not just a copy of bytes.
const layout = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
{{HEAD}}
</head>
<body>
<header><a href="/">Shop</a> <span class="user">Signed in as {{ .User }}</span></header>
<main>
<h1>{{ .Title }}</h1>
{{ISLAND}}
</main>
<footer>{{ .Footer }}</footer>
{{SCRIPTS}}
</body>
</html>
`

// pageTemplate fills the layout's three holes with template actions and
// parses it. funcs may be nil.
func pageTemplate(head, island, scripts string, funcs template.FuncMap) *template.Template {
	src := strings.NewReplacer("{{HEAD}}", head, "{{ISLAND}}", island, "{{SCRIPTS}}", scripts).Replace(layout)
	t := template.New("page")
	if funcs != nil {
		t = t.Funcs(funcs)
	}
	return template.Must(t.Parse(src))
}

// ssrTemplate is B's page (and C's, with "cache=off"): the island comes from
// {{ component }}, the head and scripts from ssrgate.
func ssrTemplate(component string, noCache bool, funcs template.FuncMap) *template.Template {
	opt := ""
	if noCache {
		opt = ` "cache=off"`
	}
	return pageTemplate("{{ ssrHead }}", fmt.Sprintf(`{{ component %q .Props%s }}`, component, opt), "{{ ssrScripts }}", funcs)
}

// htmlTemplate is A's and F's page: head, island and scripts are given as
// template.HTML in the data.
func htmlTemplate() *template.Template {
	return pageTemplate("{{ .Head }}", "{{ .Island }}", "{{ .Scripts }}", nil)
}

// pageData is what every page's template gets.
type pageData struct {
	Title, User, Footer string
	Props               any           // B, C: the component's props (Go structs)
	Head, Scripts       template.HTML // A, F
	Island              template.HTML // A, F
}

func newPageData(component string) pageData {
	return pageData{Title: component + " — benchmark", User: "ada@example.com", Footer: "© 2026 ssrgate bench"}
}

// Product and Catalog are ProductList's props, as a Go application holds them.
type Product struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Price       float64 `json:"price"`
	Description string  `json:"description"`
}

type Catalog struct {
	Products []Product `json:"products"`
	Currency string    `json:"currency"`
}

// Comment and Thread are Comments.vue's props.
type Comment struct {
	ID     int    `json:"id"`
	Author string `json:"author"`
	Text   string `json:"text"`
	Likes  int    `json:"likes"`
}

type Thread struct {
	Comments []Comment `json:"comments"`
	Title    string    `json:"title"`
}

// Item and Items are the plain components' props (PlainList, PlainListVue).
type Item struct {
	ID       int     `json:"id"`
	Name     string  `json:"name"`
	Price    float64 `json:"price"`
	Featured bool    `json:"featured"`
}

type Items struct {
	Items []Item `json:"items"`
	Title string `json:"title"`
}

// props returns the props of component with n rows, the same every call, so
// that B's render cache hits and every scenario renders the same thing.
func props(component string, n int) any {
	switch component {
	case "ProductList":
		c := Catalog{Products: make([]Product, n), Currency: "USD"}
		for i := range c.Products {
			c.Products[i] = Product{ID: fmt.Sprint(i + 1), Name: fmt.Sprintf("Product %d", i+1),
				Price: 10 + float64(i)*1.25, Description: "A well-made thing."}
		}
		return c
	case "Comments":
		t := Thread{Comments: make([]Comment, n), Title: "Reviews"}
		for i := range t.Comments {
			t.Comments[i] = Comment{ID: i + 1, Author: fmt.Sprintf("user%d", i+1),
				Text: fmt.Sprintf("Comment number %d: works as described & ships fast.", i+1), Likes: i % 7}
		}
		return t
	case "PlainList", "PlainListVue":
		it := Items{Items: make([]Item, n), Title: "Items"}
		for i := range it.Items {
			it.Items[i] = Item{ID: i + 1, Name: fmt.Sprintf("Item %d & more", i+1), Price: 3 + float64(i)*0.75, Featured: i%5 == 0}
		}
		return it
	}
	panic("bench: no props for component " + component)
}

// components of the benchmark, with the framework each one uses.
// ProductList builds an Intl.NumberFormat per row, which costs Node far
// more than goja (ICU), so its render ratio flatters ssrgate; PlainList and
// PlainListVue are the plain kind most components are (no Intl), where the
// renderer's own cost shows.
var components = []struct{ Name, Framework, File string }{
	{"ProductList", "react", "ProductList.jsx"},
	{"Comments", "vue", "Comments.vue"},
	{"PlainList", "react", "PlainList.jsx"},
	{"PlainListVue", "vue", "PlainListVue.vue"},
}
