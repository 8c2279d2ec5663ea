package jsvm

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// nodeDiffCases are JS expressions whose String() must be identical in a pool VM and in Node 20.
// Each is evaluated with (0, eval) so it sees only globals; errors compare as "ERR <name>".
var nodeDiffCases = []string{
	// globals
	`typeof window`, `typeof self`, `typeof globalThis`, `process.env.NODE_ENV`, `typeof performance.now()`,
	`typeof queueMicrotask`, `typeof setImmediate`, `typeof MessageChannel`, `typeof structuredClone`,
	// TextEncoder / TextDecoder
	`Array.from(new TextEncoder().encode("héllo €😀")).join()`,
	`new TextDecoder().decode(new Uint8Array([0xef,0xbb,0xbf,104,0xc3,0xa9,0xf0,0x9f,0x98,0x80]))`,
	`JSON.stringify(new TextDecoder().decode(new Uint8Array([0x61,0xe2,0x82,0x62,0xff])))`,
	`(() => { try { new TextDecoder("utf-8", {fatal: true}).decode(new Uint8Array([0xff])); return "ok" } catch (e) { return e.name } })()`,
	`JSON.stringify(new TextEncoder().encodeInto("a€b", new Uint8Array(4)))`,
	// atob / btoa
	`btoa("hello world")`, `atob("aGVsbG8gd29ybGQ=")`, `atob(" aGVs bG8 ")`, `btoa("\xff\xfe")`, `atob("YQ")`,
	`(() => { try { btoa("€") } catch (e) { return e.name + ": " + e.message + " " + (e instanceof DOMException) } })()`,
	`(() => { try { atob("a") } catch (e) { return e.name } })()`,
	// structuredClone
	`JSON.stringify(structuredClone({a: [1, {b: 2}], s: "x", n: null}))`,
	`(() => { const o = {x: 1}; o.self = o; const c = structuredClone(o); return c.self === c && c !== o })()`,
	`structuredClone(new Date(86400000)).toISOString()`,
	`(() => { const m = structuredClone(new Map([[1, {a: 1}]])); return m instanceof Map && m.get(1).a })()`,
	`[...structuredClone(new Set([1, 2, 3]))].join()`,
	`String(structuredClone(/a+b/gi))`,
	`structuredClone(new Uint16Array([1, 2, 65535])).join()`,
	`(() => { try { structuredClone(() => 1) } catch (e) { return e.name + ": " + e.message } })()`,
	`(() => { try { structuredClone({f() {}}) } catch (e) { return e.name } })()`,
	// URL
	`new URL("https://user:pw@example.com:8080/a/../b/c?x=1&y=%20z#frag").href`,
	`new URL("../x?q=1", "https://example.com/a/b/c").toString()`,
	`new URL("https://EXAMPLE.com/ä ö").pathname`,
	`new URL("https://example.com/?a=1&b=2&a=3").searchParams.getAll("a").join()`,
	`new URLSearchParams({q: "a b&c", n: "1"}).toString()`,
	`(() => { const u = new URL("https://example.com/p"); u.searchParams.set("k", "v w"); u.hash = "h"; return u.href })()`,
	`new URL("https://xn--bcher-kva.example/").hostname`,
	`(() => { try { new URL("nope") } catch (e) { return e.name } })()`,
	// RegExp property escapes (esbuild lowers literals to new RegExp)
	`new RegExp("^\\p{L}+$", "u").test("héllo")`, `new RegExp("^\\p{L}+$", "u").test("hello1")`,
	`new RegExp("\\p{Lu}", "gu")[Symbol.replace]("aBcÉ", "_")`, `new RegExp("\\p{Letter}", "u").test("ж")`,
	`new RegExp("\\p{Uppercase_Letter}", "u").test("a")`, `new RegExp("\\p{gc=Nd}+", "u").exec("ab١٢3")[0]`,
	`new RegExp("\\p{General_Category=Decimal_Number}", "u").test("5")`,
	`new RegExp("^\\p{Script=Greek}+$", "u").test("αβγ")`, `new RegExp("\\p{sc=Han}", "u").test("漢")`,
	`new RegExp("\\p{Script_Extensions=Latin}", "u").test("a")`, `new RegExp("^\\P{L}+$", "u").test("123 !")`,
	`new RegExp("[\\p{L}\\p{N}]+", "u").exec("--ab12--")[0]`, `new RegExp("[^\\p{L}]", "gu")[Symbol.replace]("a1b2", "")`,
	`new RegExp("\\p{White_Space}", "u").test("\u00a0")`, `new RegExp("\\p{Alphabetic}", "u").test("ª")`,
	`new RegExp("^\\p{ASCII}+$", "u").test("abc")`, `new RegExp("^\\p{Any}$", "u").test("😀")`,
	`new RegExp("\\p{L}", "v").test("x")`, `new RegExp("\\p{L}").test("p{L}")`,
	`(() => { try { new RegExp("\\p{Nope}", "u") } catch (e) { return e.name } })()`,
	`RegExp("a", "g").flags`, `/x/ instanceof RegExp`, `new RegExp("x") instanceof RegExp`, `RegExp.prototype.constructor === RegExp`,
	`(() => { const r = /a/; return RegExp(r) === r })()`, `/(?<year>\d{4})-(?<m>\d\d)/.exec("on 2024-05").groups.m`,
	`"x2024".replace(/(?<=x)\d+/, "Y")`, `new RegExp("(?<w>\\p{L}+)", "u").exec("12abc").groups.w`,
	// emoji outside the BMP
	`"😀👍🏽".length`, `[..."😀👍🏽"].length`, `"😀".codePointAt(0)`, `encodeURIComponent("😀")`, `JSON.stringify("😀")`,
	// Date
	`new Date(0).toString()`, `new Date(1720000000000).toString()`, `new Date(0).toTimeString()`, `new Date(0).toDateString()`,
	`Date.parse("2024-01-02")`, `Date.parse("2024-01-02T03:04:05")`, `Date.parse("2024-01-02T03:04:05Z")`,
	`Date.parse("Tue Jan 02 2024 10:00:00 GMT-0500")`, `Date.parse(new Date(1720000000000).toString())`,
	`new Date(new Date(1720000000000).toString()).getTime()`, `new Date(2024, 0, 15, 10, 30).getTime()`,
	`new Date(2024, 6, 1).getTimezoneOffset()`, `typeof Date()`, `new Date(0) instanceof Date`,
	`new Date(0).toLocaleString()`, `new Date(0).toLocaleDateString()`, `new Date(0).toLocaleTimeString()`,
	`new Date(NaN).toLocaleString()`,
	// goja built-ins fixed in js/builtins.js and fdlibm.go (ssr corpus: Base64, Dates, NumberText)
	`new TextDecoder().decode(Uint8Array.from(atob(btoa("h\xc3\xa9")), (c) => c.charCodeAt(0)))`,
	`Uint8Array.from("123").join()`, `Float64Array.from("12", (c, i) => c * 2 + i).join()`, `Uint8Array.from({length: 2, 0: 7}).join()`,
	`new Date(-62198755200000).toISOString()`, `JSON.stringify({d: new Date(-62198755200000)})`, `new Date(8.64e15).toISOString()`,
	`new Date(-8.64e15).toISOString()`, `new Date(Date.UTC(-10000, 0, 1)).toISOString()`, `new Date(Date.UTC(10000, 0, 1)).toISOString()`,
	`new Date(Date.UTC(0, 0, 1) - 864e5 * 366 * 100).toISOString()`, `new Date(0).toISOString()`,
	`Math.exp(1.5)`, `Math.exp(1)`, `Math.pow(1.1, 10)`, `Math.pow(10, -5)`, `Math.pow(2, 0.5)`, `Math.pow(-8, 1 / 3)`, `Math.pow(NaN, 0)`,
	`Math.pow(1, Infinity)`, `Math.pow(-0, -3)`, `Math.pow(-2, 3)`, `Math.pow(2, -1074)`, `Math.pow(2, 1024)`, `Math.exp(-745.2)`,
	`Math.exp(709.7)`, `Math.sinh(1)`, `Math.cosh(3.1030809693038464)`, `Math.tanh(-0.5922502279281616)`, `Math.cbrt(9.917621612548828)`,
	`Math.cbrt(-27)`, `Math.cbrt(5e-324)`, `Math.pow.length + Math.pow.name + Math.exp.length + Math.exp.name`,
	`Array.from({length: 300}, (_, i) => Math.exp((i - 150) / 7.3)).join()`,
	`Array.from({length: 300}, (_, i) => Math.sinh((i - 150) / 9.1)).join()`,
	`Array.from({length: 300}, (_, i) => Math.cosh((i - 150) / 9.1)).join()`,
	`Array.from({length: 300}, (_, i) => Math.tanh((i - 150) / 37.7)).join()`,
	`Array.from({length: 300}, (_, i) => Math.cbrt((i - 150) * 3.3)).join()`,
	`[2, 3, 7, 10, 1.1, 1.5].map((x) => [-5, -2, -1, 3, 10, 0.5, 1.5].map((y) => Math.pow(x, y)).join()).join()`,
	`new URL("https://a:b c@e.com/").password + new URL("https://a😀@e.com/").username`,
	// collation tailoring (ssr corpus: LocaleCompare)
	`["z", "å", "ä", "ö", "a", "o"].sort((a, b) => a.localeCompare(b, "sv")).join()`,
	`["ångström", "Äpfel", "apple", "z"].sort((a, b) => a.localeCompare(b, "de")).join()`,
	`["ångström", "Äpfel", "apple", "z"].sort(new Intl.Collator("sv-SE").compare).join()`,
	`["ch", "cz", "h"].sort((a, b) => a.localeCompare(b, "cs")).join()`,
	// emoji properties and property escapes in negated classes (ssr corpus: Regexes)
	`new RegExp("\\p{Emoji_Presentation}", "u").test("😀")`, `new RegExp("\\p{Emoji_Presentation}", "u").test("©")`,
	`new RegExp("\\p{Emoji}", "u").test("©")`, `new RegExp("^\\p{Extended_Pictographic}+$", "u").test("😀👍")`,
	`"Hi, Wörld! 123 ok?".replace(new RegExp("[^\\p{L}\\p{N}\\s]", "gu"), "_")`,
	`"a😀b!".replace(new RegExp("[^\\P{L}]", "gu"), "_")`,
	// URLs (ssr corpus: URLs)
	`JSON.stringify(new URL("https://user:pa ss@example.com:8443/p"))`, `new URL("https://us er@example.com/").username`,
	`new URLSearchParams({plus: "1+1", t: "~*-._!'()"}).toString()`,
	`(() => { const u = new URL("https://e.com/?a=1"); u.searchParams.set("b", "1+1"); return u.href + " " + u.search })()`,
	`new URL("https://e.com/?a=%7e+b").href`,
	`new URL("../x/./y/../z?#", "http://EXAMPLE.com:80/a/b/c").href`, `new URL("http://a/b?#").href`, `new URL("http://a/b#").href`,
	`new URL("http://a/b?#").search + "|" + new URL("http://a/b?#").hash`, `(() => { const u = new URL("http://a/b#"); u.hash = ""; return u.href })()`,
	`(() => { try { new URL("x", "nope") } catch (e) { return e.name + ": " + e.message + " " + e.code } })()`,
	`(() => { try { new URL("nope") } catch (e) { return e.name + ": " + e.message + " " + e.code } })()`,
}

