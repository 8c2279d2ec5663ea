// A React server renderer tuned for goja, byte-identical to react-dom/server
// renderToString (React 19.3.1) for the trees it supports.
//
// It walks the element tree once, pushing strings into one array that is
// joined at the end, and implements the parts of Fizz that a synchronous
// renderToString of a shell without Suspense uses: host elements with React's
// attribute rules, the "<!-- -->" text separators, function components with a
// server hooks dispatcher, class components, context, memo, forwardRef and
// fragments, synchronous Suspense boundaries, client form actions and the
// metadata React hoists. Anything else (lazy components still loading,
// stylesheets and scripts React loads as resources, server actions, the
// document preamble, portals, promises that have not resolved, and every
// case where React itself would throw) raises Unsupported before any output
// is returned, and the caller renders the whole tree with React instead.
// An error thrown by a component propagates unchanged: renderToString of the
// same tree throws the same value (React's onError is a no-op there).
import * as React from "react";
import * as ReactDOM from "react-dom";

// Unsupported says the tree uses something this renderer does not
// implement; feature names it. Render the tree with React's renderToString.
export class Unsupported extends Error {
  constructor(feature) {
    super("reactfast: " + feature + " is not supported by the fast path");
    this.name = "Unsupported";
    this.feature = feature;
  }
}

function unsupported(feature) {
  return new Unsupported(feature);
}

const Internals = React.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
const DOMInternals = ReactDOM.__DOM_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

// guardDOMDispatcher returns ReactDOM's resource dispatcher for the render:
// React's renderer turns preload(), preconnect() and preinit*() calls into
// markup; this renderer does not, so they make it give way.
function guardDOMDispatcher(prev) {
  const hint = function () {
    throw unsupported("ReactDOM resource hints (preload, preconnect, preinit)");
  };
  return { f: prev.f, r: prev.r, D: hint, C: hint, L: hint, m: hint, X: hint, S: hint, M: hint };
}

const ELEMENT = Symbol.for("react.transitional.element");
const LEGACY_ELEMENT = Symbol.for("react.element");
const PORTAL = Symbol.for("react.portal");
const FRAGMENT = Symbol.for("react.fragment");
const STRICT_MODE = Symbol.for("react.strict_mode");
const PROFILER = Symbol.for("react.profiler");
const CONSUMER = Symbol.for("react.consumer");
const CONTEXT = Symbol.for("react.context");
const FORWARD_REF = Symbol.for("react.forward_ref");
const MEMO = Symbol.for("react.memo");
const LAZY = Symbol.for("react.lazy");
const LEGACY_HIDDEN = Symbol.for("react.legacy_hidden");
const SUSPENSE = Symbol.for("react.suspense");
const MEMO_CACHE_SENTINEL = Symbol.for("react.memo_cache_sentinel");
const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;

// ---- escaping -------------------------------------------------------------

