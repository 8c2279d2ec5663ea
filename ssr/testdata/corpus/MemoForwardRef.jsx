import { forwardRef, memo, useRef, useState, useMemo, useReducer, useSyncExternalStore, createRef } from "react";

// React.memo, forwardRef, ref as a prop (React 19), and hooks whose initial
// values are all the server renders.
const Fancy = forwardRef(function Fancy({ label }, ref) {
  return <button ref={ref} className="fancy">{label}</button>;
});

const Pure = memo(function Pure({ n }) {
  return <b>{n * 2}</b>;
});

const PureEq = memo(({ n }) => <i>{n}</i>, (a, b) => a.n === b.n);

function RefProp({ ref, text }) {
  return <input ref={ref} defaultValue={text} />;
}

export default function MemoForwardRef({ n }) {
  const ref = useRef(null);
  const [count] = useState(() => n + 1);
  const doubled = useMemo(() => count * 2, [count]);
  const [state] = useReducer((s, a) => s + a, 10);
  const snap = useSyncExternalStore(() => () => {}, () => "client", () => "server");
  return (
    <div>
      <Fancy ref={ref} label="forwarded" />
      <Pure n={n} />
      <PureEq n={n} />
      <RefProp ref={createRef()} text="ref prop" />
      <p>{count}|{doubled}|{state}|{snap}</p>
      <p>{Fancy.displayName ?? "none"}|{typeof Pure}</p>
    </div>
  );
}
