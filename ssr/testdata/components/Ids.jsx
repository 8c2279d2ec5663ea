import { useId } from "react";

// Ids labels a field with useId: its HTML depends on the id prefix.
export default function Ids() {
  const id = useId();
  return (
    <p>
      <label htmlFor={id}>x</label>
      <input id={id} />
    </p>
  );
}