const needsEscape = /["'&<>]/;
const escapeAll = /["'&<>]/g;
const escapes = { '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" };
function escapeChar(c) {
  return escapes[c];
}

// escapeString escapes a string as React's escapeTextForBrowser does: in Go
// when the runtime has ssrgate's native escaping (internal/jsvm/ssrhost),
// which returns the string itself when nothing needs escaping, else here.
const escapeString =
  typeof globalThis.__ssrgateEscapeHTMLReact === "function"
    ? globalThis.__ssrgateEscapeHTMLReact
    : function escapeString(text) {
        return needsEscape.test(text) ? text.replace(escapeAll, escapeChar) : text;
      };

// escapeText is React's escapeTextForBrowser.
function escapeText(text) {
  if (typeof text !== "string") {
    if (typeof text === "boolean" || typeof text === "number" || typeof text === "bigint") return "" + text;
    text = "" + text;
  }
  return escapeString(text);
}

const javascriptURL =
  /^[\u0000-\u001F ]*j[\r\n\t]*a[\r\n\t]*v[\r\n\t]*a[\r\n\t]*s[\r\n\t]*c[\r\n\t]*r[\r\n\t]*i[\r\n\t]*p[\r\n\t]*t[\r\n\t]*:/i;
function sanitizeURL(url) {
  const s = "" + url;
  // The pattern ends in ":", so a URL without one (a path) cannot match.
  return s.indexOf(":") !== -1 && javascriptURL.test(s)
    ? "javascript:throw new Error('React has blocked a javascript: URL as a security precaution.')"
    : url;
}

// ---- attribute tables ------------------------------------------------------

const validAttributeName = RegExp(
  "^[:A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD][:A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*$"
);
const safeNames = new Map();
function isAttributeNameSafe(name) {
  let ok = safeNames.get(name);
  if (ok === undefined) {
    ok = validAttributeName.test(name);
    safeNames.set(name, ok);
  }
  return ok;
}

function table(words) {
  const t = Object.create(null);
  for (const w of words.split(" ")) t[w] = true;
  return t;
}

const unitless = table(
  "animationIterationCount aspectRatio borderImageOutset borderImageSlice borderImageWidth boxFlex boxFlexGroup boxOrdinalGroup columnCount columns flex flexGrow flexPositive flexShrink flexNegative flexOrder gridArea gridRow gridRowEnd gridRowSpan gridRowStart gridColumn gridColumnEnd gridColumnSpan gridColumnStart fontWeight lineClamp lineHeight opacity order orphans scale tabSize widows zIndex zoom fillOpacity floodOpacity stopOpacity strokeDasharray strokeDashoffset strokeMiterlimit strokeOpacity strokeWidth MozAnimationIterationCount MozBoxFlex MozBoxFlexGroup MozLineClamp msAnimationIterationCount msFlex msZoom msFlexGrow msFlexNegative msFlexOrder msFlexPositive msFlexShrink msGridColumn msGridColumnSpan msGridRow msGridRowSpan WebkitAnimationIterationCount WebkitBoxFlex WebKitBoxFlexGroup WebkitBoxOrdinalGroup WebkitColumnCount WebkitColumns WebkitFlex WebkitFlexGrow WebkitFlexPositive WebkitFlexShrink WebkitLineClamp"
);

// aliases maps React prop names to the attribute names React writes.
const aliases = Object.create(null);
(function () {
  const pairs =
    "acceptCharset accept-charset htmlFor for httpEquiv http-equiv crossOrigin crossorigin accentHeight accent-height alignmentBaseline alignment-baseline arabicForm arabic-form baselineShift baseline-shift capHeight cap-height clipPath clip-path clipRule clip-rule colorInterpolation color-interpolation colorInterpolationFilters color-interpolation-filters colorProfile color-profile colorRendering color-rendering dominantBaseline dominant-baseline enableBackground enable-background fillOpacity fill-opacity fillRule fill-rule floodColor flood-color floodOpacity flood-opacity fontFamily font-family fontSize font-size fontSizeAdjust font-size-adjust fontStretch font-stretch fontStyle font-style fontVariant font-variant fontWeight font-weight glyphName glyph-name glyphOrientationHorizontal glyph-orientation-horizontal glyphOrientationVertical glyph-orientation-vertical horizAdvX horiz-adv-x horizOriginX horiz-origin-x imageRendering image-rendering letterSpacing letter-spacing lightingColor lighting-color markerEnd marker-end markerMid marker-mid markerStart marker-start maskType mask-type overlinePosition overline-position overlineThickness overline-thickness paintOrder paint-order panose-1 panose-1 pointerEvents pointer-events renderingIntent rendering-intent shapeRendering shape-rendering stopColor stop-color stopOpacity stop-opacity strikethroughPosition strikethrough-position strikethroughThickness strikethrough-thickness strokeDasharray stroke-dasharray strokeDashoffset stroke-dashoffset strokeLinecap stroke-linecap strokeLinejoin stroke-linejoin strokeMiterlimit stroke-miterlimit strokeOpacity stroke-opacity strokeWidth stroke-width textAnchor text-anchor textDecoration text-decoration textRendering text-rendering transformOrigin transform-origin underlinePosition underline-position underlineThickness underline-thickness unicodeBidi unicode-bidi unicodeRange unicode-range unitsPerEm units-per-em vAlphabetic v-alphabetic vHanging v-hanging vIdeographic v-ideographic vMathematical v-mathematical vectorEffect vector-effect vertAdvY vert-adv-y vertOriginX vert-origin-x vertOriginY vert-origin-y wordSpacing word-spacing writingMode writing-mode xmlnsXlink xmlns:xlink xHeight x-height".split(
      " "
    );
  for (let i = 0; i < pairs.length; i += 2) aliases[pairs[i]] = pairs[i + 1];
})();

// How pushAttribute treats each named prop; every other name is a plain
// attribute (kindDefault).
const K_STRING = 1, // written unless function, symbol or boolean
  K_STYLE = 2,
  K_URL = 3, // src, href: "" dropped, then like action
  K_ACTION = 4, // sanitized URL; null, function, symbol, boolean dropped
  K_SKIP = 5,
  K_LOWER_BOOL = 6, // autoFocus, multiple, muted
  K_XLINK_HREF = 7,
  K_STRINGISH = 8, // booleans stringified too
  K_BOOL = 9,
  K_OVERLOADED = 10, // capture, download
  K_POSITIVE = 11, // cols, rows, size, span
  K_NUMERIC = 12; // rowSpan, start
const attrKind = Object.create(null);
const attrName = Object.create(null);
function kinds(kind, words) {
  for (const w of words.split(" ")) attrKind[w] = kind;
}
kinds(K_STRING, "className tabIndex dir role viewBox width height xlinkActuate xlinkArcrole xlinkRole xlinkShow xlinkTitle xlinkType xmlBase xmlLang xmlSpace");
kinds(K_STYLE, "style");
kinds(K_URL, "src href");
kinds(K_ACTION, "action formAction");
kinds(K_SKIP, "defaultValue defaultChecked innerHTML suppressContentEditableWarning suppressHydrationWarning ref");
kinds(K_LOWER_BOOL, "autoFocus multiple muted");
kinds(K_XLINK_HREF, "xlinkHref");
kinds(K_STRINGISH, "contentEditable spellCheck draggable value autoReverse externalResourcesRequired focusable preserveAlpha");
kinds(
  K_BOOL,
  "inert allowFullScreen async autoPlay controls credentialless default defer disabled disablePictureInPicture disableRemotePlayback formNoValidate hidden loop noModule noValidate open playsInline readOnly required reversed scoped seamless itemScope"
);
kinds(K_OVERLOADED, "capture download");
kinds(K_POSITIVE, "cols rows size span");
kinds(K_NUMERIC, "rowSpan start");
(function () {
  const names = {
    className: "class",
    tabIndex: "tabindex",
    xlinkActuate: "xlink:actuate",
    xlinkArcrole: "xlink:arcrole",
    xlinkRole: "xlink:role",
    xlinkShow: "xlink:show",
    xlinkTitle: "xlink:title",
    xlinkType: "xlink:type",
    xmlBase: "xml:base",
    xmlLang: "xml:lang",
    xmlSpace: "xml:space",
    autoFocus: "autofocus",
    multiple: "multiple",
    muted: "muted",
    xlinkHref: "xlink:href",
  };
  for (const k in attrKind) attrName[k] = hasOwn.call(names, k) ? names[k] : k;
})();

// ---- output state ----------------------------------------------------------

let out = null; // the chunks of the render in progress
let lastPushedText = false;
let idPrefix = "";
// The tree context (React's useId position) is kept as a stack of forks,
// (number of children, index) each, and folded into React's {id, overflow}
// form only when useId asks: no allocation per child.
let forkTotals = null;
let forkIndexes = null;
let forkDepth = 0;
let contextStack = null; // [context, previous value, ...] of open providers

function pushText(text) {
  if (text === "") return;
  if (lastPushedText) out.push("<!-- -->");
  out.push(typeof text === "string" ? escapeString(text) : escapeText(text));
  lastPushedText = true;
}

// attr returns the markup pushAttribute writes for prop name with the
// non-null value: "" when React writes nothing.
function attr(name, value) {
  let info = attrInfo[name];
  if (info === undefined) info = attrInfo[name] = makeAttrInfo(name);
  const t = typeof value;
  switch (info.kind) {
    case K_PLAIN:
      switch (t) {
        case "string":
          return info.open + escapeString(value) + '"';
        case "number":
          return info.open + value + '"';
        case "function":
        case "symbol":
          return "";
        case "boolean":
          if (!info.dataOrAria) return "";
      }
      return info.open + escapeText(value) + '"';
    case K_NONE:
      return "";
    case K_STRING:
      if (t === "function" || t === "symbol" || t === "boolean") return "";
      return info.open + escapeText(value) + '"';
    case K_STYLE:
      return styleAttr(value);
    case K_URL:
      if (value === "") return "";
    // falls through
    case K_ACTION:
      if (value == null || t === "function" || t === "symbol" || t === "boolean") return "";
      return info.open + escapeText(sanitizeURL("" + value)) + '"';
    case K_LOWER_BOOL:
    case K_BOOL:
      return value && t !== "function" && t !== "symbol" ? info.bare : "";
    case K_XLINK_HREF:
      if (t === "function" || t === "symbol" || t === "boolean") return "";
      return info.open + escapeText(sanitizeURL("" + value)) + '"';
    case K_STRINGISH:
      if (t === "function" || t === "symbol") return "";
      return info.open + escapeText(value) + '"';
    case K_OVERLOADED:
      if (value === true) return info.bare;
      if (value === false || t === "function" || t === "symbol") return "";
      return info.open + escapeText(value) + '"';
    case K_POSITIVE:
      if (t === "function" || t === "symbol" || isNaN(value) || !(value >= 1)) return "";
      return info.open + escapeText(value) + '"';
    case K_NUMERIC:
      if (t === "function" || t === "symbol" || isNaN(value)) return "";
      return info.open + escapeText(value) + '"';
  }
  return "";
}

// attrInfo caches, per prop name, how attr writes it: its kind and the
// attribute's opening (' class="') and bare (' hidden=""') forms.
const attrInfo = Object.create(null);
const K_PLAIN = 0,
  K_NONE = 13; // event handlers and unsafe names: never written
function makeAttrInfo(name) {
  let kind = attrKind[name];
  let written = kind === undefined ? name : attrName[name];
  let dataOrAria = false;
  if (kind === K_STRING) kind = K_PLAIN; // the same rules, under the written name
  else if (kind === undefined) {
    kind = K_PLAIN;
    if (name.length > 2 && (name[0] === "o" || name[0] === "O") && (name[1] === "n" || name[1] === "N")) kind = K_NONE;
    else {
      const alias = aliases[name];
      if (alias !== undefined) written = alias;
      if (!isAttributeNameSafe(written)) kind = K_NONE;
      const prefix = written.toLowerCase().slice(0, 5);
      dataOrAria = prefix === "data-" || prefix === "aria-";
    }
  }
  const open = " " + written + '="';
  if (kind === K_PLAIN) plainOpen[name] = open;
  return { kind: kind, open: open, bare: " " + written + '=""', dataOrAria: dataOrAria };
}
// plainOpen maps the names of plain attributes seen so far to their
// opening, for the common case of a string value in one lookup.
const plainOpen = Object.create(null);

function pushAttribute(name, value) {
  const a = attr(name, value);
  if (a !== "") out.push(a);
}

const styleNames = new Map();
const uppercase = /([A-Z])/g;
const msPrefix = /^ms-/;
function styleAttr(style) {
  if (typeof style !== "object") throw unsupported("a style prop that is not an object (React throws)");
  let s = "";
  for (const name in style) {
    if (!hasOwn.call(style, name)) continue;
    let value = style[name];
    if (value == null || typeof value === "boolean" || value === "") continue;
    let css;
    if (name.indexOf("--") === 0) {
      css = escapeText(name);
      value = escapeText(("" + value).trim());
    } else {
      css = styleNames.get(name);
      if (css === undefined) {
        css = escapeText(name.replace(uppercase, "-$1").toLowerCase().replace(msPrefix, "-ms-"));
        styleNames.set(name, css);
      }
      value =
        typeof value === "number"
          ? value === 0 || unitless[name] === true
            ? "" + value
            : value + "px"
          : escapeText(("" + value).trim());
    }
    s += (s === "" ? ' style="' : ";") + css + ":" + value;
  }
  return s === "" ? "" : s + '"';
}

function pushInnerHTML(html, children) {
  if (html == null) return;
  if (children != null) throw unsupported("both children and dangerouslySetInnerHTML (React throws)");
  if (typeof html !== "object" || !("__html" in html)) throw unsupported("a malformed dangerouslySetInnerHTML (React throws)");
  html = html.__html;
  if (html !== null && html !== undefined) out.push("" + html);
}

// ---- format context (the subset of Fizz's that changes output here) -------

const ROOT_MODE = 0,
  HTML_MODE = 2,
  SVG_MODE = 4,
  MATHML_MODE = 5,
  TABLE_MODE = 6,
  TABLE_BODY_MODE = 7,
  TABLE_ROW_MODE = 8,
  COLGROUP_MODE = 9;
const NOSCRIPT_SCOPE = 1,
  PICTURE_SCOPE = 2;
function formatContext(mode, selected, scope) {
  return { mode: mode, selected: selected, scope: scope };
}
const ROOT_CONTEXT = formatContext(ROOT_MODE, null, 0);
const HTML_CONTEXT = formatContext(HTML_MODE, null, 0);

// contextTags are the tags that give their children a new format context.
const contextTags = table("noscript select svg picture math foreignObject table thead tbody tfoot colgroup tr");
function childContext(parent, type, props) {
  if (contextTags[type] !== true && parent.mode >= HTML_MODE && parent.mode < TABLE_MODE) return parent;
  const scope = parent.scope;
  switch (type) {
    case "noscript":
      return formatContext(HTML_MODE, null, scope | NOSCRIPT_SCOPE);
    case "select":
      return formatContext(HTML_MODE, props.value != null ? props.value : props.defaultValue, scope);
    case "svg":
      return formatContext(SVG_MODE, null, scope);
    case "picture":
      return formatContext(HTML_MODE, null, scope | PICTURE_SCOPE);
    case "math":
      return formatContext(MATHML_MODE, null, scope);
    case "foreignObject":
      return scope === 0 ? HTML_CONTEXT : formatContext(HTML_MODE, null, scope);
    case "table":
      return formatContext(TABLE_MODE, null, scope);
    case "thead":
    case "tbody":
    case "tfoot":
      return formatContext(TABLE_BODY_MODE, null, scope);
    case "colgroup":
      return formatContext(COLGROUP_MODE, null, scope);
    case "tr":
      return formatContext(TABLE_ROW_MODE, null, scope);
  }
  if (parent.mode >= TABLE_MODE || parent.mode < HTML_MODE) return scope === 0 ? HTML_CONTEXT : formatContext(HTML_MODE, null, scope);
  return parent;
}

// ---- host elements ---------------------------------------------------------

const validTag = /^[a-zA-Z][a-zA-Z:_.\-\d]*$/;
const startTags = Object.create(null);
const endTags = Object.create(null);
function startTag(tag) {
  let chunk = startTags[tag];
  if (chunk === undefined) {
    if (!validTag.test(tag)) throw unsupported("the invalid tag name <" + tag + "> (React throws)");
    chunk = startTags[tag] = "<" + tag;
  }
  return chunk;
}

// noEndTag lists the elements Fizz writes no end tag for.
const noEndTag = table("title style script area base br col embed hr img input keygen link meta param source track wbr");
const selfClosing = table("base area br col embed hr keygen param source track wbr");
// special are the tags pushStart handles itself; the rest are generic
// (or custom elements when the name has a dash).
const special = table(
  "a select option textarea input button form menuitem object title link script style meta listing pre img base area br col embed hr keygen param source track wbr annotation-xml color-profile font-face font-face-src font-face-uri font-face-format font-face-name missing-glyph head body html"
);

// pushGeneric writes the start tag of an ordinary element and returns the
// children still to render (string children are written here, as Fizz does).
function pushGeneric(tag, props, keys, directText) {
  let s = startTag(tag);
  let children = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "dangerouslySetInnerHTML") html = v;
    else s += attr(k, v);
  }
  out.push(s + ">");
  pushInnerHTML(html, children);
  if (directText && typeof children === "string") {
    out.push(escapeText(children));
    return null;
  }
  return children;
}

// pushOpenTag writes the start tag of an element whose children and
// dangerouslySetInnerHTML the caller writes itself: "<tag", every other
// attribute, ">". It leaves those two props in openChildren and openHTML
// (module state rather than a returned pair: no allocation per element).
let openChildren = null,
  openHTML = null;
function pushOpenTag(tag, props, keys) {
  out.push(startTag(tag));
  let children = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "dangerouslySetInnerHTML") html = v;
    else pushAttribute(k, v);
  }
  out.push(">");
  openChildren = children;
  openHTML = html;
}

