import {
  createContext,
  use,
  useActionState,
  useCallback,
  useContext,
  useDebugValue,
  useDeferredValue,
  useEffect,
  useImperativeHandle,
  useInsertionEffect,
  useLayoutEffect,
  useMemo,
  useOptimistic,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
} from "react";

// Every hook of the server dispatcher: the values they give on the server
// (initial state, getServerSnapshot, the context's value, not pending),
// effects as no-ops, and a render-phase setState that re-renders the
// component before its output is kept.
const Locale = createContext("en");
const Counter = createContext(0);

function reducer(state, action) {
  return state + action;
}

function Counters({ start }) {
  const [a] = useState(start);
  const [b] = useState(() => start * 10);
  const [c] = useReducer(reducer, start);
  const [d] = useReducer(reducer, start, (s) => s + 100);
  const squared = useMemo(() => start * start, [start]);
  const describe = useCallback((x) => `n=${x}`, []);
  const ref = useRef(start + 0.5);
  return (
    <p>
      {a} {b} {c} {d} {squared} {describe(start)} {ref.current}
    </p>
  );
}

function Store({ server }) {
  const v = useSyncExternalStore(
    () => () => {},
    () => "client snapshot",
    () => server,
  );
  useDebugValue(v);
  return <span data-store={v}>{v}</span>;
}

function Contexts() {
  const locale = useContext(Locale);
  const count = use(Counter);
  return (
    <span>
      {locale}/{count}
    </span>
  );
}

function Transitions({ value }) {
  const [pending, start] = useTransition();
  const deferred = useDeferredValue(value);
  const withInitial = useDeferredValue(value, "initial");
  return (
    <span data-pending={pending} data-start={typeof start}>
      {deferred}|{withInitial}
    </span>
  );
}

function Actions({ initial }) {
  const [state, , pending] = useActionState((prev, n) => prev + n, initial);
  const [optimistic] = useOptimistic(state, (s, add) => s + add);
  return (
    <output>
      {state}:{optimistic}:{String(pending)}
    </output>
  );
}

function Effects() {
  const ref = useRef(null);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  useLayoutEffect(() => setMounted(true), []);
  useInsertionEffect(() => {});
  useImperativeHandle(ref, () => ({ focus() {} }));
  return <i ref={ref}>{mounted ? "effects ran" : "effects skipped"}</i>;
}

function RenderPhase({ until }) {
  const [n, setN] = useState(0);
  const [log, setLog] = useState("");
  if (n < until) {
    setN(n + 1);
    setLog((l) => l + n);
  }
  return (
    <b>
      {n} after {log || "none"}
    </b>
  );
}

export default function Hooks({ start, server, locale, count, value, initial, until }) {
  return (
    <div>
      <Counters start={start} />
      <Store server={server} />
      <Locale value={locale}>
        <Counter.Provider value={count}>
          <Contexts />
        </Counter.Provider>
      </Locale>
      <Contexts />
      <Transitions value={value} />
      <Actions initial={initial} />
      <Effects />
      <RenderPhase until={until} />
    </div>
  );
}
