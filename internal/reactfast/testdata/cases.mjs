// Hand-written element trees rendered by the fast path and by React's
// renderToString in Node, for TestAgainstNode. Prints a JSON object from
// case name to {react, fast, unsupported}: react's HTML (or "ERR message"),
// the fast path's, and the Unsupported feature if it gave way.
import * as React from "react";
import * as ReactDOM from "react-dom";
import { renderToString } from "react-dom/server";
import { renderToString as fast, Unsupported } from "../js/render.js";
const h = React.createElement;
const Ctx = React.createContext("d");
function Id() { const a = React.useId(); const b = React.useId(); return h("i", {id: a, "aria-x": b}); }
function St() { const [n, set] = React.useState(0); if (n < 3) set(n + 1); return h("b", null, "n=", n); }
class C extends React.Component { constructor(p){super(p); this.state={a:1}} UNSAFE_componentWillMount(){ this.setState({a:2}); this.setState(s=>({b:s.a+1})) } render(){ return h("u", null, this.state.a, "-", this.state.b, this.context) } }
C.contextType = Ctx;
function Use() { return h("s", null, React.use(Ctx), React.useContext(Ctx)); }
function Fw({children}) { const x = React.useId(); return h("span", {"data-x": x}, children); }
const Id2 = React.forwardRef(function F(p, ref){ const id = React.useId(); return h("q", {id, ref}, React.useMemo(() => p.a + 1, [p.a]), React.useRef(5).current, React.useCallback(()=>1, [])() ) });
const cases = {
 style: h("div", null, "t", h("style", null, ".a{color:red}</style>"), "u"),
 susp: h("div", null, "a", h(React.Suspense, {fallback: "f"}, "b", h("span", null, "c")), "d"),
 susp2: h(React.Suspense, null, "b", "c"),
 ids: h("div", null, h(Id), [h(Id, {key: 1}), h(Id, {key: 2})], h("p", null, h(Id))),
 state: h(St),
 cls: h(Ctx, {value: "V"}, h(C), h(Use), h(Ctx.Consumer, null, v => v + "!")),
 attrs: h("div", {className: "a", htmlFor: "x", tabIndex: 2, hidden: true, download: true, capture: "user", rows: 0, cols: 3, start: "x", "data-b": false, "aria-c": true, onClick: () => 1, suppressHydrationWarning: true, style: {marginTop: 2, zIndex: 3, "--x": " 4 ", msFlex: 1, WebkitTransition: "a", float: ""}, href: "javascript:alert(1)", xlinkHref: "javascript:x", autoFocus: true, spellCheck: false, contentEditable: true, inert: ""}),
 form: h("form", {action: "/x", method: "post", id: "f"}, h("input", {defaultValue: "d", type: "checkbox", defaultChecked: true, name: "n", value: "v"}), h("textarea", {defaultValue: "\nq<"}), h("select", {value: ["b"], multiple: true}, h("option", {value: "a"}, "A"), h("optgroup", null, h("option", null, "b")))),
 svg: h("svg", {viewBox: "0 0 1 1", strokeWidth: 2, xmlnsXlink: "x"}, h("title", null, "t"), h("path", {d: "M0", fillRule: "evenodd"})),
 custom: h("my-el", {className: "c", foo: true, bar: false, obj: {}, style: {color: "red"}, onX: "s"}, "text", 1),
 text: h("div", null, "a", "", "b", 1, 2n, null, false, "c", h("br"), "d"),
 pre: h("pre", null, "\nx"),
 iter: h("ul", null, new Set(["a", "b"])),
 deep: (function mk(d){ return d === 0 ? h(Id) : [h("b", {key: 1}, "x"), h(Fw, {key: 2}, mk(d - 1)), h("i", {key: 3})]; })(18),
 memo: h(React.memo(function M(p){ return h(Id2, p) }), {a: 1}),
 sel: h("select", {defaultValue: "2"}, [1,2,3].map(v => h("option", {key: v, value: v}, "o", v))),
 table: h("table", null, h("tbody", null, h("tr", null, h("td", {colSpan: 2, rowSpan: "x"}, "c")))),
};
function Pre() { ReactDOM.preload("/x.woff", {as: "font"}); return h("b"); }
const imgs = []; for (let i = 0; i < 13; i++) imgs.push(h("img", {key: i, src: "i" + (i % 12) + ".png", fetchPriority: i === 12 ? "high" : undefined}));
const cases2 = {
 img: h("div", null, "a", h("img", {src:"x.png", alt:"q"}), "b"),
 img2: h("div", null, h("img", {src:"x.png"}), h("img", {src:"y.png", srcSet:"y2.png 2x", sizes:"50vw", crossOrigin: "anonymous"}), h("img", {src: "x.png"})),
 imgs: h("div", null, imgs, h("img", {src: "i11.png", fetchPriority: "high"})),
 meta: h("div", null, "x", h("meta", {name:"d", content:"c"}), "y", h("meta", {charSet: "utf-8"}), h("meta", {name: "viewport", content: "w"})),
 title: h("div", null, "x", h("title", null, "T"), "y", h("title", null, ["a"])),
 link: h("div", null, h("link", {rel:"stylesheet", href:"/a.css"}), "t", h("link", {rel:"icon", href:"/i.png"})),
 lsusp: h(React.Suspense, null, h("title", null, "x")),
 hints: h(Pre),
 lazyimg: h("img", {src: "a.png", loading: "lazy"}),
 pic: h("picture", null, h("source", {srcSet: "a.webp"}), h("img", {src: "a.png"})),
};
const f = () => {};
const g = () => {}; g.$$FORM_ACTION = () => ({});
const cases3 = {
 fa: h("div", null, "a", h("form", {action: f}, h("button", {formAction: f, name: "x"}, "B"), h("input", {formAction: f, formMethod: "get"})), "b"),
 fa2: h("div", null, h("form", {action: f, method: "post", encType: "x", target: "t", id: "i"}, "c")),
 fa3: h("form", {action: g}),
 fa4: h("button", {formAction: "/s", formMethod: "get", name: "n", formEncType: "t", formTarget: "_b", formNoValidate: true}, "s"),
};
const L = React.lazy(() => ({ then(res) { res({ default: (p) => h("i", null, p.x) }); } }));
const cases4 = { lazyPending: h(React.Suspense, {fallback: "f"}, h(L, {x: 1})) };
const ok = () => h("b", null, "ok");
const R = React.lazy(() => ({ then(res) { res({ default: ok }); } }));
try { renderToString(h(React.Suspense, null, h(R))); } catch {}
cases4.lazyResolved = h("div", null, h(R));

const results = {};
for (const [k, v] of Object.entries({ ...cases, ...cases2, ...cases3, ...cases4 })) {
  const r = {};
  try {
    r.fast = fast(v, { identifierPrefix: "p" });
  } catch (e) {
    if (e instanceof Unsupported) r.unsupported = e.feature;
    else r.fast = "ERR " + e.message;
  }
  try {
    r.react = renderToString(v, { identifierPrefix: "p" });
  } catch (e) {
    r.react = "ERR " + e.message;
  }
  results[k] = r;
}
process.stdout.write(JSON.stringify(results));