function pushSelfClosing(tag, props, keys) {
  out.push(startTag(tag));
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children" || k === "dangerouslySetInnerHTML") throw unsupported("children on the void element <" + tag + "> (React throws)");
    pushAttribute(k, v);
  }
  out.push("/>");
  return null;
}

function isDataURL(s) {
  return (
    s[4] === ":" &&
    (s[0] === "d" || s[0] === "D") &&
    (s[1] === "a" || s[1] === "A") &&
    (s[2] === "t" || s[2] === "T") &&
    (s[3] === "a" || s[3] === "A")
  );
}

function pushStart(tag, props, ctx) {
  const keys = Object.keys(props);
  if (special[tag] !== true) {
    if (tag.indexOf("-") === -1) return pushGeneric(tag, props, keys, true);
    return pushCustomElement(tag, props, keys);
  }
  const f = pushers[tag];
  if (f !== undefined) return f(props, keys, ctx, tag);
  if (selfClosing[tag] === true) return pushSelfClosing(tag, props, keys);
  // annotation-xml, font-face and the other dashed SVG names: generic.
  return pushGeneric(tag, props, keys, true);
}

function pushAStart(props, keys, ctx, tag) {
  let s = "<a";
  let children = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "dangerouslySetInnerHTML") html = v;
    else if (k === "href" && v === "") s += ' href=""';
    else s += attr(k, v);
  }
  out.push(s + ">");
  pushInnerHTML(html, children);
  if (typeof children === "string") {
    out.push(escapeText(children));
    return null;
  }
  return children;
}

function pushSelectStart(props, keys, ctx, tag) {
  out.push(startTag("select"));
  let children = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "dangerouslySetInnerHTML") html = v;
    else if (k !== "value" && k !== "defaultValue") pushAttribute(k, v);
  }
  out.push(">");
  pushInnerHTML(html, children);
  return children;
}

function pushOptionStart(props, keys, ctx, tag) {
  const selectedValue = ctx.selected;
  out.push(startTag("option"));
  let children = null,
    value = null,
    selected = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "selected") selected = v;
    else if (k === "dangerouslySetInnerHTML") html = v;
    else {
      if (k === "value") value = v;
      pushAttribute(k, v);
    }
  }
  if (selectedValue != null) {
    const s = value !== null ? "" + value : flattenOptionChildren(children);
    if (isArray(selectedValue)) {
      for (let i = 0; i < selectedValue.length; i++) {
        if ("" + selectedValue[i] === s) {
          out.push(' selected=""');
          break;
        }
      }
    } else if ("" + selectedValue === s) out.push(' selected=""');
  } else if (selected) out.push(' selected=""');
  out.push(">");
  pushInnerHTML(html, children);
  return children;
}

function pushTextareaStart(props, keys, ctx, tag) {
  out.push(startTag("textarea"));
  let value = null,
    defaultValue = null,
    children = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "value") value = v;
    else if (k === "defaultValue") defaultValue = v;
    else if (k === "dangerouslySetInnerHTML") throw unsupported("dangerouslySetInnerHTML on <textarea> (React throws)");
    else pushAttribute(k, v);
  }
  if (value === null && defaultValue !== null) value = defaultValue;
  out.push(">");
  if (children != null) {
    if (value != null) throw unsupported("<textarea> with both value and children (React throws)");
    if (isArray(children) && children.length > 1) throw unsupported("<textarea> with several children (React throws)");
    value = "" + children;
  }
  if (typeof value === "string" && value[0] === "\n") out.push("\n");
  if (value !== null) out.push(escapeText("" + value));
  return null;
}

function pushInputStart(props, keys, ctx, tag) {
  out.push(startTag("input"));
  let name = null,
    formAction = null,
    formEncType = null,
    formMethod = null,
    formTarget = null,
    value = null,
    defaultValue = null,
    checked = null,
    defaultChecked = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    switch (k) {
      case "children":
      case "dangerouslySetInnerHTML":
        throw unsupported("children on <input> (React throws)");
      case "name":
        name = v;
        break;
      case "formAction":
        formAction = v;
        break;
      case "formEncType":
        formEncType = v;
        break;
      case "formMethod":
        formMethod = v;
        break;
      case "formTarget":
        formTarget = v;
        break;
      case "defaultChecked":
        defaultChecked = v;
        break;
      case "defaultValue":
        defaultValue = v;
        break;
      case "checked":
        checked = v;
        break;
      case "value":
        value = v;
        break;
      default:
        pushAttribute(k, v);
    }
  }
  pushFormAttributes(name, formAction, formEncType, formMethod, formTarget);
  if (checked !== null) {
    if (checked && typeof checked !== "function" && typeof checked !== "symbol") out.push(' checked=""');
  } else if (defaultChecked !== null && defaultChecked && typeof defaultChecked !== "function" && typeof defaultChecked !== "symbol")
    out.push(' checked=""');
  if (value !== null) pushAttribute("value", value);
  else if (defaultValue !== null) pushAttribute("value", defaultValue);
  out.push("/>");
  return null;
}

