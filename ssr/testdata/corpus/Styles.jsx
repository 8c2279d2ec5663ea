// Style objects: camelCase to kebab-case, "px" appended to numbers except
// unitless properties and custom properties, vendor prefixes (ms- lower),
// null/boolean values skipped, and escaping inside the style attribute.
export default function Styles({ size, color }) {
  const style = {
    width: size,
    height: "20px",
    lineHeight: 1.5,
    opacity: 0,
    flex: 1,
    flexGrow: 2,
    zIndex: 3,
    fontWeight: 700,
    margin: 0,
    padding: -4,
    fontSize: 12.5,
    WebkitTransition: "all 1s",
    MozBoxSizing: "border-box",
    msTransform: "rotate(1deg)",
    WebkitLineClamp: 3,
    "--main-color": color,
    "--spacing": 4,
    "--Mixed-Case": "x",
    gridArea: "1 / 2",
    gridRowStart: 2,
    backgroundImage: 'url("a&b.png")',
    fontFamily: '"Helvetica Neue", <Arial>',
    float: "left",
    display: null,
    visibility: undefined,
    border: false,
    outline: "",
    aspectRatio: 16 / 9,
    scale: 2,
    strokeWidth: 2,
  };
  return (
    <div style={style}>
      <span style={{}}>empty</span>
      <span style={{ color: null }}>nulls</span>
      <span style={{ transform: `translate(${size}px, 0)`, content: "'\"'" }}>q</span>
      <svg style={{ fillOpacity: 0.5, strokeDashoffset: 10 }} />
    </div>
  );
}
