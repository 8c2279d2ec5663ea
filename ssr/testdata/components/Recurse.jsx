// Recurse recurses without end: the render must fail with a clear stack
// overflow error, not an empty one.
function depth(n) {
  return depth(n + 1) + 1;
}

export default function Recurse() {
  return <p>{depth(0)}</p>;
}