function pushButtonStart(props, keys, ctx, tag) {
  let s = "<button";
  let children = null,
    html = null,
    name = null,
    formAction = null,
    formEncType = null,
    formMethod = null,
    formTarget = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    switch (k) {
      case "children":
        children = v;
        break;
      case "dangerouslySetInnerHTML":
        html = v;
        break;
      case "name":
        name = v;
        break;
      case "formAction":
        formAction = v;
        break;
      case "formEncType":
        formEncType = v;
        break;
      case "formMethod":
        formMethod = v;
        break;
      case "formTarget":
        formTarget = v;
        break;
      default:
        s += attr(k, v);
    }
  }
  out.push(s);
  pushFormAttributes(name, formAction, formEncType, formMethod, formTarget);
  out.push(">");
  pushInnerHTML(html, children);
  if (typeof children === "string") {
    out.push(escapeText(children));
    return null;
  }
  return children;
}

function pushFormStart(props, keys, ctx, tag) {
  out.push(startTag("form"));
  let children = null,
    html = null,
    action = null,
    encType = null,
    method = null,
    target = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    switch (k) {
      case "children":
        children = v;
        break;
      case "dangerouslySetInnerHTML":
        html = v;
        break;
      case "action":
        action = v;
        break;
      case "encType":
        encType = v;
        break;
      case "method":
        method = v;
        break;
      case "target":
        target = v;
        break;
      default:
        pushAttribute(k, v);
    }
  }
  if (typeof action === "function") {
    functionAction(action);
    out.push(' action="' + actionURL + '"');
    action = encType = method = target = null;
  }
  if (action != null) pushAttribute("action", action);
  if (encType != null) pushAttribute("encType", encType);
  if (method != null) pushAttribute("method", method);
  if (target != null) pushAttribute("target", target);
  out.push(">");
  pushInnerHTML(html, children);
  if (typeof children === "string") {
    out.push(escapeText(children));
    return null;
  }
  return children;
}

function pushMenuitemStart(props, keys, ctx, tag) {
  out.push(startTag("menuitem"));
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children" || k === "dangerouslySetInnerHTML") throw unsupported("children on <menuitem> (React throws)");
    pushAttribute(k, v);
  }
  out.push(">");
  return null;
}

function pushObjectStart(props, keys, ctx, tag) {
  out.push(startTag("object"));
  let children = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = props[k];
    if (v == null) continue;
    if (k === "children") children = v;
    else if (k === "dangerouslySetInnerHTML") html = v;
    else if (k === "data") {
      const url = sanitizeURL("" + v);
      if (url !== "") out.push(' data="', escapeText(url), '"');
    } else pushAttribute(k, v);
  }
  out.push(">");
  pushInnerHTML(html, children);
  if (typeof children === "string") {
    out.push(escapeText(children));
    return null;
  }
  return children;
}

function pushTitleStart(props, keys, ctx, tag) {
  if (ctx.mode === SVG_MODE || ctx.scope & NOSCRIPT_SCOPE || props.itemProp != null) return pushTitle(props, keys);
  const h = hoistState("<title>");
  const saved = out;
  out = h.chunks;
  try {
    pushTitle(props, keys);
  } finally {
    out = saved;
  }
  return null;
}

function pushLinkStart(props, keys, ctx, tag) {
  const rel = props.rel,
    href = props.href;
  if (
    ctx.mode === SVG_MODE ||
    ctx.scope & NOSCRIPT_SCOPE ||
    props.itemProp != null ||
    typeof rel !== "string" ||
    typeof href !== "string" ||
    href === ""
  )
    return pushSelfClosing("link", props, keys);
  if (rel === "stylesheet") {
    if (typeof props.precedence !== "string" || props.disabled != null || props.onLoad || props.onError) return pushSelfClosing("link", props, keys);
    throw unsupported("<link rel=stylesheet precedence> (React hoists it as a resource)");
  }
  if (props.onLoad || props.onError) return pushSelfClosing("link", props, keys);
  hoistInto(hoistState("<link>").chunks, "link", props, keys);
  return null;
}

function pushScriptStart(props, keys, ctx, tag) {
  const async = props.async;
  if (
    typeof props.src !== "string" ||
    !props.src ||
    !async ||
    typeof async === "function" ||
    typeof async === "symbol" ||
    props.onLoad ||
    props.onError ||
    ctx.mode === SVG_MODE ||
    ctx.scope & NOSCRIPT_SCOPE ||
    props.itemProp != null
  )
    return pushScript(props, keys);
  throw unsupported("<script async src> (React hoists it as a resource)");
}

function pushStyleStart(props, keys, ctx, tag) {
  const precedence = props.precedence,
    href = props.href;
  if (
    ctx.mode === SVG_MODE ||
    ctx.scope & NOSCRIPT_SCOPE ||
    props.itemProp != null ||
    typeof precedence !== "string" ||
    typeof href !== "string" ||
    href === ""
  )
    return pushStyleElement(props, keys);
  throw unsupported("<style precedence href> (React hoists it as a resource)");
}

function pushMetaStart(props, keys, ctx, tag) {
  if (ctx.mode === SVG_MODE || ctx.scope & NOSCRIPT_SCOPE || props.itemProp != null) return pushSelfClosing("meta", props, keys);
  const h = hoistState("<meta>");
  hoistInto(typeof props.charSet === "string" ? h.charset : props.name === "viewport" ? h.viewport : h.chunks, "meta", props, keys);
  return null;
}

// hoisted holds what renderToString writes before the tree: React's
// charset, viewport, image preload and hoistable chunks (null until a
// render needs it).
let hoisted = null;
let suspenseDepth = 0;
function hoistState(what) {
  if (suspenseDepth > 0) throw unsupported(what + " inside <Suspense> (React hoists it)");
  if (hoisted === null)
    hoisted = {
      charset: [],
      viewport: [],
      highImages: new Set(),
      bulkPreloads: new Set(),
      promotableImages: new Map(),
      imageKeys: Object.create(null),
      chunks: [],
    };
  return hoisted;
}

// hoistInto writes the void element tag into target instead of the tree,
// with the "<!-- -->" React leaves in the tree after preceding text.
function hoistInto(target, tag, props, keys) {
  if (lastPushedText) out.push("<!-- -->");
  const saved = out;
  out = target;
  try {
    pushSelfClosing(tag, props, keys);
  } finally {
    out = saved;
  }
}

function preloadImage(props, src, srcSet) {
  const h = hoistState("an <img> that React preloads");
  const sizes = typeof props.sizes === "string" ? props.sizes : undefined;
  const key = srcSet ? srcSet + "\n" + (sizes || "") : src;
  let resource = h.promotableImages.get(key);
  if (resource) {
    if (props.fetchPriority === "high" || h.highImages.size < 10) {
      h.promotableImages.delete(key);
      h.highImages.add(resource);
    }
    return;
  }
  if (hasOwn.call(h.imageKeys, key)) return;
  h.imageKeys[key] = true;
  const co = props.crossOrigin;
  const link = {
    rel: "preload",
    as: "image",
    href: srcSet ? undefined : src,
    imageSrcSet: srcSet,
    imageSizes: sizes,
    crossOrigin: typeof co === "string" ? (co === "use-credentials" ? co : "") : undefined,
    integrity: props.integrity,
    type: props.type,
    fetchPriority: props.fetchPriority,
    referrerPolicy: props.referrerPolicy,
  };
  resource = [];
  const saved = out;
  out = resource;
  try {
    pushSelfClosing("link", link, Object.keys(link));
  } finally {
    out = saved;
  }
  if (props.fetchPriority === "high" || h.highImages.size < 10) h.highImages.add(resource);
  else {
    h.bulkPreloads.add(resource);
    h.promotableImages.set(key, resource);
  }
}

// hoistedPrefix is what renderToString writes before the root segment, in
// its order; each preload is written once, as React empties a flushed one.
function hoistedPrefix(h) {
  const parts = h.charset.concat(h.viewport);
  const flush = function (resource) {
    for (let i = 0; i < resource.length; i++) parts.push(resource[i]);
    resource.length = 0;
  };
  h.highImages.forEach(flush);
  h.bulkPreloads.forEach(flush);
  return parts.concat(h.chunks).join("");
}

