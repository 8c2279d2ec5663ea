import { useState } from "react";

// Counter is the smallest interactive island.
export default function Counter({ start = 0, label = "Count" }) {
  const [n, setN] = useState(start);
  return (
    <button type="button" className="counter" onClick={() => setN(n + 1)}>
      {label}: {n}
    </button>
  );
}
