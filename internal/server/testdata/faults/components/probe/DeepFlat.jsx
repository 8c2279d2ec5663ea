// A deeply nested array flattened: goja's flat recursed in Go per level. 20,000 levels are past the guard's
// bound and quick to build even under -race (the 3,000,000 would hit the render deadline first).
export default function DeepFlat({ depth = 20000 }) {
  let a = [];
  for (let i = 0; i < depth; i++) a = [a];
  return <p>{a.flat(Infinity).length}</p>;
}