function pushListingStart(props, keys, ctx, tag) {
  pushOpenTag(tag, props, keys);
  const children = openChildren,
    html = openHTML;
  if (html != null) {
    if (children != null) throw unsupported("both children and dangerouslySetInnerHTML (React throws)");
    if (typeof html !== "object" || !("__html" in html)) throw unsupported("a malformed dangerouslySetInnerHTML (React throws)");
    const h = html.__html;
    if (h !== null && h !== undefined) {
      if (typeof h === "string" && h.length > 0 && h[0] === "\n") out.push("\n", h);
      else out.push("" + h);
    }
  }
  if (typeof children === "string" && children[0] === "\n") out.push("\n");
  return children;
}

function pushImgStart(props, keys, ctx, tag) {
  const src = props.src,
    srcSet = props.srcSet;
  const preload =
    !(
      props.loading === "lazy" ||
      (!src && !srcSet) ||
      (typeof src !== "string" && src != null) ||
      (typeof srcSet !== "string" && srcSet != null) ||
      props.fetchPriority === "low" ||
      ctx.scope & (NOSCRIPT_SCOPE | PICTURE_SCOPE)
    ) &&
    (typeof src !== "string" || !isDataURL(src)) &&
    (typeof srcSet !== "string" || !isDataURL(srcSet));
  if (preload) preloadImage(props, src, srcSet);
  return pushSelfClosing("img", props, keys);
}

function pushDocumentStart(props, keys, ctx, tag) {
  throw unsupported("<" + tag + ">");
}

// pushers write the start tags React treats specially.
const pushers = Object.assign(Object.create(null), {
  a: pushAStart,
  select: pushSelectStart,
  option: pushOptionStart,
  textarea: pushTextareaStart,
  input: pushInputStart,
  button: pushButtonStart,
  form: pushFormStart,
  menuitem: pushMenuitemStart,
  object: pushObjectStart,
  title: pushTitleStart,
  link: pushLinkStart,
  script: pushScriptStart,
  style: pushStyleStart,
  meta: pushMetaStart,
  listing: pushListingStart,
  pre: pushListingStart,
  img: pushImgStart,
  head: pushDocumentStart,
  body: pushDocumentStart,
  html: pushDocumentStart,
});

// A function as action or formAction (a client action) is written as a
// javascript: URL that throws, and renderToString appends the script that
// replays such submissions after hydration. Server actions ($$FORM_ACTION)
// are not supported.
const actionURL = escapeText("javascript:throw new Error('React form unexpectedly submitted.')");
const formReplayScript =
  '<script>addEventListener("submit",function(a){if(!a.defaultPrevented){var b=a.target,d=a.submitter,c=b.action,e=d;if(d){var f=d.getAttribute("formAction");null!=f&&(c=f,e=null)}"javascript:throw new Error(\'React form unexpectedly submitted.\')"===c&&(a.preventDefault(),a=new FormData(b,e),c=b.ownerDocument||b,(c.$$reactFormReplay=c.$$reactFormReplay||[]).push(b,d,a))}});</script>';
let formReplay = false;
function functionAction(action) {
  if (typeof action.$$FORM_ACTION === "function") throw unsupported("a server action ($$FORM_ACTION) as a form action");
  formReplay = true;
}

function pushFormAttributes(name, formAction, formEncType, formMethod, formTarget) {
  if (typeof formAction === "function") {
    functionAction(formAction);
    out.push(' formAction="' + actionURL + '"');
    return;
  }
  if (name != null) pushAttribute("name", name);
  if (formAction != null) pushAttribute("formAction", formAction);
  if (formEncType != null) pushAttribute("formEncType", formEncType);
  if (formMethod != null) pushAttribute("formMethod", formMethod);
  if (formTarget != null) pushAttribute("formTarget", formTarget);
}

function flattenOptionChildren(children) {
  let content = "";
  React.Children.forEach(children, function (child) {
    if (child != null) content += child;
  });
  return content;
}

function pushCustomElement(tag, props, keys) {
  out.push(startTag(tag));
  let children = null,
    html = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    let v = props[k];
    if (v == null) continue;
    let name = k;
    switch (k) {
      case "children":
        children = v;
        continue;
      case "dangerouslySetInnerHTML":
        html = v;
        continue;
      case "style":
        pushAttribute("style", v);
        continue;
      case "suppressContentEditableWarning":
      case "suppressHydrationWarning":
      case "ref":
        continue;
      case "className":
        name = "class";
    }
    if (isAttributeNameSafe(k) && typeof v !== "function" && typeof v !== "symbol" && v !== false) {
      if (v === true) v = "";
      else if (typeof v === "object") continue;
      out.push(" ", name, '="', escapeText(v), '"');
    }
  }
  out.push(">");
  pushInnerHTML(html, children);
  return children;
}

function pushTitle(props, keys) {
  pushOpenTag("title", props, keys);
  const children = openChildren,
    html = openHTML;
  const child = isArray(children) ? (children.length < 2 ? children[0] : null) : children;
  if (typeof child !== "function" && typeof child !== "symbol" && child !== null && child !== undefined) out.push(escapeText("" + child));
  pushInnerHTML(html, children);
  out.push("</title>");
  return null;
}

const styleEnd = /(<\/|<)(s)(tyle)/gi;
function styleEndReplacer(match, prefix, s, suffix) {
  return "" + prefix + (s === "s" ? "\\73 " : "\\53 ") + suffix;
}
function pushStyleElement(props, keys) {
  pushOpenTag("style", props, keys);
  const children = openChildren,
    html = openHTML;
  const child = isArray(children) ? (children.length < 2 ? children[0] : null) : children;
  if (typeof child !== "function" && typeof child !== "symbol" && child !== null && child !== undefined)
    out.push(("" + child).replace(styleEnd, styleEndReplacer));
  pushInnerHTML(html, children);
  out.push("</style>");
  return null;
}

const scriptEnd = /(<\/|<)(s)(cript)/gi;
function scriptEndReplacer(match, prefix, s, suffix) {
  return "" + prefix + (s === "s" ? "\\u0073" : "\\u0053") + suffix;
}
function pushScript(props, keys) {
  pushOpenTag("script", props, keys);
  const children = openChildren,
    html = openHTML;
  pushInnerHTML(html, children);
  if (typeof children === "string") out.push(("" + children).replace(scriptEnd, scriptEndReplacer));
  out.push("</script>");
  return null;
}

// renderHost writes a host element. Ordinary elements (most of any tree)
// are written here directly, as pushStartGenericElement, the children's
// format context and the end tag would write them; the rest go through
// pushStart.
// hostKinds caches, per tag, whether renderHost writes it itself (1, or 3
// when it gives its children a new format context) or hands it to
// pushStart (2: special tags and custom elements).
const hostKinds = Object.create(null);
function renderHost(tag, props, ctx) {
  let kind = hostKinds[tag];
  if (kind === undefined) kind = hostKinds[tag] = special[tag] === true || tag.indexOf("-") !== -1 ? 2 : contextTags[tag] === true ? 3 : 1;
  if (kind !== 2) {
    let s = startTags[tag];
    if (s === undefined) s = startTag(tag);
    let children = null,
      html = null;
    const keys = Object.keys(props);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = props[k];
      if (v == null) continue;
      if (k === "children") children = v;
      else if (k === "dangerouslySetInnerHTML") html = v;
      else {
        const open = plainOpen[k];
        if (open !== undefined && typeof v === "string") s += open + escapeString(v) + '"';
        else s += attr(k, v);
      }
    }
    let end = endTags[tag];
    if (end === undefined) end = endTags[tag] = "</" + tag + ">";
    if (html === null) {
      if (children === null) {
        out.push(s + ">" + end);
        lastPushedText = false;
        return;
      }
      if (typeof children === "string") {
        out.push(s + ">" + escapeString(children) + end);
        lastPushedText = false;
        return;
      }
      out.push(s + ">");
    } else {
      out.push(s + ">");
      pushInnerHTML(html, children);
      if (typeof children === "string") {
        out.push(escapeText(children));
        children = null;
      }
    }
    lastPushedText = false;
    if (children !== null) {
      const mode = ctx.mode;
      renderNode(children, kind === 1 && mode >= HTML_MODE && mode < TABLE_MODE ? ctx : childContext(ctx, tag, props));
    }
    out.push(end);
    lastPushedText = false;
    return;
  }
  const children = pushStart(tag, props, ctx);
  lastPushedText = false;
  if (children !== null && children !== undefined) renderNode(children, childContext(ctx, tag, props));
  if (noEndTag[tag] !== true) {
    let end = endTags[tag];
    if (end === undefined) end = endTags[tag] = "</" + tag + ">";
    out.push(end);
  }
  lastPushedText = false;
}

// ---- tree context (useId) --------------------------------------------------

