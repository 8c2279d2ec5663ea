// Form controls and their value rules: <select> marks the options that
// match value or defaultValue (one value, or an array with multiple), also
// inside optgroups, fragments and components, by the option's value or its
// text; <textarea> writes value, defaultValue or its one child as text
// (a leading newline doubled); inputs take value/defaultValue and
// checked/defaultChecked, controlled (with onChange or readOnly) or not.
function Opt({ v, children }) {
  return <option value={v}>{children}</option>;
}

export default function FormControls({ pick, picks, text, on, n }) {
  return (
    <form>
      <select value={pick} onChange={() => {}}>
        <option value="a">A</option>
        <option value="b">B</option>
        <option>{pick}</option>
        <option value={n}>number</option>
      </select>
      <select defaultValue={pick}>
        <optgroup label="G">
          <option value="a">A</option>
          <>
            <option value="b">B</option>
          </>
        </optgroup>
        <Opt v="c">C</Opt>
        <option selected value="z">ignored selected</option>
      </select>
      <select multiple value={picks} onChange={() => {}}>
        <option value="a">A</option>
        <option value="b">B</option>
        <option value="c">C</option>
        <option>
          {"b"}
          {""}
        </option>
      </select>
      <select multiple defaultValue={picks} name="many" required>
        {["a", "b", "c", "d"].map((v) => (
          <option key={v} value={v} disabled={v === "d"}>
            {v.toUpperCase()}
          </option>
        ))}
      </select>
      <select>
        <option value="x" selected={on}>
          x
        </option>
        <option value="y">y</option>
      </select>
      <option value="alone" selected>
        outside a select
      </option>
      <textarea value={text} onChange={() => {}} />
      <textarea defaultValue={text} rows={n} cols={0} />
      <textarea>{text}</textarea>
      <textarea value={n} readOnly />
      <textarea value={null} defaultValue="fallback" />
      <input value={text} onChange={() => {}} />
      <input defaultValue={text} />
      <input value={n} type="number" readOnly />
      <input value={null} defaultValue="d" />
      <input type="checkbox" checked={on} onChange={() => {}} />
      <input type="checkbox" defaultChecked={on} />
      <input type="radio" checked={!on} readOnly name="r" />
      <input type="text" value="" placeholder="empty" readOnly />
      <input type="hidden" name="h" value={false} />
      <input type="range" min={0} max={n} step="any" defaultValue={n / 2} />
    </form>
  );
}
