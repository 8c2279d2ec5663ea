// The spec interpreter shared by both sides of the differential fuzzer
// (internal/reactfast/difftest): it turns one JSON case spec, produced by the
// Go generator (gen.go), into a React element. The same file is bundled into
// the goja bundle and into the Node script, so both renderers see element
// trees built by identical code from identical input.
//
// Node specs (children positions):
//   "text", 12.5, true, null        the JSON value itself
//   {"$": "..."}                    a special value (see special below)
//   [node, ...]                     an array of nodes
//   {"e": tag, "p": [[name, value], ...], "c": children, "k": key}   host element
//   {"fr": children, "k": key}      Fragment
//   {"x": kind, "c": children, "k": key, ...}        a component (see kinds)
// Value specs (prop positions): JSON literals, {"$": ...} specials, arrays of
// values, {"$": "obj", "v": [[key, value], ...]} (a plain object, keys in
// order) and JSON objects without "$" (a plain object, keys as parsed).
import * as React from "react";

const {
  createElement,
  Fragment,
  StrictMode,
  Profiler,
  Suspense,
  Component,
  createContext,
  memo,
  forwardRef,
  lazy,
  use,
  useState,
  useReducer,
  useMemo,
  useCallback,
  useRef,
  useId,
  useContext,
  useSyncExternalStore,
  useEffect,
  useLayoutEffect,
  useInsertionEffect,
  useImperativeHandle,
  useDebugValue,
  useTransition,
  useDeferredValue,
  useActionState,
  useOptimistic,
} = React;

const SYM = Symbol("fuzz");

// special decodes {"$": name, ...}.
function special(s) {
  switch (s.$) {
    case "undef":
      return undefined;
    case "nan":
      return NaN;
    case "inf":
      return Infinity;
    case "-inf":
      return -Infinity;
    case "-0":
      return -0;
    case "fn":
      return function handler() {};
    case "sym":
      return SYM;
    case "big":
      return BigInt(s.n);
    case "obj": // a plain object from [key, value] pairs, in order
      return pairs(s.v);
    case "str": // an object whose string form is s.s
      return { toString: () => s.s };
    case "vo": // valueOf and toString disagree: "" + v and String(v) differ
      return { valueOf: () => s.n, toString: () => "toString" };
    case "prim": // Symbol.toPrimitive, by hint
      return { [Symbol.toPrimitive]: (hint) => "prim-" + hint };
    default:
      throw new Error("fuzz spec: unknown special " + JSON.stringify(s));
  }
}

// value interprets a value spec.
export function value(v) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(value);
  if ("$" in v) return special(v);
  const o = {};
  for (const k of Object.keys(v)) o[k] = value(v[k]);
  return o;
}

export const contexts = [
  createContext("d0"),
  createContext(0),
  createContext({ theme: "light" }),
];

function pairs(list, out = {}) {
  for (const [k, v] of list) out[k] = value(v);
  return out;
}

// props builds a host element's props from [name, value] pairs: the order
// of attributes in the HTML is the order of the props object's keys.
function props(p, key) {
  const out = {};
  if (key !== undefined) out.key = key;
  return p ? pairs(p, out) : out;
}

// show renders a hook's result as text beside the children, the way the
// fuzzer makes hook state visible in the HTML.
function show(s, shown) {
  const c = node(s.c);
  if (!s.show) return c;
  return s.show === 2 ? [c, shown] : [shown, c];
}

function str(v) {
  return typeof v === "symbol" ? "sym" : String(v);
}