const clz32 = Math.clz32;
function pushTreeContext(base, total, index) {
  let baseId = base.id;
  const baseOverflow = base.overflow;
  let baseLength = 32 - clz32(baseId) - 1;
  baseId &= ~(1 << baseLength);
  index += 1;
  const length = 32 - clz32(total) + baseLength;
  if (length > 30) {
    const overflowBits = baseLength - (baseLength % 5);
    const overflow = (baseId & ((1 << overflowBits) - 1)).toString(32);
    baseId >>= overflowBits;
    baseLength -= overflowBits;
    return { id: (1 << (32 - clz32(total) + baseLength)) | (index << baseLength) | baseId, overflow: overflow + baseOverflow };
  }
  return { id: (1 << length) | (index << baseLength) | baseId, overflow: baseOverflow };
}
function currentTreeContext() {
  let context = rootTreeContext;
  for (let i = 0; i < forkDepth; i++) context = pushTreeContext(context, forkTotals[i], forkIndexes[i]);
  return context;
}
function treeId(context) {
  const id = context.id;
  return (id & ~(1 << (32 - clz32(id) - 1))).toString(32) + context.overflow;
}

// ---- hooks -----------------------------------------------------------------

let currentComponent = null;
let firstHook = null;
let workInProgressHook = null;
let isReRender = false;
let didScheduleUpdate = false;
let localIdCounter = 0;
let renderPhaseUpdates = null;
let reRenders = 0;

function resetHooks() {
  currentComponent = null;
  didScheduleUpdate = false;
  firstHook = null;
  reRenders = 0;
  workInProgressHook = null;
  renderPhaseUpdates = null;
}

function resolveComponent(hook) {
  if (currentComponent === null) throw unsupported(hook + " outside a function component (React throws)");
  return currentComponent;
}

function nextHook() {
  if (workInProgressHook === null) {
    if (firstHook === null) {
      isReRender = false;
      firstHook = workInProgressHook = newHook();
    } else {
      isReRender = true;
      workInProgressHook = firstHook;
    }
  } else if (workInProgressHook.next === null) {
    isReRender = false;
    workInProgressHook = workInProgressHook.next = newHook();
  } else {
    isReRender = true;
    workInProgressHook = workInProgressHook.next;
  }
  return workInProgressHook;
}
function newHook() {
  if (reRenders > 0) throw unsupported("more hooks on a re-render than on the first render (React throws)");
  return { memoizedState: null, queue: null, next: null };
}

function basicStateReducer(state, action) {
  return typeof action === "function" ? action(state) : action;
}

function useReducer(reducer, initialArg, init) {
  currentComponent = resolveComponent("useReducer");
  const hook = nextHook();
  if (isReRender) {
    const queue = hook.queue;
    const dispatch = queue.dispatch;
    if (renderPhaseUpdates !== null) {
      let update = renderPhaseUpdates.get(queue);
      if (update !== undefined) {
        renderPhaseUpdates.delete(queue);
        let state = hook.memoizedState;
        do {
          state = reducer(state, update.action);
          update = update.next;
        } while (update !== null);
        hook.memoizedState = state;
        return [state, dispatch];
      }
    }
    return [hook.memoizedState, dispatch];
  }
  hook.memoizedState =
    reducer === basicStateReducer
      ? typeof initialArg === "function"
        ? initialArg()
        : initialArg
      : init !== undefined
        ? init(initialArg)
        : initialArg;
  const queue = (hook.queue = { last: null, dispatch: null });
  const dispatch = (queue.dispatch = dispatchAction.bind(null, currentComponent, queue));
  return [hook.memoizedState, dispatch];
}

function dispatchAction(component, queue, action) {
  if (reRenders >= 25) throw unsupported("too many re-renders (React throws)");
  if (component !== currentComponent) return;
  didScheduleUpdate = true;
  const update = { action: action, next: null };
  if (renderPhaseUpdates === null) renderPhaseUpdates = new Map();
  const first = renderPhaseUpdates.get(queue);
  if (first === undefined) renderPhaseUpdates.set(queue, update);
  else {
    let last = first;
    while (last.next !== null) last = last.next;
    last.next = update;
  }
}

function depsEqual(next, prev) {
  if (prev === null) return false;
  for (let i = 0; i < prev.length && i < next.length; i++) if (!Object.is(next[i], prev[i])) return false;
  return true;
}

function useMemo(create, deps) {
  currentComponent = resolveComponent("useMemo");
  const hook = nextHook();
  deps = deps === undefined ? null : deps;
  const prev = hook.memoizedState;
  if (prev !== null && deps !== null && depsEqual(deps, prev[1])) return prev[0];
  const value = create();
  hook.memoizedState = [value, deps];
  return value;
}

function useCallback(callback, deps) {
  currentComponent = resolveComponent("useCallback");
  const hook = nextHook();
  deps = deps === undefined ? null : deps;
  const prev = hook.memoizedState;
  if (prev !== null && deps !== null && depsEqual(deps, prev[1])) return prev[0];
  hook.memoizedState = [callback, deps];
  return callback;
}

function readThenable(thenable) {
  if (thenable.status === "fulfilled") return thenable.value;
  throw unsupported("use() of a promise that has not resolved (the component suspends)");
}

function noop() {}
const notPending = { pending: false, data: null, method: null, action: null };
function startTransitionOnServer() {
  throw unsupported("startTransition during a server render (React throws)");
}
function setOptimisticOnServer() {
  throw unsupported("an optimistic update during a server render (React throws)");
}
function effectEventOnServer() {
  throw unsupported("calling a useEffectEvent function during render (React throws)");
}
function refreshOnServer() {
  throw unsupported("a cache refresh during a server render (React throws)");
}

const dispatcher = {
  readContext: function (context) {
    return context._currentValue2;
  },
  use: function (usable) {
    if (usable !== null && typeof usable === "object") {
      if (typeof usable.then === "function") return readThenable(usable);
      if (usable.$$typeof === CONTEXT) return usable._currentValue2;
    }
    throw unsupported("use() of " + String(usable));
  },
  useContext: function (context) {
    resolveComponent("useContext");
    return context._currentValue2;
  },
  useMemo: useMemo,
  useReducer: useReducer,
  useRef: function (initialValue) {
    currentComponent = resolveComponent("useRef");
    const hook = nextHook();
    const prev = hook.memoizedState;
    if (prev !== null) return prev;
    return (hook.memoizedState = { current: initialValue });
  },
  useState: function (initialState) {
    return useReducer(basicStateReducer, initialState);
  },
  useInsertionEffect: noop,
  useLayoutEffect: noop,
  useCallback: useCallback,
  useImperativeHandle: noop,
  useEffect: noop,
  useDebugValue: noop,
  useDeferredValue: function (value, initialValue) {
    resolveComponent("useDeferredValue");
    return initialValue !== undefined ? initialValue : value;
  },
  useTransition: function () {
    resolveComponent("useTransition");
    return [false, startTransitionOnServer];
  },
  useId: function () {
    if (currentComponent === null) throw unsupported("useId outside a function component");
    const localId = localIdCounter++;
    let id = "_" + idPrefix + "R_" + treeId(currentTreeContext());
    if (localId > 0) id += "H" + localId.toString(32);
    return id + "_";
  },
  useSyncExternalStore: function (subscribe, getSnapshot, getServerSnapshot) {
    if (getServerSnapshot === undefined) throw unsupported("useSyncExternalStore without getServerSnapshot (React throws)");
    return getServerSnapshot();
  },
  useOptimistic: function (passthrough) {
    resolveComponent("useOptimistic");
    return [passthrough, setOptimisticOnServer];
  },
  useActionState: useActionState,
  useFormState: useActionState,
  useHostTransitionStatus: function () {
    resolveComponent("useFormStatus");
    return notPending;
  },
  useMemoCache: function (size) {
    const data = new Array(size);
    for (let i = 0; i < size; i++) data[i] = MEMO_CACHE_SENTINEL;
    return data;
  },
  useCacheRefresh: function () {
    return refreshOnServer;
  },
  useEffectEvent: function () {
    return effectEventOnServer;
  },
};

function useActionState(action, initialState) {
  resolveComponent("useActionState");
  if (typeof action.$$FORM_ACTION === "function") throw unsupported("useActionState with a server action");
  const bound = action.bind(null, initialState);
  return [
    initialState,
    function (payload) {
      bound(payload);
    },
    false,
  ];
}

const asyncDispatcher = {
  getCacheForType: function () {
    throw unsupported("React.cache during a server render (React throws)");
  },
  cacheSignal: function () {
    throw unsupported("cacheSignal during a server render (React throws)");
  },
  // Development builds of React ask for the owner of each element created.
  getOwner: function () {
    return null;
  },
};

