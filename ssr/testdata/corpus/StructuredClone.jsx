// structuredClone: deep copies of plain objects, arrays, Date, Map, Set,
// nested and cyclic structures; the original stays independent.
export default function StructuredClone({ data }) {
  const orig = { ...data, when: new Date(Date.UTC(2024, 4, 1)), map: new Map([["k", { v: 1 }]]), set: new Set([1, 2, 2, 3]) };
  orig.self = orig;
  const copy = structuredClone(orig);
  copy.nested.list.push(4);
  copy.map.get("k").v = 2;
  let err = "none";
  try {
    structuredClone({ f() {} });
  } catch (e) {
    err = e.name;
  }
  return (
    <ul>
      <li>{JSON.stringify(data)}</li>
      <li>{JSON.stringify(copy.nested)}|{JSON.stringify(orig.nested)}</li>
      <li>{String(copy.when instanceof Date)}|{copy.when.toISOString()}</li>
      <li>{copy.map.get("k").v}|{orig.map.get("k").v}|{copy.set.size}</li>
      <li>{String(copy.self === copy)}|{String(copy !== orig)}</li>
      <li>{err}</li>
    </ul>
  );
}