const kinds = {
  State(s) {
    const [v] = useState(() => value(s.v));
    return show(s, str(v));
  },
  Reducer(s) {
    const [v] = useReducer((a, b) => a + b, value(s.v), s.init ? (x) => str(x) + "!" : undefined);
    return show(s, str(v));
  },
  Memo(s) {
    const v = useMemo(() => str(value(s.v)) + "m", [s.v]);
    const f = useCallback(() => v, [v]);
    return show(s, f());
  },
  Ref(s) {
    const r = useRef(value(s.v));
    return show(s, str(r.current));
  },
  Id(s) {
    const ids = [];
    for (let i = 0; i < (s.n || 1); i++) ids.push(useId());
    if (s.attr) return createElement("span", { id: ids[0], "aria-labelledby": ids.join(" ") }, node(s.c));
    return show({ ...s, show: s.show || 1 }, ids.join(","));
  },
  Ctx(s) {
    const v = useContext(contexts[s.n]);
    return show(s, typeof v === "object" ? JSON.stringify(v) : str(v));
  },
  Use(s) {
    const v = use(contexts[s.n]);
    return show(s, typeof v === "object" ? JSON.stringify(v) : str(v));
  },
  Sync(s) {
    const v = useSyncExternalStore(
      () => () => {},
      () => "client",
      () => value(s.v),
    );
    return show(s, str(v));
  },
  Effects(s) {
    const r = useRef(null);
    useEffect(() => {});
    useLayoutEffect(() => {});
    useInsertionEffect(() => {});
    useImperativeHandle(r, () => ({}));
    useDebugValue("x");
    return node(s.c);
  },
  Transition(s) {
    const [pending] = useTransition();
    const d = useDeferredValue(value(s.v));
    return show(s, str(pending) + "/" + str(d));
  },
  ActionState(s) {
    const [state, , pending] = useActionState((prev) => prev, value(s.v));
    return show(s, str(state) + "/" + str(pending));
  },
  Optimistic(s) {
    const [v] = useOptimistic(value(s.v), (a, b) => a + b);
    return show(s, str(v));
  },
  // useId, then a render-phase update: the re-render must give the same id.
  IdRerender(s) {
    const id = useId();
    const [n, set] = useState(0);
    const m = useMemo(() => "memo" + n, [n]);
    if (n < (s.n || 1)) set(n + 1);
    return show({ ...s, show: s.show || 1 }, id + "/" + n + "/" + m);
  },
  // use() of a thenable that is already fulfilled.
  UseThenable(s) {
    const t = { status: "fulfilled", value: value(s.v), then() {} };
    return show({ ...s, show: s.show || 1 }, str(use(t)));
  },
  // A component that returns its value directly, not wrapped in an array.
  Bare(s) {
    return s.c !== undefined ? node(s.c) : value(s.v);
  },
  Throw(s) {
    throw new Error("thrown by a component: " + str(value(s.v)));
  },
  // A reducer dispatched during render: queued updates apply on re-render.
  DispatchRender(s) {
    const [v, dispatch] = useReducer((a, b) => a + b, 0);
    if (v < (s.n || 1)) {
      dispatch(1);
      dispatch(10);
    }
    return show({ ...s, show: s.show || 1 }, str(v));
  },
  RenderSet(s) {
    const [n, set] = useState(0);
    if (n < (s.n || 1)) set(n + 1);
    return show(s, str(n));
  },
};

function fn(name, render) {
  const f = ({ s }) => render(s);
  Object.defineProperty(f, "name", { value: name });
  return f;
}
const fnKinds = {};
for (const k of Object.keys(kinds)) fnKinds[k] = fn(k, kinds[k]);

class ClassKind extends Component {
  constructor(p) {
    super(p);
    this.state = { v: str(value(p.s.v)) };
  }
  UNSAFE_componentWillMount() {
    if (this.props.s.will) this.setState((st) => ({ v: st.v + "+w" }));
  }
  render() {
    const s = this.props.s;
    const ctx = s.ctx ? "/" + str(typeof this.context === "object" ? JSON.stringify(this.context) : this.context) : "";
    return show(s, this.state.v + ctx);
  }
}
// The legacy (not UNSAFE_) lifecycle name, with both setState forms.
class LegacyKind extends Component {
  constructor(p) {
    super(p);
    this.state = { v: str(value(p.s.v)), n: 0 };
  }
  componentWillMount() {
    this.setState({ v: this.state.v + "+legacy" });
    this.setState((st) => ({ n: st.n + 1 }));
  }
  render() {
    return show(this.props.s, this.state.v + "/" + this.state.n);
  }
}
class DerivedKind extends Component {
  constructor(p) {
    super(p);
    this.state = { n: 1 };
  }
  static getDerivedStateFromProps(p, st) {
    if (p.s.nullState) return null;
    // A partial state: the constructor's n stays unless it is returned.
    if (p.s.partial) return { v: str(value(p.s.v)) };
    return { n: st.n + 1, v: str(value(p.s.v)) };
  }
  render() {
    return show(this.props.s, this.state.v + ":" + this.state.n);
  }
}
class ContextClassKind extends Component {
  static contextType = contexts[2];
  render() {
    return show(this.props.s, JSON.stringify(this.context));
  }
}

const Inner = ({ s }) => node(s.c);
class DefaultsKind extends Component {
  static defaultProps = { label: "default<label>" };
  render() {
    return show({ ...this.props.s, show: this.props.s.show || 1 }, str(this.props.label));
  }
}
const MemoCompareKind = memo(Inner, (a, b) => a.s === b.s);
const MemoKind = memo(Inner);
const MemoIdKind = memo(function MemoId({ s }) {
  const id = useId();
  return show({ ...s, show: 1 }, id);
});
const FwdKind = forwardRef(function Fwd({ s }, ref) {
  return node(s.c);
});
const MemoFwdKind = memo(forwardRef(function MemoFwd({ s }, ref) {
  return node(s.c);
}));
// A lazy component whose module is already there: the thenable calls back
// synchronously, so React resolves it during the render.
const LazyKind = lazy(() => ({ then: (resolve) => resolve({ default: Inner }) }));