// ---- components ------------------------------------------------------------

function renderFunction(Component, props, secondArg, ctx) {
  currentComponent = {};
  localIdCounter = 0;
  let children = Component(props, secondArg);
  while (didScheduleUpdate) {
    didScheduleUpdate = false;
    localIdCounter = 0;
    reRenders += 1;
    workInProgressHook = null;
    children = Component(props, secondArg);
  }
  resetHooks();
  if (localIdCounter !== 0) {
    const d = forkDepth++;
    forkTotals[d] = 1;
    forkIndexes[d] = 0;
    renderNode(children, ctx);
    forkDepth = d;
  } else renderNode(children, ctx);
}

const emptyContext = {};
const classUpdater = {
  isMounted: function () {
    return false;
  },
  enqueueSetState: function (inst, payload) {
    const internals = inst._reactInternals;
    if (internals.queue !== null) internals.queue.push(payload);
  },
  enqueueReplaceState: function (inst, payload) {
    const internals = inst._reactInternals;
    internals.replace = true;
    internals.queue = [payload];
  },
  enqueueForceUpdate: function () {},
};

function renderClass(type, props, ctx) {
  let newProps = props;
  if ("ref" in props) {
    newProps = {};
    for (const k in props) if (k !== "ref") newProps[k] = props[k];
  }
  const defaultProps = type.defaultProps;
  if (defaultProps) {
    if (newProps === props) newProps = Object.assign({}, newProps, props);
    for (const k in defaultProps) if (newProps[k] === undefined) newProps[k] = defaultProps[k];
  }
  const contextType = type.contextType;
  const context = typeof contextType === "object" && contextType !== null ? contextType._currentValue2 : emptyContext;
  const inst = new type(newProps, context);
  const initialState = inst.state !== undefined ? inst.state : null;
  inst.updater = classUpdater;
  inst.props = newProps;
  inst.state = initialState;
  const internals = { queue: [], replace: false };
  inst._reactInternals = internals;
  const contextType2 = type.contextType;
  inst.context = typeof contextType2 === "object" && contextType2 !== null ? contextType2._currentValue2 : emptyContext;
  const gdsfp = type.getDerivedStateFromProps;
  if (typeof gdsfp === "function") {
    const partial = gdsfp(newProps, initialState);
    inst.state = partial === null || partial === undefined ? initialState : Object.assign({}, initialState, partial);
  }
  if (
    typeof type.getDerivedStateFromProps !== "function" &&
    typeof inst.getSnapshotBeforeUpdate !== "function" &&
    (typeof inst.UNSAFE_componentWillMount === "function" || typeof inst.componentWillMount === "function")
  ) {
    const oldState = inst.state;
    if (typeof inst.componentWillMount === "function") inst.componentWillMount();
    if (typeof inst.UNSAFE_componentWillMount === "function") inst.UNSAFE_componentWillMount();
    if (oldState !== inst.state) classUpdater.enqueueReplaceState(inst, inst.state, null);
    if (internals.queue !== null && internals.queue.length > 0) {
      const queue = internals.queue,
        replace = internals.replace;
      internals.queue = null;
      internals.replace = false;
      if (replace && queue.length === 1) inst.state = queue[0];
      else {
        let next = replace ? queue[0] : inst.state,
          dontMutate = true;
        for (let i = replace ? 1 : 0; i < queue.length; i++) {
          const p = queue[i];
          const partial = typeof p === "function" ? p.call(inst, next, newProps, undefined) : p;
          if (partial != null) {
            if (dontMutate) {
              dontMutate = false;
              next = Object.assign({}, next, partial);
            } else Object.assign(next, partial);
          }
        }
        inst.state = next;
      }
    } else internals.queue = null;
  }
  renderNode(inst.render(), ctx);
}

function renderElement(type, props, ctx) {
  if (typeof type === "string") {
    renderHost(type, props, ctx);
    return;
  }
  if (typeof type === "function") {
    if (type.prototype && type.prototype.isReactComponent) renderClass(type, props, ctx);
    else renderFunction(type, props, undefined, ctx);
    return;
  }
  switch (type) {
    case FRAGMENT:
    case STRICT_MODE:
    case PROFILER:
    case LEGACY_HIDDEN:
      renderNode(props.children, ctx);
      return;
    case SUSPENSE:
      renderSuspense(props, ctx);
      return;
  }
  if (typeof type === "object" && type !== null) {
    switch (type.$$typeof) {
      case FORWARD_REF: {
        let p = props;
        if ("ref" in props) {
          p = {};
          for (const k in props) if (k !== "ref") p[k] = props[k];
        }
        const ref = props.ref;
        renderFunction(type.render, p, ref !== undefined ? ref : null, ctx);
        return;
      }
      case MEMO:
        renderElement(type.type, props, ctx);
        return;
      case CONTEXT: {
        const prev = type._currentValue2;
        type._currentValue2 = props.value;
        contextStack.push(type, prev);
        renderNode(props.children, ctx);
        contextStack.length -= 2;
        type._currentValue2 = prev;
        return;
      }
      case CONSUMER: {
        const render = props.children;
        renderNode(render(type._context._currentValue2), ctx);
        return;
      }
      case LAZY:
        renderElement(resolveLazy(type), props, ctx);
        return;
    }
  }
  throw unsupported("element type " + describeType(type));
}

// renderSuspense writes a boundary whose content completes synchronously,
// as renderToString inlines it: "<!--$-->" content "<!--/$-->", text on
// either side unjoined. The fallback is not rendered (React renders it only
// for a boundary that suspends or is outlined, and renderToString outlines
// none). An error inside the boundary makes React write the fallback for
// the client to retry, which this renderer does not do.
function renderSuspense(props, ctx) {
  out.push("<!--$-->");
  lastPushedText = false;
  suspenseDepth++;
  try {
    renderNode(props.children, ctx);
  } catch (err) {
    if (err instanceof Unsupported) throw err;
    throw unsupported("an error thrown inside <Suspense> (React renders the fallback)");
  }
  suspenseDepth--;
  out.push("<!--/$-->");
  lastPushedText = false;
}

// resolveLazy returns what a lazy component or node has loaded; one still
// loading (or failed) makes React suspend, which this renderer leaves to it.
function resolveLazy(lazy) {
  try {
    return lazy._init(lazy._payload);
  } catch (err) {
    throw unsupported("a lazy component that has not loaded");
  }
}

function describeType(type) {
  if (typeof type === "symbol") return type.description || String(type);
  if (typeof type === "object" && type !== null && typeof type.$$typeof === "symbol") return type.$$typeof.description;
  return type === null ? "null" : typeof type;
}

// ---- nodes -----------------------------------------------------------------

function renderNode(node, ctx) {
  const t = typeof node;
  if (t !== "object") {
    if (t === "string") {
      if (node === "") return;
      if (lastPushedText) out.push("<!-- -->");
      out.push(escapeString(node));
      lastPushedText = true;
    } else if (t === "number" || t === "bigint") pushText("" + node);
    return;
  }
  if (node === null) return;
  if (node instanceof TplElement) {
    renderTpl(node._t, node._h, ctx);
    return;
  }
  const tag = node.$$typeof;
  if (tag === ELEMENT) {
    const type = node.type;
    if (typeof type === "string") renderHost(type, node.props, ctx);
    else renderElement(type, node.props, ctx);
    return;
  }
  if (isArray(node)) {
    renderArray(node, ctx);
    return;
  }
  if (tag === PORTAL) throw unsupported("portals (React throws)");
  if (tag === LAZY) {
    renderNode(resolveLazy(node), ctx);
    return;
  }
  if (tag === LEGACY_ELEMENT) throw unsupported("elements from an older React (React throws)");
  const iteratorFn = getIteratorFn(node);
  if (iteratorFn) {
    const iterator = iteratorFn.call(node);
    if (iterator) {
      let step = iterator.next();
      if (!step.done) {
        const items = [];
        do {
          items.push(step.value);
          step = iterator.next();
        } while (!step.done);
        renderArray(items, ctx);
      }
      return;
    }
  }
  if (typeof node.then === "function") {
    renderNode(readThenable(node), ctx);
    return;
  }
  if (tag === CONTEXT) {
    renderNode(node._currentValue2, ctx);
    return;
  }
  throw unsupported("an object as a React child (React throws)");
}

function getIteratorFn(node) {
  const fn = (typeof Symbol === "function" && node[Symbol.iterator]) || node["@@iterator"];
  return typeof fn === "function" ? fn : null;
}

