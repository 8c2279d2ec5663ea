package ssrhost

import "testing"

// TestVueHelperFallsBack checks which values the native helpers take and
// which they hand to Vue's function (here a marker that tags its result);
// the Node-diff corpus (ssr/testdata/corpus VueHelpers, VueNumbers) checks
// the bytes against Node's real @vue/server-renderer.
func TestVueHelperFallsBack(t *testing.T) {
	rt := installed(t)
	cases := []struct{ js, want string }{
		{`attr("href", "/a?b=1&c='2'")`, ` href="/a?b=1&amp;c=&#39;2&#39;"`},
		{`attr("data-n", 1.5)`, ` data-n="1.5"`},
		{`attr("data-n", -0)`, ` data-n="0"`},
		{`attr("data-n", 1e21)`, ` data-n="1e+21"`},
		{`attr("data-n", NaN)`, ` data-n="NaN"`},
		{`attr("x", true)`, `fallback:x,true`},
		{`attr("x", null)`, `fallback:x,null`},
		{`interpolate("<b>")`, `&lt;b&gt;`},
		{`interpolate(42)`, `42`},
		{`interpolate(undefined)`, `fallback:undefined`},
		{`cls("item featured")`, `item featured`},
		{`cls("")`, ``},
		{`cls(" pad")`, `fallback: pad`},
		{`cls("nbsp\u00a0")`, "fallback:nbsp\u00a0"},
		{`cls(["a"])`, `fallback:a`},
	}
	_, err := rt.RunString(`
const mark = (...a) => "fallback:" + a.map(String).join(",");
const attr = __ssrgateVueHelper("attr", mark);
const interpolate = __ssrgateVueHelper("interpolate", mark);
const cls = __ssrgateVueHelper("class", mark);`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		v, err := rt.RunString(c.js)
		if err != nil {
			t.Errorf("%s: %v", c.js, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %q, want %q", c.js, got, c.want)
		}
	}
	for _, bad := range []string{`__ssrgateVueHelper("style", mark)`, `__ssrgateVueHelper("attr", 1)`} {
		if _, err := rt.RunString(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
