package bundle

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// A patch rewrites framework code in the server bundle only, where goja
// needs it. Every patch must keep the output byte-identical to Node's (the
// Node-diff corpus in ssr/ checks that), and every edit must match exactly
// once: if a framework release changes the code, the build fails and names
// the patch instead of silently going slow.
type patch struct {
	name  string
	file  *regexp.Regexp // matched against the module's path
	edits []edit
}

type edit struct{ old, new string }

// patches exist because goja has no rope strings: each `s += chunk` copies
// all of s, so renderers that accumulate output that way cost O(n²) in the
// size of their HTML. Collecting chunks in an array and joining once is the
// same bytes in linear time.
var patches = []patch{
	{
		name: "react-dom renderToString output",
		file: regexp.MustCompile(`react-dom-server-legacy\.browser\.production\.js$`),
		edits: []edit{
			{"    result = \"\",\n    readyToStream = !1;", "    resultChunks = [],\n    readyToStream = !1;"},
			{"null !== chunk && (result += chunk);", "null !== chunk && resultChunks.push(chunk);"},
			{"if (!readyToStream) throw Error(formatProdErrorMessage(426));\n  return result;",
				"if (!readyToStream) throw Error(formatProdErrorMessage(426));\n  return resultChunks.join(\"\");"},
		},
	},
	{
		name: "@vue/server-renderer buffers",
		file: regexp.MustCompile(`server-renderer\.esm-bundler\.js$`),
		edits: []edit{
			// createBuffer: where the runtime has ssrgate's native helpers
			// (internal/jsvm/ssrhost), the buffer lives in Go. The compiled
			// ssrRender pushes a string several times per list row, and a
			// push in goja is a closure call, type tests and goja's generic
			// Array.prototype.push; the native push appends to a string
			// builder, and getBuffer() hands Vue the array its own buffer
			// would hold (adjacent strings joined, hasAsync set). In Node the
			// global is absent and Vue's own buffer runs, unchanged.
			{`function createBuffer() {
  let appendable = false;`, `const ssrgateBuffer = typeof globalThis.__ssrgateBuffer === "function" ? globalThis.__ssrgateBuffer : undefined;
const ssrgateIsAsyncItem = (item) => isPromise(item) || isArray(item) && item.hasAsync;
function createBuffer() {
  if (ssrgateBuffer) return ssrgateBuffer(ssrgateIsAsyncItem);
  let appendable = false;`},
			// The helpers the compiled ssrRender calls for every
			// interpolation, bound attribute and class: for a string (and a
			// number, which needs no escaping: an interpolated or bound
			// number prints as "" + value) go straight to the escaping
			// instead of through toDisplayString, isRenderableAttrValue and
			// normalizeClass, the same strings with two or three fewer calls
			// (normalizeClass trims a string: so does the shortcut; the
			// corpus case VueHelpers holds the values that tell).
			{`function ssrRenderAttr(key, value) {
  if (!isRenderableAttrValue(value)) {`, `const ssrgateEscape = typeof globalThis.__ssrgateEscapeHTML === "function" ? globalThis.__ssrgateEscapeHTML : escapeHtml;
function ssrRenderAttr(key, value) {
  if (typeof value === "string") return " " + key + '="' + ssrgateEscape(value) + '"';
  if (typeof value === "number") return " " + key + '="' + value + '"';
  if (!isRenderableAttrValue(value)) {`},
			{`function ssrRenderClass(raw) {
  return escapeHtml(normalizeClass(raw));`, `function ssrRenderClass(raw) {
  if (typeof raw === "string") return ssrgateEscape(raw.trim());
  return escapeHtml(normalizeClass(raw));`},
			{`function ssrInterpolate(value) {
  return escapeHtml(toDisplayString(value));`, `function ssrInterpolate(value) {
  if (typeof value === "string") return ssrgateEscape(value);
  if (typeof value === "number") return "" + value;
  return escapeHtml(toDisplayString(value));`},
			// Where the runtime has ssrgate's native helpers, the three
			// above become one native call each for strings and numbers,
			// with the JavaScript ones for every other value. The bindings
			// are reassigned (function declarations are mutable, and the
			// exports are live), so every importer sees the native ones.
			{`export { pipeToNodeWritable,`, `if (typeof globalThis.__ssrgateVueHelper === "function") {
  ssrRenderAttr = globalThis.__ssrgateVueHelper("attr", ssrRenderAttr);
  ssrInterpolate = globalThis.__ssrgateVueHelper("interpolate", ssrInterpolate);
  ssrRenderClass = globalThis.__ssrgateVueHelper("class", ssrRenderClass);
}
export { pipeToNodeWritable,`},
			// unroll: join in Go where the runtime has ssrgate's native
			// helpers (internal/jsvm/ssrhost), else flatten into one array
			// and join once.
			{`function unrollBufferSync$1(buffer) {
  let ret = "";
  for (let i = 0; i < buffer.length; i++) {
    let item = buffer[i];
    if (isString(item)) {
      ret += item;
    } else {
      ret += unrollBufferSync$1(item);
    }
  }
  return ret;
}`, `const ssrgateJoinChunks = globalThis.__ssrgateJoinChunks;
function unrollBufferSync$1(buffer) {
  if (typeof ssrgateJoinChunks === "function") {
    const html = ssrgateJoinChunks(buffer);
    if (html !== undefined) return html;
  }
  const parts = [];
  collectBufferSync(buffer, parts);
  return parts.join("");
}
function collectBufferSync(buffer, parts) {
  for (let i = 0; i < buffer.length; i++) {
    const item = buffer[i];
    if (isString(item)) {
      parts.push(item);
    } else {
      collectBufferSync(item, parts);
    }
  }
}`},
		},
	},
	{
		// escapeHtml runs for every interpolation and attribute value; its
		// regular expression and loop cost goja about two microseconds a
		// string. In the server runtime a native function does the same
		// (internal/jsvm/ssrhost); elsewhere the original code runs.
		name: "@vue/shared escapeHtml",
		file: regexp.MustCompile(`shared\.esm-bundler\.js$`),
		edits: []edit{
			{`const escapeRE = /["'&<>]/;
function escapeHtml(string) {
  const str = "" + string;
  const match = escapeRE.exec(str);`, `const escapeRE = /["'&<>]/;
const ssrgateEscapeHTML = globalThis.__ssrgateEscapeHTML;
function escapeHtml(string) {
  const str = "" + string;
  if (typeof ssrgateEscapeHTML === "function") return ssrgateEscapeHTML(str);
  const match = escapeRE.exec(str);`},
		},
	},
	{
		// reactive(), readonly() and their shallow forms map each raw object
		// to its proxy, and targetMap maps it to its dependencies: five
		// WeakMaps whose values lead back to their keys. See ephemeronMapJS.
		name: "@vue/reactivity ephemeron maps",
		file: regexp.MustCompile(`reactivity\.esm-bundler\.js$`),
		edits: []edit{
			{"const targetMap = /* @__PURE__ */ new WeakMap();\n",
				ephemeronMapJS + "const targetMap = /* @__PURE__ */ ssrgateEphemeronMap();\n"},
			{`const reactiveMap = /* @__PURE__ */ new WeakMap();
const shallowReactiveMap = /* @__PURE__ */ new WeakMap();
const readonlyMap = /* @__PURE__ */ new WeakMap();
const shallowReadonlyMap = /* @__PURE__ */ new WeakMap();
`, `const reactiveMap = /* @__PURE__ */ ssrgateEphemeronMap();
const shallowReactiveMap = /* @__PURE__ */ ssrgateEphemeronMap();
const readonlyMap = /* @__PURE__ */ ssrgateEphemeronMap();
const shallowReadonlyMap = /* @__PURE__ */ ssrgateEphemeronMap();
`},
		},
	},
}

