package jsvm

import (
	"context"
	"errors"

	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// guardSrc runs a probe given as source text and reports what it threw, so one test covers every guarded
// built-in through the same path a component's code takes.
const guardSrc = `
var probe = {
  run(src) {
    try {
      return "ok:" + String(new Function(src)());
    } catch (e) {
      return (e && e.constructor && e.constructor.name) + ":" + (e && e.message);
    }
  },
};
`

// TestGuardedBuiltins is the audit table of guard.go, one row per built-in: each probe would recurse in Go
// past any safe depth or allocate gigabytes in one native call without the guard; with it, a RangeError the
// component can catch, as V8 throws. Nested probes are built a little past guardDepth (not millions deep, which
// would be slow under -race); without the guard they would succeed, so the test fails.
func TestGuardedBuiltins(t *testing.T) {
	p := newTestPool(t, 1, guardSrc)
	const deep = `let a = []; for (let i = 0; i < 12000; i++) a = [a];`
	tests := []struct{ name, src, want string }{
		{"JSON.parse (the issue's probe)", `return JSON.parse("[".repeat(5e6) + "]".repeat(5e6))`, "RangeError:Maximum call stack size exceeded"},
		{"JSON.parse with reviver", `return JSON.parse("[".repeat(20000) + "]".repeat(20000), (k, v) => v)`, "RangeError:Maximum call stack size exceeded"},
		{"JSON.stringify", deep + `return JSON.stringify(a)`, "RangeError:Maximum call stack size exceeded"},
		{"JSON.stringify (the issue's 200,000 levels)", `let a = []; for (let i = 0; i < 200000; i++) a = [a]; return JSON.stringify(a)`, "RangeError:Maximum call stack size exceeded"},
		{"JSON.stringify object", `let o = {}; for (let i = 0; i < 12000; i++) o = {o}; return JSON.stringify(o)`, "RangeError:Maximum call stack size exceeded"},
		{"Array.prototype.flat", deep + `return a.flat(Infinity).length`, "RangeError:Maximum call stack size exceeded"},
		{"Array.prototype.flatMap", deep + `return [a].flatMap((x) => x.flat(Infinity)).length`, "RangeError:Maximum call stack size exceeded"},
		{"String(nested array)", deep + `return String(a).length`, "RangeError:Maximum call stack size exceeded"},
		{"Array.prototype.join", deep + `return a.join(",").length`, "RangeError:Maximum call stack size exceeded"},
		{"Array.prototype.toString", deep + `return a.toString().length`, "RangeError:Maximum call stack size exceeded"},
		{"template literal of nested array", deep + "return `${a}`.length", "RangeError:Maximum call stack size exceeded"},
		{"Array.prototype.toLocaleString", deep + `return a.toLocaleString().length`, "RangeError:Maximum call stack size exceeded"},
		{"join of a huge sparse array", `return new Array(2 ** 31).join("x").length`, "RangeError:Invalid string length"},
		{"String.prototype.repeat", `return "abcd".repeat(2 ** 28).length`, "RangeError:Invalid string length"},
		{"String.prototype.padStart", `return "a".padStart(2 ** 30).length`, "RangeError:Invalid string length"},
		{"String.prototype.padEnd", `return "a".padEnd(2 ** 30, "xy").length`, "RangeError:Invalid string length"},
		{"Array.prototype.fill", `return new Array(2 ** 30).fill(0).length`, "RangeError:Invalid array length"},
		{"Array.from array-like", `return Array.from({ length: 2 ** 30 }).length`, "RangeError:Invalid array length"},
		{"ArrayBuffer", `return new ArrayBuffer(2 ** 31).byteLength`, "RangeError:Array buffer allocation failed"},
		{"Uint8Array", `return new Uint8Array(2 ** 31).length`, "RangeError:Array buffer allocation failed"},
		{"Float64Array", `return new Float64Array(2 ** 25).length`, "RangeError:Array buffer allocation failed"},
		{"BigInt64Array", `return new BigInt64Array(2 ** 25).length`, "RangeError:Array buffer allocation failed"},
		// Not guarded: checked to be safe at depths a render can build.
		{"Proxy chain", `let p = {x: 1}; for (let i = 0; i < 100000; i++) p = new Proxy(p, {}); return p.x`, "ok:1"},
		{"prototype chain", `let o = {x: 2}; for (let i = 0; i < 100000; i++) o = Object.create(o); return o.x`, "ok:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			v, err := invoke(t, p, ctx, "probe.run", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %.200q, want %q", got, tt.want)
			}
		})
	}
	if st := p.Stats(); st.Replacements != 0 {
		t.Errorf("%d runtimes replaced: a caught RangeError leaves the runtime clean", st.Replacements)
	}
}

