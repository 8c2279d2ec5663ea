import { useId, useState } from "react";

// Tally: a counter with a labelled text field (useId ties them together),
// for the island tests: replayed clicks and typing, and ids per island.
export default function Tally({ name = "tally" }) {
  const id = useId();
  const [n, setN] = useState(0);
  const [text, setText] = useState("");
  return (
    <div className="tally" data-testid={name}>
      <label htmlFor={id}>Note for {name}</label>
      <input id={id} value={text} onChange={(e) => setText(e.target.value)} />
      <output>{text}</output>
      <button type="button" onClick={() => setN(n + 1)}>
        {name}: {n}
      </button>
    </div>
  );
}
