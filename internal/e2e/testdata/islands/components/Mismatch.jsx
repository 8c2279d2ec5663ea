// Mismatch renders different text on the server and in the browser: a
// deliberate hydration mismatch, which the runtime must report.
export default function Mismatch() {
  return <p>rendered in the {typeof window === "undefined" ? "server" : "browser"}</p>;
}
