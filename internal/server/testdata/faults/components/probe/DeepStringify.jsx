// JSON.stringify of a deep array: goja's encoder recursed in Go with a quadratic cycle check.
export default function DeepStringify({ depth = 20000 }) {
  let a = [];
  for (let i = 0; i < depth; i++) a = [a];
  return <p>{JSON.stringify(a).length}</p>;
}
