// Over a megabyte of markup: over the render output bound.
export default function Huge() {
  return <pre>{"0123456789abcdef".repeat(72 * 1024)}</pre>;
}