// ephemeronMapJS defines ssrgateEphemeronMap(), a drop-in for the WeakMaps
// of @vue/reactivity that has a WeakMap's semantics in goja too. goja keeps
// a WeakMap's values strongly (a Go map from weak key to value), so an entry
// whose value references its key is never collected: reactive() maps each
// raw object to a Proxy of it, and the dependency map reaches the object
// back through its computeds, so every reactive object a render creates
// would stay for the life of the runtime. Here each entry is stored on its
// key instead, in a private field that only its map can read (a class whose
// base constructor returns the key stamps the field on it), so the value is
// reachable only through the key and goes when the key goes: an ephemeron,
// as in V8. Private fields are invisible to reflection (Object.keys,
// Reflect.ownKeys, JSON) and work on frozen objects, arrays and proxies;
// keys that cannot hold one (Go-backed dynamic objects) fall back to a
// WeakMap. A WeakSet (whose entries hold no value) records which keys carry
// the field, since reading a missing private field throws. The class is
// compiled with new Function so that esbuild, targeting ES2017, does not
// lower the private field into a WeakMap.
const ephemeronMapJS = `// ssrgate (internal/bundle/patches.go, ephemeronMapJS): WeakMaps that let
// go of an entry when its key is unreachable, which goja's WeakMap does not.
var ssrgateNewEphemeronMap;
function ssrgateEphemeronMap() {
  if (ssrgateNewEphemeronMap === void 0) {
    ssrgateNewEphemeronMap = new Function(` + "`" + `"use strict";
  class Stamp { constructor(key) { return key; } }
  const EMPTY = {};
  const isKey = (k) => (typeof k === "object" && k !== null) || typeof k === "function";
  return function ephemeronMap() {
    const stamped = new WeakSet();
    const fallback = new WeakMap();
    class Entry extends Stamp {
      #value;
      constructor(key, value) { super(key); this.#value = value; }
      static map = {
        get(key) {
          if (!stamped.has(key)) return fallback.get(key);
          const v = key.#value;
          return v === EMPTY ? undefined : v;
        },
        set(key, value) {
          if (stamped.has(key)) key.#value = value;
          else if (!isKey(key)) fallback.set(key, value);
          else {
            try { new Entry(key, value); } catch (e) { fallback.set(key, value); return this; }
            stamped.add(key);
          }
          return this;
        },
        has(key) { return stamped.has(key) ? key.#value !== EMPTY : fallback.has(key); },
        delete(key) {
          if (!stamped.has(key)) return fallback.delete(key);
          if (key.#value === EMPTY) return false;
          key.#value = EMPTY;
          return true;
        },
      };
    }
    return Entry.map;
  };` + "`" + `)();
  }
  return ssrgateNewEphemeronMap();
}
`

// apply returns src with p's edits, or an error naming the first edit that
// does not match exactly once.
func (p patch) apply(src string) (string, error) {
	for i, e := range p.edits {
		if n := strings.Count(src, e.old); n != 1 {
			return "", fmt.Errorf("patch %q, edit %d: expected code found %d times, want 1; this framework version needs the patch updated in internal/bundle/patches.go", p.name, i+1, n)
		}
		src = strings.Replace(src, e.old, e.new, 1)
	}
	return src, nil
}

// patchPlugin applies the patches to the modules they name.
func patchPlugin() api.Plugin {
	var alt []string
	for _, p := range patches {
		alt = append(alt, p.file.String())
	}
	filter := "(" + strings.Join(alt, "|") + ")"
	return api.Plugin{Name: "ssrgate-patches", Setup: func(b api.PluginBuild) {
		b.OnLoad(api.OnLoadOptions{Filter: filter}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := os.ReadFile(a.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			out := string(src)
			for _, p := range patches {
				if p.file.MatchString(a.Path) {
					if out, err = p.apply(out); err != nil {
						return api.OnLoadResult{}, err
					}
				}
			}
			return api.OnLoadResult{Contents: &out, Loader: api.LoaderJS}, nil
		})
	}}
}