function component(s) {
  const key = s.k;
  const base = key !== undefined ? { key, s } : { s };
  switch (s.x) {
    case "Class":
      return createElement(s.ctx ? ClassWithContext : ClassKind, base);
    case "Derived":
      return createElement(DerivedKind, base);
    case "Legacy":
      return createElement(LegacyKind, base);
    case "ContextClass":
      return createElement(ContextClassKind, base);
    case "MemoC":
      return createElement(MemoKind, base);
    case "MemoCompare":
      return createElement(MemoCompareKind, base);
    case "Defaults":
      return createElement(DefaultsKind, s.v === undefined ? base : { ...base, label: value(s.v) });
    case "MemoId":
      return createElement(MemoIdKind, base);
    case "Fwd":
      return createElement(FwdKind, base);
    case "MemoFwd":
      return createElement(MemoFwdKind, base);
    case "Lazy":
      return createElement(LazyKind, base);
    case "Provider": {
      const C = contexts[s.n];
      const p = { value: value(s.v) };
      if (key !== undefined) p.key = key;
      return createElement(s.modern ? C : C.Provider, p, node(s.c));
    }
    case "Consumer": {
      const C = contexts[s.n];
      const p = key !== undefined ? { key } : null;
      return createElement(C.Consumer, p, (v) => [typeof v === "object" ? JSON.stringify(v) : str(v), node(s.c)]);
    }
    case "Strict":
      return createElement(StrictMode, key !== undefined ? { key } : null, node(s.c));
    case "Profiler":
      return createElement(Profiler, { id: "p", onRender() {}, key }, node(s.c));
    case "Suspense":
      return createElement(Suspense, { fallback: node(s.fb), key }, node(s.c));
    default: {
      const f = fnKinds[s.x];
      if (!f) throw new Error("fuzz spec: unknown component kind " + s.x);
      return createElement(f, base);
    }
  }
}
class ClassWithContext extends ClassKind {
  static contextType = contexts[0];
}

// nodeSpecial interprets the node-only specials: children React accepts
// besides elements, strings and arrays.
function nodeSpecial(s) {
  switch (s.$) {
    case "iter": // a generator of the nodes
      return (function* () {
        for (const c of s.of) yield node(c);
      })();
    case "set":
      return new Set(s.of.map(node));
    case "thenable": // an already fulfilled thenable of a node
      return { status: "fulfilled", value: node(s.of), then() {} };
    case "ctxnode": // a context object as a child renders its value
      return contexts[s.n];
    case "lazynode": // a lazy whose module's default is the node
      return lazy(() => ({ then: (resolve) => resolve({ default: node(s.of) }) }));
    default:
      return special(s);
  }
}

// templates, when set (the goja side, setTemplates), makes host elements
// the way ssrgate's build compiles JSX (internal/reactfast/jsxtpl): a
// template from the element's structure and an instance holding its
// dynamic values, instead of createElement. Node's side keeps
// createElement, so every such case compares the templates against React.
let templates = null;
let literalTurn = 0;
export function setTemplates(t) {
  templates = t;
}

// templatable is jsxtpl's rule: a lowercase tag, props with distinct plain
// names, none of them key, ref or children.
function templatable(s) {
  if (!/^[a-z][a-z0-9]*$/.test(s.e)) return false;
  const seen = new Set();
  for (const [name] of s.p || []) {
    if (seen.has(name) || name === "key" || name === "ref" || name === "children") return false;
    seen.add(name);
  }
  return true;
}

function isLiteral(v) {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

// describe writes the template description of host element spec s (the
// format of jsxtpl and render.js's tplDef), pushing its dynamic values to
// holes in order. Literal props and text alternate between the two forms,
// as JSX has them both ways.
function describe(s, holes) {
  const hole = (v) => holes.push(v) - 1;
  const p = [];
  for (const [name, v] of s.p || []) {
    if (isLiteral(v) && literalTurn++ % 2 === 0) p.push(name, 0, v);
    else p.push(name, 1, hole(value(v)));
  }
  const child = (c) => {
    if (typeof c === "string" && literalTurn++ % 2 === 0) return [0, c];
    if (c !== null && typeof c === "object" && !Array.isArray(c) && "e" in c && c.k === undefined && templatable(c))
      return [2, describe(c, holes)];
    return [1, hole(node(c))];
  };
  let c = null;
  if ("c" in s) c = Array.isArray(s.c) && literalTurn++ % 3 !== 0 ? s.c.map(child) : child(s.c);
  return [s.e, p, c];
}

// node interprets a node spec.
export function node(s) {
  if (s === null || typeof s !== "object") return s;
  if (Array.isArray(s)) return s.map(node);
  if ("$" in s) return nodeSpecial(s);
  if ("e" in s) {
    if (templates !== null && templatable(s)) {
      const holes = [];
      const desc = describe(s, holes);
      return templates.tpl(templates.tplDef(desc), holes, s.k);
    }
    const p = props(s.p, s.k);
    if ("c" in s) p.children = node(s.c);
    return createElement(s.e, p);
  }
  if ("fr" in s) return createElement(Fragment, s.k !== undefined ? { key: s.k } : null, node(s.fr));
  if ("x" in s) return component(s);
  throw new Error("fuzz spec: not a node: " + JSON.stringify(s));
}

// element builds a case's root element: {"root": node, "prefix": "..."}.
export function element(spec) {
  literalTurn = 0; // the same forms for a case run alone or after others
  return node(spec.root);
}

// options are renderToString's options for a case.
export function options(spec) {
  return spec.prefix !== undefined ? { identifierPrefix: spec.prefix } : undefined;
}