// Intl cases are generated per locale.
var intlTemplates = []string{
	`(1234567.891).toLocaleString(L)`, `(-1234.5).toLocaleString(L)`, `(0).toLocaleString(L)`, `(-0).toLocaleString(L)`,
	`(1234).toLocaleString(L)`, `(0.000123).toLocaleString(L)`, `(1e21).toLocaleString(L)`, `NaN.toLocaleString(L)`,
	`(-Infinity).toLocaleString(L)`, `(1.005).toLocaleString(L, {maximumFractionDigits: 2})`,
	`(2.5).toLocaleString(L, {maximumFractionDigits: 0})`, `(1234.5).toLocaleString(L, {minimumFractionDigits: 2})`,
	`(1234.5).toLocaleString(L, {useGrouping: false})`, `(0.256).toLocaleString(L, {style: "percent"})`,
	`(-0.5).toLocaleString(L, {style: "percent", minimumFractionDigits: 1})`,
	`(1234.5).toLocaleString(L, {style: "currency", currency: "USD"})`, `(-1234.5).toLocaleString(L, {style: "currency", currency: "EUR"})`,
	`(1234.5).toLocaleString(L, {style: "currency", currency: "JPY"})`, `(1234.5).toLocaleString(L, {style: "currency", currency: "GBP"})`,
	`(1234.5).toLocaleString(L, {style: "currency", currency: "CHF"})`, `(99).toLocaleString(L, {style: "currency", currency: "EUR", currencyDisplay: "code"})`,
	`(5).toLocaleString(L, {style: "currency", currency: "CAD", currencyDisplay: "narrowSymbol"})`,
	`(123.456).toLocaleString(L, {maximumSignificantDigits: 2})`, `(5).toLocaleString(L, {minimumIntegerDigits: 3})`,
	`(42).toLocaleString(L, {signDisplay: "always"})`, `JSON.stringify(new Intl.NumberFormat(L, {style: "currency", currency: "EUR"}).formatToParts(-1234.5))`,
	`new Intl.NumberFormat(L).resolvedOptions().locale`, `Intl.NumberFormat(L).format(1e6)`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleString(L, {timeZone: "UTC"})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleDateString(L, {timeZone: "UTC"})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleTimeString(L, {timeZone: "UTC"})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleDateString(L, {timeZone: "UTC", year: "numeric", month: "long", day: "numeric"})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleDateString(L, {timeZone: "UTC", weekday: "long", year: "numeric", month: "short", day: "numeric"})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleDateString(L, {timeZone: "UTC", month: "2-digit", day: "2-digit", year: "2-digit"})`,
	`new Date(Date.UTC(2024, 2, 5, 4, 7, 9)).toLocaleTimeString(L, {timeZone: "UTC", hour: "2-digit", minute: "2-digit"})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleTimeString(L, {timeZone: "UTC", hour: "numeric", minute: "2-digit", hour12: false})`,
	`new Date(Date.UTC(2024, 11, 5, 0, 7, 9)).toLocaleString(L, {timeZone: "UTC", hour12: true})`,
	`new Date(Date.UTC(2024, 2, 5, 14, 7, 9)).toLocaleString(L, {timeZone: "UTC", month: "long", day: "numeric", hour: "numeric", minute: "2-digit"})`,
	`new Intl.DateTimeFormat(L, {timeZone: "UTC", dateStyle: "full"}).format(Date.UTC(2024, 2, 5, 14, 7, 9))`,
	`new Intl.DateTimeFormat(L, {timeZone: "UTC", dateStyle: "long", timeStyle: "short"}).format(Date.UTC(2024, 2, 5, 14, 7, 9))`,
	`new Intl.DateTimeFormat(L, {timeZone: "UTC", dateStyle: "medium", timeStyle: "medium"}).format(Date.UTC(2024, 2, 5, 14, 7, 9))`,
	`new Intl.DateTimeFormat(L, {timeZone: "UTC", dateStyle: "short"}).format(Date.UTC(2024, 2, 5, 14, 7, 9))`,
	`new Intl.DateTimeFormat(L, {timeZone: "UTC", timeStyle: "full"}).format(Date.UTC(2024, 2, 5, 14, 7, 9))`,
	`new Intl.DateTimeFormat(L, {month: "long", timeZone: "UTC"}).format(Date.UTC(2024, 8, 1))`,
	`new Intl.DateTimeFormat(L, {weekday: "short", timeZone: "UTC"}).format(Date.UTC(2024, 8, 1))`,
	`new Intl.DateTimeFormat(L, {year: "numeric", month: "long", day: "numeric"}).format(Date.UTC(2024, 8, 1, 2))`,
	`new Intl.DateTimeFormat(L, {timeStyle: "short"}).format(Date.UTC(2024, 8, 1, 2))`,
	`new Date(Date.UTC(2024, 8, 1, 2)).toLocaleString(L)`,
	`JSON.stringify(new Intl.DateTimeFormat(L, {timeZone: "UTC", hour: "numeric", minute: "2-digit"}).formatToParts(Date.UTC(2024, 2, 5, 14, 7)))`,
	`new Intl.DateTimeFormat(L, {timeZone: "America/New_York", dateStyle: "medium", timeStyle: "short"}).format(Date.UTC(2024, 6, 5, 14, 7))`,
	`new Intl.DateTimeFormat(L, {timeZone: "UTC"}).resolvedOptions().locale`,
	`[0, 1, 2, 5, 1.5, 21, 101].map(n => new Intl.PluralRules(L).select(n)).join()`,
	`[1, 2, 3, 4, 11, 21, 22, 23].map(n => new Intl.PluralRules(L, {type: "ordinal"}).select(n)).join()`,
	`["b", "a", "ä", "Z", "z", "é", "e", "10", "9"].sort(new Intl.Collator(L).compare).join()`,
	`["item10", "item9", "Item1"].sort(new Intl.Collator(L, {numeric: true}).compare).join()`,
	`"a".localeCompare("A", L, {sensitivity: "base"})`, `"a".localeCompare("á", L, {sensitivity: "base"})`,
	`"résumé".localeCompare("resume", L)`, `"a".localeCompare("b", L)`,
}

var intlLocales = []string{"en-US", "en-GB", "de-DE", "fr-FR", "ja-JP"}

func nodeDiffExprs() []string {
	exprs := append([]string{}, nodeDiffCases...)
	for _, loc := range intlLocales {
		for _, tmpl := range intlTemplates {
			exprs = append(exprs, strings.ReplaceAll(tmpl, "(L", `("`+loc+`"`))
		}
	}
	return exprs
}

const nodeDiffEval = `(function (exprs) {
  return JSON.stringify(exprs.map((x) => {
    try { return String((0, eval)(x)); } catch (e) { return "ERR " + (e && e.name) + ": " + (e && e.message); }
  }));
})`

// TestNodeDiff evaluates every expression in a pool VM and in node, in two time zones.
func TestNodeDiff(t *testing.T) {
	requireNode(t)
	if child := os.Getenv("JSVM_NODEDIFF_TZ"); child != "" {
		runNodeDiff(t, child)
		return
	}
	for _, tz := range []string{"UTC", "America/New_York"} {
		t.Run(strings.ReplaceAll(tz, "/", "_"), func(t *testing.T) {
			// goja takes the zone from time.Local, fixed at process start, so each zone runs in a child process.
			cmd := exec.Command(os.Args[0], "-test.run=^TestNodeDiff$", "-test.v")
			cmd.Env = append(nodeEnv(tz), "JSVM_NODEDIFF_TZ="+tz)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("TZ=%s: %v\n%s", tz, err, out)
			}
		})
	}
}

func runNodeDiff(t *testing.T, tz string) {
	exprs := nodeDiffExprs()
	input, _ := json.Marshal(exprs)

	cmd := exec.Command("node", "-e", "process.env.NODE_ENV = 'production'; process.stdout.write("+nodeDiffEval+"(JSON.parse(require('fs').readFileSync(0, 'utf8'))))")
	cmd.Stdin = strings.NewReader(string(input))
	cmd.Env = nodeEnv(tz) // the locale pinned: Node must not format by the caller's LANG
	nodeOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(nodeOut, &want); err != nil {
		t.Fatal(err)
	}

	prg, err := Compile("nodediff.js", "var __nodeDiff = "+nodeDiffEval+";")
	if err != nil {
		t.Fatal(err)
	}
	got := invokeString(t, Config{Size: 1, Programs: []*goja.Program{prg}}, "__nodeDiff", exprs)
	var have []string
	if err := json.Unmarshal([]byte(got), &have); err != nil {
		t.Fatal(err)
	}
	t.Logf("TZ=%s: %d expressions compared with node", tz, len(exprs))
	for i, x := range exprs {
		if have[i] != want[i] {
			t.Errorf("TZ=%s %s\n got: %q\nwant: %q", tz, x, have[i], want[i])
		}
	}
}

func invokeString(t *testing.T, cfg Config, fn string, args ...any) string {
	t.Helper()
	p, err := NewPool(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	vm, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release(vm)
	v, err := vm.Invoke(context.Background(), "test", fn, args...)
	if err != nil {
		t.Fatal(err)
	}
	return v.String()
}
