package bundlefile

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// randomValue builds decoded JSON without nulls: objects, arrays, strings, numbers and booleans.
func randomValue(r *rand.Rand, depth int) any {
	switch k := r.Intn(6); {
	case k == 0 && depth > 0:
		return randomObject(r, depth-1)
	case k == 1 && depth > 0:
		a := make([]any, r.Intn(4))
		for i := range a {
			a[i] = randomValue(r, depth-1)
		}
		return a
	case k == 2:
		return float64(r.Intn(100)) / 4
	case k == 3:
		return r.Intn(2) == 0
	default:
		return []string{"a", "b", "Gearr", "{d:numeric}", ""}[r.Intn(5)]
	}
}

func randomObject(r *rand.Rand, depth int) map[string]any {
	m := map[string]any{}
	for i := r.Intn(6); i > 0; i-- {
		m[fmt.Sprintf("k%d", r.Intn(8))] = randomValue(r, depth)
	}
	return m
}

// mutate returns a copy of v with some keys changed, added or removed, at any depth.
func mutate(r *rand.Rand, v map[string]any, depth int) map[string]any {
	out := map[string]any{}
	for k, x := range v {
		switch r.Intn(5) {
		case 0: // removed
		case 1:
			out[k] = randomValue(r, depth)
		case 2:
			if m, ok := x.(map[string]any); ok {
				out[k] = mutate(r, m, depth)
				continue
			}
			out[k] = x
		default:
			out[k] = x
		}
	}
	if r.Intn(3) == 0 {
		out[fmt.Sprintf("n%d", r.Intn(4))] = randomValue(r, depth)
	}
	return out
}

func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDiffApply: applying Diff(base, target) to base gives target, and leaves base as it was.
func TestDiffApply(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 3000; i++ {
		base := randomObject(r, 3)
		target := mutate(r, base, 3)
		before, _ := json.Marshal(base)
		patch := roundTrip(t, Diff(base, target)) // as stored: through JSON
		got := Apply(base, patch)
		if !reflect.DeepEqual(roundTrip(t, got), roundTrip(t, target)) {
			bj, _ := json.Marshal(base)
			tj, _ := json.Marshal(target)
			pj, _ := json.Marshal(patch)
			gj, _ := json.Marshal(got)
			t.Fatalf("case %d:\n base   %s\n target %s\n patch  %s\n got    %s", i, bj, tj, pj, gj)
		}
		if after, _ := json.Marshal(base); string(after) != string(before) {
			t.Fatalf("case %d: Apply modified its target:\n before %s\n after  %s", i, before, after)
		}
	}
}

func TestDiffOfEqualIsEmpty(t *testing.T) {
	v := map[string]any{"a": map[string]any{"b": []any{"x", 1.0}}, "c": true}
	if p := Diff(v, roundTrip(t, v).(map[string]any)); len(p) != 0 {
		t.Fatalf("Diff of equal objects = %v, want empty", p)
	}
}

// TestResolveChain reads a patch of a patch, and reports a base chain that loops.
func TestResolveChain(t *testing.T) {
	en := map[string]any{"cldr": map[string]any{"glue": "{1}, {0}", "names": []any{"Jan"}}, "zones": map[string]any{"z": "GMT"}}
	en001 := map[string]any{"cldr": map[string]any{"glue": "{1}, {0}", "names": []any{"Jan"}, "d": "dd/MM/y"}, "zones": map[string]any{"z": "GMT"}}
	enAU := map[string]any{"cldr": map[string]any{"glue": "{1} {0}", "names": []any{"Jan"}, "d": "d/M/yy"}}
	files := map[string][]byte{}
	enc := func(name, base string, v map[string]any) {
		z, err := Encode(base, v)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = z
	}
	enc("en", "", en)
	enc("en-001", "en", Diff(en, en001))
	enc("en-AU", "en-001", Diff(en001, enAU))
	read := func(n string) ([]byte, error) {
		if z, ok := files[n]; ok {
			return z, nil
		}
		return nil, fmt.Errorf("no file %s", n)
	}
	for name, want := range map[string]map[string]any{"en": en, "en-001": en001, "en-AU": enAU} {
		got, err := Resolve(name, read)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(roundTrip(t, got), roundTrip(t, want)) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
		j, err := JSON(name, read)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON any
		if err := json.Unmarshal(j, &fromJSON); err != nil || !reflect.DeepEqual(fromJSON, roundTrip(t, want)) {
			t.Errorf("%s: JSON gave %s (%v)", name, j, err)
		}
	}
	enc("a", "b", map[string]any{"x": 1.0})
	enc("b", "a", map[string]any{"y": 2.0})
	if _, err := Resolve("a", read); err == nil || !strings.Contains(err.Error(), "loops") {
		t.Fatalf("a loop of bases gave %v, want an error that says it loops", err)
	}
}
