package ssrhost

import "testing"

// TestBufferMatchesVue runs the same pushes through __ssrgateBuffer and
// through Vue's createBuffer (copied here as the reference, from
// @vue/server-renderer 3.5) and compares what getBuffer() returns, before
// and after further pushes.
func TestBufferMatchesVue(t *testing.T) {
	rt := installed(t)
	_, err := rt.RunString(`
const isPromise = (v) => v !== null && typeof v === "object" && typeof v.then === "function" && typeof v.catch === "function";
const isArray = Array.isArray;
function vueBuffer() {
  let appendable = false;
  const buffer = [];
  return {
    getBuffer() { return buffer; },
    push(item) {
      const isStringItem = typeof item === "string";
      if (appendable && isStringItem) { buffer[buffer.length - 1] += item; return; }
      buffer.push(item);
      appendable = isStringItem;
      if (isPromise(item) || isArray(item) && item.hasAsync) buffer.hasAsync = true;
    }
  };
}
const isAsync = (item) => isPromise(item) || isArray(item) && item.hasAsync;
const describe = (b) => JSON.stringify({items: b.map((x) => isPromise(x) ? "<promise>" : x), hasAsync: !!b.hasAsync, keys: Object.keys(b)});
const asyncChild = ["x"]; asyncChild.hasAsync = true;
const scripts = [
  [],
  ["a", "b", "c"],
  ["", "a"],
  [""],
  ["a", ["b", "c"], "d", "e"],
  [["n"], ["m"]],
  ["a", asyncChild, "b"],
  ["p", Promise.resolve("q"), "r"],
  ["\ud800", "\udc00", "é", "<"],
  ["a", 1, "b"],
];
const out = [];
for (const s of scripts) {
  for (const split of [s.length, Math.floor(s.length / 2)]) {
    const vue = vueBuffer(), ours = __ssrgateBuffer(isAsync);
    for (const it of s.slice(0, split)) { vue.push(it); ours.push(it); }
    const a1 = describe(vue.getBuffer()), b1 = describe(ours.getBuffer());
    for (const it of s.slice(split)) { vue.push(it); ours.push(it); }
    vue.push("tail"); ours.push("tail");
    const a2 = describe(vue.getBuffer()), b2 = describe(ours.getBuffer());
    out.push([JSON.stringify(s.map(String)), split, a1, b1, a2, b2, ours.getBuffer() === ours.getBuffer()]);
  }
}
globalThis.out = out;
`)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	if err := rt.ExportTo(rt.Get("out"), &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != 20 {
		t.Fatalf("%d results, want 20", len(out))
	}
	for _, r := range out {
		if r[2] != r[3] || r[4] != r[5] {
			t.Errorf("pushes %v (getBuffer after %v):\n vue  %v then %v\n ours %v then %v", r[0], r[1], r[2], r[4], r[3], r[5])
		}
		if r[6] != true {
			t.Errorf("pushes %v: getBuffer() returned different arrays", r[0])
		}
	}
	if _, err := rt.RunString(`__ssrgateBuffer(1)`); err == nil {
		t.Error("__ssrgateBuffer(1): no error")
	}
}
