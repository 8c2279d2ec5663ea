// Package difftest is the differential fuzzer of the fast React server
// renderer (internal/reactfast): it proves, case by case, that the fast
// path's renderToString writes the same bytes as react-dom/server's.
//
// A case is a JSON spec (gen.go) of a random element tree: host elements
// (HTML, void, SVG, MathML, custom elements), attribute names taken from
// react-dom's own tables at test time (tables.go), values of every kind,
// style objects, text and fragments, form controls, and components with
// hooks, context, class components, memo and forwardRef. One interpreter,
// js/interp.js, turns a spec into React elements; it is bundled into the
// production-configured goja bundle (with the fast renderer) and into a Node
// script (with Node's react-dom/server), and the two outputs are compared
// byte for byte. A spec the fast path declines (its Unsupported error) is a
// fallback, counted by feature, never a pass or a mismatch.
//
// The test is TestDifferential; its budget and seed come from
// SSRGATE_REACT_FUZZ_CASES and SSRGATE_REACT_FUZZ_SEED (see the README, under "Two commands").
package difftest
