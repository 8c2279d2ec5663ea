import { Suspense, lazy, use } from "react";

// A boundary whose content suspends and never resolves: renderToString
// writes the fallback inside a client-rendered boundary marker, and the
// content beside it renders normally.
const never = { then() {} };
const Never = lazy(() => never);

function Waits() {
  use(never);
  return <p>never shown</p>;
}

export default function SuspenseFallback({ label }) {
  return (
    <div>
      <Suspense fallback={<span>loading {label}</span>}>
        <Waits />
      </Suspense>
      <Suspense fallback="lazy fallback">
        <b>{label}</b>
        <Never />
      </Suspense>
      <p>{label}</p>
    </div>
  );
}
