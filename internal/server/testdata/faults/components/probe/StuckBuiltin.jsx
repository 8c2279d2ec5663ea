// One native call that runs for seconds without returning to JavaScript (it walks ten million holes), so
// goja's interrupt is not seen until it returns: the render must fall back at the deadline anyway.
export default function StuckBuiltin() {
  return <p>{new Array(1e7).indexOf(1)}</p>;
}
