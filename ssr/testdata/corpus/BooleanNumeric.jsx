// Boolean and numeric attributes: true renders the bare name or "", false
// and null omit the attribute, numbers are stringified; overloaded booleans
// (download, capture) and booleanish strings (aria-*, draggable) differ.
export default function BooleanNumeric({ on, n }) {
  return (
    <div hidden={!on} draggable={on} inert={!on}>
      <input type="checkbox" checked={on} readOnly disabled={!on} required={on} />
      <input type="checkbox" defaultChecked={on} />
      <input type="number" value={n} min={0} max={100} step={0.5} onChange={() => {}} />
      <input defaultValue={n} size={10} autoFocus={on} />
      <select value="b" multiple={false} onChange={() => {}}>
        <option value="a">A</option>
        <option value="b">B</option>
        <option value={n}>{n}</option>
      </select>
      <select defaultValue={["x", "z"]} multiple>
        <option value="x">X</option>
        <option value="y">Y</option>
        <option value="z">Z</option>
      </select>
      <textarea value={`line1\nline2 ${n}`} rows={3} cols={40} onChange={() => {}} />
      <a href="/file.pdf" download={on}>dl</a>
      <a href="/file.pdf" download="name.pdf">dl2</a>
      <input type="file" capture={on} />
      <input type="file" capture="user" />
      <ol start={n} reversed={on}><li value={3}>x</li></ol>
      <video autoPlay={on} muted={on} loop={false} playsInline controls={on} preload="none" />
      <details open={on}><summary>s</summary></details>
      <div aria-checked={on} aria-busy={false} data-on={on} data-off={false} data-n={n} data-zero={0} data-nan={NaN} />
      <progress value={0.25} max={1} />
      <meter value={n} />
      <div spellCheck={on} translate="no" />
    </div>
  );
}
