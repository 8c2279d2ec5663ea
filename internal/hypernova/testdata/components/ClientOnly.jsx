import { useState } from "react";

// ClientOnly fails on the server (it needs window), so its job fails and
// the browser renders it from the client fallback markup instead.
export default function ClientOnly({ label = "client" }) {
  if (typeof window === "undefined") {
    throw new ReferenceError("window is not defined");
  }
  const [n, setN] = useState(0);
  return (
    <button type="button" className="client-only" onClick={() => setN(n + 1)}>
      {label} {n}
    </button>
  );
}
