// Date#toString and friends: the exact text of V8's implementation,
// including the time zone name in parentheses.
export default function DateToString({ ts }) {
  const d = new Date(ts);
  return (
    <ul>
      <li>{String(d)}</li>
      <li>{d.toString()}</li>
      <li>{d.toDateString()}</li>
      <li>{d.toTimeString()}</li>
      <li>{`${new Date(0)}`}</li>
    </ul>
  );
}
