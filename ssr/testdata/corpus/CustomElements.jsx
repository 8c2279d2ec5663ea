// Custom elements (a dash in the name) keep props React would drop or
// rename elsewhere: className becomes class, htmlFor and camelCase names
// stay, true becomes an empty attribute, false, objects and functions are
// dropped, numbers are strings, style still serializes. An is= attribute
// on a built-in element does not make it custom.
export default function CustomElements({ on, n, label }) {
  return (
    <div>
      <my-element
        className="c"
        htmlFor="f"
        data-x={n}
        aria-label={label}
        flag={on}
        off={false}
        count={n}
        obj={{ a: 1 }}
        handler={() => {}}
        onClick={() => {}}
        camelCase="kept"
        style={{ marginTop: n, "--custom": label }}
        nothing={null}
      >
        {label}
      </my-element>
      <x-foo-bar tabIndex={n} hidden={on} />
      <div is="fancy-div" className="c" flag={on} htmlFor="f">
        is
      </div>
      <fuzz-widget suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "<b>raw</b>" }} />
      <custom-input value={label} defaultValue="d" checked={on} />
    </div>
  );
}
