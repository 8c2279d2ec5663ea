import { useState } from "react";

// Widget is an interactive React island: the browser tests click it to
// prove that hydration attached the handlers.
export default function Widget({ title = "untitled", text = "" }) {
  const [n, setN] = useState(0);
  return (
    <section className="widget">
      <h2>{title}</h2>
      <p className="text">{text}</p>
      <button type="button" onClick={() => setN(n + 1)}>
        clicked {n}
      </button>
    </section>
  );
}
