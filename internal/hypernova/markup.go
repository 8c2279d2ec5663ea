package hypernova

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"html"
	"regexp"
)

// nonWord is what hypernova removes from a component name to make its key:
// JavaScript's /\W/g, which Go's RE2 \W matches identically (ASCII only).
var nonWord = regexp.MustCompile(`\W`)

// Key returns hypernova's data-hypernova-key for a job name: the name
// without non-word characters, so "shop/Cart.tsx" becomes "shopCarttsx".
// hypernova's browser code looks components up by this key.
func Key(name string) string { return nonWord.ReplaceAllString(name, "") }

// newID returns a random UUID version 4, the data-hypernova-id that pairs a
// component's div with its props script. It is random rather than a counter
// so that markup from separate batches can share a page.
func newID() string {
	var b [16]byte
	rand.Read(b[:]) // never returns an error (crypto/rand, Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// element is one component's markup, for writeMarkup.
type element struct {
	key   string   // Key of the job name
	id    string   // newID
	src   string   // URL of the browser entry; written only when html is server-rendered
	css   []string // URLs of the component's stylesheets
	html  string   // server HTML
	props []byte   // from ssr.EncodeProps: no <, >, &, U+2028 or U+2029 inside
}

// writeMarkup writes hypernova's markup for one component, as hypernova's
// serialize does (div, newline, props script), with two additions that
// js/client.js reads: data-ssrgate-src on the div names the browser entry
// and marks the HTML as server-rendered (hydrate, not render), and a
// stylesheet link per CSS file goes before the div, outside the element
// that hydration owns.
//
// The props go inside <!-- and --> like hypernova's, but escaped as
// ssr.EncodeProps does (\u003c, \u003e, \u0026, \u2028, \u2029) instead
// of hypernova's &gt; and &amp;, which leave "<" raw so that "</script>" in a
// prop ends the element. With no "<", ">" or "&" in the text, hypernova's
// decoder (strip the comment, replace &gt; and &amp;, JSON.parse) reads it
// unchanged.
func writeMarkup(buf *bytes.Buffer, el element) {
	for _, href := range el.css {
		buf.WriteString(`<link rel="stylesheet" href="`)
		buf.WriteString(html.EscapeString(href))
		buf.WriteString(`">`)
	}
	buf.WriteString(`<div data-hypernova-key="`)
	buf.WriteString(el.key)
	buf.WriteString(`" data-hypernova-id="`)
	buf.WriteString(el.id)
	buf.WriteByte('"')
	if el.src != "" {
		buf.WriteString(` data-ssrgate-src="`)
		buf.WriteString(html.EscapeString(el.src))
		buf.WriteByte('"')
	}
	buf.WriteByte('>')
	buf.WriteString(el.html)
	buf.WriteString("</div>\n")
	buf.WriteString(`<script type="application/json" data-hypernova-key="`)
	buf.WriteString(el.key)
	buf.WriteString(`" data-hypernova-id="`)
	buf.WriteString(el.id)
	buf.WriteString(`"><!--`)
	buf.Write(el.props)
	buf.WriteString(`--></script>`)
}
