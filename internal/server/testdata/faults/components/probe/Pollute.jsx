// A naive deep merge of user-supplied JSON (a settings blob from a query string or a CMS): in
// JSON.parse's result "__proto__" is an own key, and dst["__proto__"] is Object.prototype.
function merge(dst, src) {
  for (const k in src) {
    if (src[k] && typeof src[k] === "object") merge((dst[k] = dst[k] || {}), src[k]);
    else dst[k] = src[k];
  }
  return dst;
}
export default function Pollute({ settings }) {
  const merged = merge({ theme: "light" }, JSON.parse(settings));
  return <p className="pollute">{String({}.polluted)}</p>;
}