// TestGuardedBuiltinsStillWork checks the wrappers against what V8 answers for ordinary use: the guards must
// not change any result the Node-diff corpus or a component relies on.
func TestGuardedBuiltinsStillWork(t *testing.T) {
	p := newTestPool(t, 1, guardSrc)
	tests := []struct{ src, want string }{
		{`return JSON.stringify(JSON.parse('{"a":[1,{"b":"[[{{\\"]"}],"c":null}'))`, `ok:{"a":[1,{"b":"[[{{\"]"}],"c":null}`},
		{`return JSON.parse('[1,[2]]', (k, v) => typeof v === "number" ? v * 10 : v).flat().join()`, "ok:10,20"},
		{`return JSON.parse("nope")`, "SyntaxError:"},
		{`return JSON.stringify({a: [1, 2], b: "x"}, null, 2)`, "ok:{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": \"x\"\n}"},
		{`return JSON.stringify({a: 1, b: 2}, ["b"])`, `ok:{"b":2}`},
		{`return JSON.stringify(undefined) + JSON.stringify("s") + JSON.stringify(new Date(0))`, `ok:undefined"s""1970-01-01T00:00:00.000Z"`},
		{`const o = {}; o.o = o; return JSON.stringify(o)`, "TypeError:"},
		{`return JSON.stringify([1, [2, [3, [4]]]].flat())`, "ok:[1,2,[3,[4]]]"},
		{`return JSON.stringify([1, [2, [3, [4]]]].flat(Infinity))`, "ok:[1,2,3,4]"},
		{`return JSON.stringify([1, [2, [3]]].flat(0))`, "ok:[1,[2,[3]]]"},
		{`return JSON.stringify([1, , [2, , 3]].flat())`, "ok:[1,2,3]"},
		{`return JSON.stringify(Array.prototype.flat.call({length: 2, 0: [1], 1: 2}))`, "ok:[1,2]"},
		{`return JSON.stringify([1, 2].flatMap((x, i) => [x, i, [x]]))`, "ok:[1,0,[1],2,1,[2]]"},
		{`return [1, [2, [3]]].toString() + "|" + String([[], [null], [undefined, 1]])`, "ok:1,2,3|,,,1"},
		{`return [1, 2].join() + [1, 2].join("-") + [1, 2].join(undefined)`, "ok:1,21-21,2"},
		{`return [1234.5, new Date(0)].toLocaleString("en-US", {timeZone: "UTC"}).length > 5`, "ok:true"},
		{`return "ab".repeat(3) + "x".padStart(3, "-") + "x".padEnd(3) + "|"`, "ok:ababab--xx  |"},
		{`try { "a".repeat(-1) } catch (e) { return e instanceof RangeError }`, "ok:true"},
		{`return new Array(3).fill(7).join()`, "ok:7,7,7"},
		{`return Array.from("héllo").length + Array.from({length: 2}, (_, i) => i * 2).join() + Array.from(new Set([1, 1, 2])).join()`, "ok:50,21,2"},
		{`const b = new ArrayBuffer(8); return b.byteLength + ":" + (b instanceof ArrayBuffer) + ":" + (b.constructor === ArrayBuffer) + ":" + ArrayBuffer.isView(new Uint8Array(b))`, "ok:8:true:true:true"},
		{`const u = new Uint8Array([1, 2, 3]); return u.length + ":" + (u instanceof Uint8Array) + ":" + Uint8Array.from([4]).join() + ":" + Uint8Array.of(5, 6).join() + ":" + Uint8Array.name + ":" + Uint8Array.BYTES_PER_ELEMENT`, "ok:3:true:4:5,6:Uint8Array:1"},
		{`class B extends Uint8Array { sum() { return this.reduce((a, b) => a + b, 0) } } const b = new B(3); b[0] = 2; b[2] = 5; return b.sum() + ":" + (b instanceof B) + ":" + (b instanceof Uint8Array)`, "ok:7:true:true"},
		{`return new Uint16Array(new ArrayBuffer(4)).length + new Float64Array(new Float64Array([1.5])).join()`, "ok:21.5"},
		{`try { Uint8Array(2) } catch (e) { return e.constructor.name }`, "ok:TypeError"},
		{`return Object.getPrototypeOf(Int8Array) === Object.getPrototypeOf(Uint8Array)`, "ok:true"},
	}
	for _, tt := range tests {
		v, err := invoke(t, p, context.Background(), "probe.run", tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.String(); !strings.HasPrefix(got, tt.want) || (strings.HasPrefix(tt.want, "ok:") && got != tt.want) {
			t.Errorf("%s\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// TestUncatchableOverflowsEndOnlyTheCall: recursion that goja itself bounds (JS frames, including those of our
// JS structuredClone and of bound-function chains) ends the call with an error and replaces the runtime; the
// pool keeps serving.
func TestUncatchableOverflowsEndOnlyTheCall(t *testing.T) {
	p := newTestPool(t, 1, guardSrc+`
var deep = {
  clone() { let o = {}; for (let i = 0; i < 20000; i++) o = {o}; return structuredClone(o) ? "cloned" : "?"; },
  bound() { let f = function () { return 1; }; for (let i = 0; i < 20000; i++) f = f.bind(null); return f(); },
  recurse() { const r = (n) => r(n + 1) + 1; return r(0); },
};`)
	for _, fn := range []string{"deep.clone", "deep.bound", "deep.recurse"} {
		v, err := invoke(t, p, context.Background(), fn)
		if err == nil {
			// Bound chains may also run within the frame limit; then they must return the right value.
			if fn == "deep.bound" && v.String() == "1" {
				continue
			}
			t.Errorf("%s = %v, want a stack overflow error", fn, v)
			continue
		}
		if !errors.Is(err, ErrStackOverflow) || !strings.Contains(err.Error(), "Maximum call stack size exceeded") {
			t.Errorf("%s: %v, want a stack overflow error", fn, err)
		}
	}
	v, err := invoke(t, p, context.Background(), "probe.run", "return 40 + 2")
	if err != nil || v.String() != "ok:42" {
		t.Fatalf("after the overflows: %v, %v", v, err)
	}
}

func TestRegexpMatchTimeoutIsSet(t *testing.T) {
	newTestPool(t, 1)
	if regexp2.DefaultMatchTimeout > regexpMatchTimeout {
		t.Errorf("regexp2.DefaultMatchTimeout = %s, want at most %s: a catastrophic backtracking pattern would hold a runtime forever", regexp2.DefaultMatchTimeout, regexpMatchTimeout)
	}
}

func TestJSONTooDeep(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{`[[[]]]`, false},
		{`[[[[]]]]`, true},
		{`{"a":{"b":{"c":1}}}`, false},
		{`{"a":{"b":{"c":{}}}}`, true},
		{`["[[[[[[", "\"[[[[["]`, false},
		{`"\\"`, false},
		{`[[[`, false}, // unbalanced, but not deeper than 3: the parser reports it
	} {
		if got := jsonTooDeep(tt.s, 3); got != tt.want {
			t.Errorf("jsonTooDeep(%q, 3) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func FuzzJSONTooDeep(f *testing.F) {
	f.Add(`[{"a":"]"}]`)
	f.Fuzz(func(t *testing.T, s string) {
		// Never panics, and a shallower limit never accepts what a deeper one rejects.
		if jsonTooDeep(s, 8) && !jsonTooDeep(s, 4) {
			t.Errorf("%q: too deep for 8 but not for 4", s)
		}
	})
}

// BenchmarkIntact is the integrity check run after every call.
func BenchmarkIntact(b *testing.B) {
	p := newTestPool(b, 1)
	vm, _ := p.Acquire(context.Background())
	defer p.Release(vm)
	for i := 0; i < b.N; i++ {
		if !vm.intact() {
			b.Fatal("not intact")
		}
	}
}
