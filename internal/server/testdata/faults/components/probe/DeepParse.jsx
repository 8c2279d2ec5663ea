// The probe: goja's JSON decoder recursed in Go until a fatal stack overflow.
export default function DeepParse() {
  const v = JSON.parse("[".repeat(5e6) + "]".repeat(5e6));
  return <p>{v.length}</p>;
}
