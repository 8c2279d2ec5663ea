package difftest

// Shrink reduces a failing spec: it tries every one-step reduction of the
// tree (drop an array item, a prop or the children; replace a node by its
// children or by null), keeps the first that still fails, and repeats until
// no reduction fails or rounds run out. fails renders a batch of candidates
// and reports which of them still fail; one call per round keeps the cost to
// one Node process and one goja batch per round.
func Shrink(spec Spec, rounds int, fails func([]Spec) []bool) Spec {
	for range rounds {
		cands := specReductions(spec)
		if len(cands) == 0 {
			return spec
		}
		res := fails(cands)
		next := -1
		for i, f := range res {
			if f {
				next = i
				break
			}
		}
		if next < 0 {
			return spec
		}
		spec = cands[next]
	}
	return spec
}

func specReductions(spec Spec) []Spec {
	var out []Spec
	if _, ok := spec["prefix"]; ok {
		s := Spec{"root": spec["root"]}
		out = append(out, s)
	}
	for _, r := range reductions(spec["root"]) {
		s := Spec{"root": r}
		if p, ok := spec["prefix"]; ok {
			s["prefix"] = p
		}
		out = append(out, s)
	}
	return out
}

// reductions returns the one-step reductions of a node spec, each a new
// value (v itself is never modified).
func reductions(v any) []any {
	switch n := v.(type) {
	case []any:
		var out []any
		for i := range n {
			out = append(out, append(append([]any{}, n[:i]...), n[i+1:]...))
		}
		if len(n) == 1 {
			out = append(out, n[0])
		}
		for i := range n {
			for _, r := range reductions(n[i]) {
				c := append([]any{}, n...)
				c[i] = r
				out = append(out, c)
			}
		}
		return out
	case map[string]any:
		if _, special := n["$"]; special {
			return nil
		}
		var out []any
		for _, k := range []string{"c", "fr"} {
			if c, ok := n[k]; ok {
				out = append(out, c)
			}
		}
		out = append(out, nil)
		if c, ok := n["c"]; ok && n["fr"] == nil {
			out = append(out, without(n, "c"))
			for _, r := range reductions(c) {
				out = append(out, with(n, "c", r))
			}
		}
		if c, ok := n["fr"]; ok {
			for _, r := range reductions(c) {
				out = append(out, with(n, "fr", r))
			}
		}
		if props, ok := n["p"].([]any); ok {
			for i := range props {
				out = append(out, with(n, "p", append(append([]any{}, props[:i]...), props[i+1:]...)))
			}
		}
		if _, ok := n["k"]; ok {
			out = append(out, without(n, "k"))
		}
		return out
	}
	return nil
}

func with(m map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(m))
	for kk, vv := range m {
		c[kk] = vv
	}
	c[k] = v
	return c
}

func without(m map[string]any, k string) map[string]any {
	c := with(m, k, nil)
	delete(c, k)
	return c
}
