package bundle

import (
	"runtime"
	"testing"

	"github.com/dop251/goja"
)

// ephemeronVM runs ephemeronMapJS in a plain goja runtime.
func ephemeronVM(t *testing.T) *goja.Runtime {
	t.Helper()
	rt := goja.New()
	if _, err := rt.RunString(ephemeronMapJS); err != nil {
		t.Fatal(err)
	}
	return rt
}

type dynamicObject struct{}

func (dynamicObject) Get(string) goja.Value       { return nil }
func (dynamicObject) Set(string, goja.Value) bool { return false }
func (dynamicObject) Has(string) bool             { return false }
func (dynamicObject) Delete(string) bool          { return false }
func (dynamicObject) Keys() []string              { return nil }

// TestEphemeronMapSemantics checks the map against what a WeakMap does
// with the same calls, in the same runtime.
func TestEphemeronMapSemantics(t *testing.T) {
	rt := ephemeronVM(t)
	rt.Set("dyn", rt.NewDynamicObject(dynamicObject{}))
	v, err := rt.RunString(`
	  const run = (m) => {
	    const o = { a: 1 }, frozen = Object.freeze({ b: 2 }), proxy = new Proxy({}, {}), arr = [1], fn = () => 1;
	    const out = [];
	    for (const k of [o, frozen, proxy, arr, fn, dyn]) {
	      out.push(m.get(k), m.has(k), m.set(k, out.length) === m, m.get(k), m.has(k));
	    }
	    m.set(o, "again");
	    out.push(m.get(o), m.delete(o), m.has(o), m.get(o), m.delete(o), m.set(o, undefined) === m, m.has(o), m.get(o));
	    out.push(m.delete(dyn), m.has(dyn), m.get({}), m.has(1), m.delete(null));
	    try { m.set(1, 2); out.push("no throw"); } catch (e) { out.push(e instanceof TypeError); }
	    out.push(JSON.stringify(o), Reflect.ownKeys(o).length, Object.getOwnPropertySymbols(arr).length, Object.isFrozen(frozen));
	    return JSON.stringify(out);
	  };
	  const a = ssrgateEphemeronMap(), b = ssrgateEphemeronMap();
	  const k = {};
	  a.set(k, "a");
	  [run(new WeakMap()), run(ssrgateEphemeronMap()), b.get(k) === undefined && a.get(k) === "a"];
	`)
	if err != nil {
		t.Fatal(err)
	}
	got := v.Export().([]any)
	t.Logf("WeakMap: %s", got[0])
	if got[0] != got[1] {
		t.Errorf("calls differ from a WeakMap's:\n WeakMap   %s\n ephemeron %s", got[0], got[1])
	}
	if got[2] != true {
		t.Error("two maps share an entry: each map needs its own private field")
	}
}

// TestEphemeronMapCollects stores 20,000 entries whose value is a Proxy of
// the key, as Vue's reactiveMap does, and measures the heap after GC: a
// WeakMap keeps them all (goja holds its values strongly), the ephemeron
// map keeps none. Break it: store the values in the fallback WeakMap.
func TestEphemeronMapCollects(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	grow := func(newMap string) uint64 {
		rt := ephemeronVM(t)
		if _, err := rt.RunString(`var m = ` + newMap + `; function run(n) { for (let i = 0; i < n; i++) { const k = { items: new Array(64).fill(i) }; m.set(k, new Proxy(k, {})); } }`); err != nil {
			t.Fatal(err)
		}
		run, _ := goja.AssertFunction(rt.Get("run"))
		before := heap()
		for range 20 {
			if _, err := run(goja.Undefined(), rt.ToValue(1000)); err != nil {
				t.Fatal(err)
			}
		}
		after := heap()
		runtime.KeepAlive(rt)
		return max(after, before) - before
	}
	weak, eph := grow("new WeakMap()"), grow("ssrgateEphemeronMap()")
	t.Logf("heap growth after 20,000 entries whose value references the key: WeakMap %d KB, ephemeron map %d KB", weak>>10, eph>>10)
	if weak < 5<<20 {
		t.Errorf("a WeakMap kept only %d KB: if goja's WeakMap now lets such entries go, the patch can go too", weak>>10)
	}
	if eph > weak/10 {
		t.Errorf("the ephemeron map kept %d KB (WeakMap %d KB): its entries outlive their keys", eph>>10, weak>>10)
	}
}
