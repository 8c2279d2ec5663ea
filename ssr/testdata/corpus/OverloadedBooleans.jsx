// Overloaded booleans (download, capture: true is an empty attribute, a
// string is a value), booleanish strings (contentEditable, spellCheck,
// draggable: "true"/"false"), numeric attributes that drop values below 1
// (cols, rows, size, span) or NaN (rowSpan, start), and the props React
// never writes: suppressHydrationWarning, suppressContentEditableWarning,
// defaultValue/defaultChecked on plain elements, innerHTML, on* handlers.
export default function OverloadedBooleans({ v, n }) {
  return (
    <div suppressHydrationWarning suppressContentEditableWarning contentEditable={v} spellCheck={v} draggable={v}>
      <a href="/x" download={v}>a</a>
      <a href="/x" download="">b</a>
      <a href="/x" download={n}>c</a>
      <input type="file" capture={v} />
      <input type="file" capture="environment" />
      <textarea cols={n} rows={n - 1} />
      <input size={n} />
      <select size={0}>
        <option>o</option>
      </select>
      <table>
        <colgroup span={n} />
        <tbody>
          <tr>
            <td rowSpan={n} colSpan={n}>
              t
            </td>
            <td rowSpan={NaN}>nan</td>
          </tr>
        </tbody>
      </table>
      <ol start={NaN} />
      <ol start={0} />
      <span defaultValue="x" defaultChecked innerHTML="<b>" onClick={() => {}} onclick="alert(1)" />
      <div hidden="" inert={""} autoFocus={v} itemScope={v} />
      <div translate={v} autoCapitalize="off" popover="auto" inputMode="numeric" />
      <div aria-hidden={v} data-bool={v} unknown={v} />
    </div>
  );
}