function renderArray(children, ctx) {
  const d = forkDepth++;
  const n = children.length;
  forkTotals[d] = n;
  // Every render below returns with forkDepth back at d + 1.
  for (let i = 0; i < n; i++) {
    forkIndexes[d] = i;
    renderNode(children[i], ctx);
  }
  forkDepth = d;
}

// ---- templates (internal/reactfast/jsxtpl) --------------------------------

// The build compiles each outermost host element of a component's JSX into
// a template (tplDef, once per module) and an instance per evaluation (tpl:
// the template, the dynamic values or "holes" in source order, the key).
// An instance renders here without element or props objects; to anything
// else it is a React element whose props, and the elements among them, are
// built on first access, so React's renderer (the fallback), cloneElement
// and Children see what jsx() would have made.
//
// tplDef decides which nodes render directly: the generic host elements
// (renderHost's kinds 1 and 3), <a> and <button> without form props, none
// with dangerouslySetInnerHTML; literal attributes are written once, with
// attr() itself. Any other node, and any literal attr() rejects, renders
// as the element it stands for, through renderNode.

function TplElement(t, holes, key) {
  this._t = t;
  this._h = holes;
  this.key = key;
}
Object.defineProperties(TplElement.prototype, {
  $$typeof: { value: ELEMENT },
  ref: { value: null },
  type: {
    get: function () {
      return this._t.tag;
    },
  },
  props: {
    get: function () {
      let p = this._p;
      if (p === undefined) {
        p = materializeProps(this._t, this._h);
        Object.defineProperty(this, "_p", { value: p });
      }
      return p;
    },
  },
});

export function tpl(t, holes, key) {
  return new TplElement(t, holes, key === undefined ? null : "" + key);
}

const formProps = table("name formAction formEncType formMethod formTarget");

// tplDef compiles the description jsxtpl writes: [tag, [name, 0, literal |
// name, 1, hole index, ...], children], children being null, one child or
// an array of them, a child [0, text], [1, hole index] or [2, description].
export function tplDef(d) {
  const tag = d[0];
  const props = d[1];
  const n = {
    tag: tag,
    props: props,
    fast: false,
    ctxTag: contextTags[tag] === true,
    aHref: tag === "a",
    open: "",
    dyn: [],
    end: "</" + tag + ">",
    kids: null,
    kidsArray: false,
  };
  let fast = (special[tag] !== true && tag.indexOf("-") === -1) || tag === "a" || tag === "button";
  let s = "<" + tag;
  for (let i = 0; i < props.length; i += 3) {
    const name = props[i];
    if (name === "dangerouslySetInnerHTML" || (tag === "button" && formProps[name] === true)) fast = false;
    if (props[i + 1] === 1) {
      n.dyn.push(name, props[i + 2], "");
      continue;
    }
    const v = props[i + 2];
    if (v == null) continue;
    let a;
    if (n.aHref && name === "href" && v === "") a = ' href=""';
    else {
      try {
        a = attr(name, v);
      } catch (e) {
        fast = false;
        continue;
      }
    }
    if (n.dyn.length === 0) s += a;
    else n.dyn[n.dyn.length - 1] += a;
  }
  n.open = s;
  const c = d[2];
  if (c !== null) {
    n.kidsArray = c.length === 0 || isArray(c[0]);
    n.kids = n.kidsArray ? c.map(tplKid) : tplKid(c);
  }
  n.fast = fast;
  return n;
}

function tplKid(c) {
  switch (c[0]) {
    case 0:
      return { k: 0, text: c[1], escaped: escapeString(c[1]) };
    case 1:
      return { k: 1, i: c[1] };
  }
  return { k: 2, node: tplDef(c[1]) };
}

function renderTpl(n, h, ctx) {
  if (n.fast !== true) {
    renderNode(materializeNode(n, h), ctx);
    return;
  }
  let s = n.open;
  const dyn = n.dyn;
  for (let i = 0; i < dyn.length; i += 3) {
    const v = h[dyn[i + 1]];
    if (v != null) {
      const name = dyn[i];
      if (v === "" && n.aHref && name === "href") s += ' href=""';
      else {
        const open = plainOpen[name];
        s += open !== undefined && typeof v === "string" ? open + escapeString(v) + '"' : attr(name, v);
      }
    }
    s += dyn[i + 2];
  }
  const kids = n.kids;
  if (kids === null) {
    out.push(s + ">" + n.end);
    lastPushedText = false;
    return;
  }
  const cctx = n.ctxTag !== true && ctx.mode >= HTML_MODE && ctx.mode < TABLE_MODE ? ctx : childContext(ctx, n.tag, null);
  if (!n.kidsArray) {
    if (kids.k === 0) {
      out.push(s + ">" + kids.escaped + n.end);
      lastPushedText = false;
      return;
    }
    if (kids.k === 1) {
      const v = h[kids.i];
      if (v == null || typeof v === "string") {
        out.push(v == null ? s + ">" + n.end : s + ">" + escapeString(v) + n.end);
        lastPushedText = false;
        return;
      }
      out.push(s + ">");
      lastPushedText = false;
      renderNode(v, cctx);
    } else {
      out.push(s + ">");
      lastPushedText = false;
      renderTpl(kids.node, h, cctx);
    }
  } else {
    out.push(s + ">");
    lastPushedText = false;
    // renderArray over the children, as the element's children array.
    const d = forkDepth++;
    const len = kids.length;
    forkTotals[d] = len;
    for (let i = 0; i < len; i++) {
      forkIndexes[d] = i;
      const kid = kids[i];
      if (kid.k === 0) {
        if (kid.text !== "") {
          if (lastPushedText) out.push("<!-- -->");
          out.push(kid.escaped);
          lastPushedText = true;
        }
      } else if (kid.k === 1) renderNode(h[kid.i], cctx);
      else renderTpl(kid.node, h, cctx);
    }
    forkDepth = d;
  }
  out.push(n.end);
  lastPushedText = false;
}

function materializeNode(n, h) {
  return { $$typeof: ELEMENT, type: n.tag, key: null, ref: null, props: materializeProps(n, h) };
}

// materializeProps builds the props jsx() would have: the attributes in
// order, then children.
function materializeProps(n, h) {
  const p = {};
  const ps = n.props;
  for (let i = 0; i < ps.length; i += 3) p[ps[i]] = ps[i + 1] === 0 ? ps[i + 2] : h[ps[i + 2]];
  const kids = n.kids;
  if (kids !== null) {
    if (n.kidsArray) {
      const a = new Array(kids.length);
      for (let i = 0; i < kids.length; i++) a[i] = materializeKid(kids[i], h);
      p.children = a;
    } else p.children = materializeKid(kids, h);
  }
  return p;
}

function materializeKid(k, h) {
  return k.k === 0 ? k.text : k.k === 1 ? h[k.i] : materializeNode(k.node, h);
}

// ---- entry point -----------------------------------------------------------

const rootTreeContext = { id: 1, overflow: "" };

// renderToString renders element as react-dom/server's renderToString does
// (options.identifierPrefix prefixes useId values), or throws Unsupported.
export function renderToString(element, options) {
  const saved = [out, lastPushedText, idPrefix, forkTotals, forkIndexes, forkDepth, contextStack, hoisted, suspenseDepth, DOMInternals.d, formReplay];
  const prevH = Internals.H,
    prevA = Internals.A;
  const prefix = options ? options.identifierPrefix : undefined;
  out = [];
  lastPushedText = false;
  idPrefix = prefix === undefined ? "" : prefix;
  forkTotals = [];
  forkIndexes = [];
  forkDepth = 0;
  contextStack = [];
  hoisted = null;
  suspenseDepth = 0;
  formReplay = false;
  DOMInternals.d = guardDOMDispatcher(saved[9]);
  Internals.H = dispatcher;
  Internals.A = asyncDispatcher;
  try {
    renderNode(element, ROOT_CONTEXT);
    if (formReplay) out.push(formReplayScript);
    const html = out.join("");
    return hoisted === null ? html : hoistedPrefix(hoisted) + html;
  } catch (err) {
    for (let i = contextStack.length - 2; i >= 0; i -= 2) contextStack[i]._currentValue2 = contextStack[i + 1];
    resetHooks();
    throw err;
  } finally {
    Internals.H = prevH;
    Internals.A = prevA;
    out = saved[0];
    lastPushedText = saved[1];
    idPrefix = saved[2];
    forkTotals = saved[3];
    forkIndexes = saved[4];
    forkDepth = saved[5];
    contextStack = saved[6];
    hoisted = saved[7];
    suspenseDepth = saved[8];
    DOMInternals.d = saved[9];
    formReplay = saved[10];
  }
}
