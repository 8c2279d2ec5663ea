export default function Big({ kb = 2048 }) {
  return <pre>{"x".repeat(kb * 1024)}</pre>;
}
