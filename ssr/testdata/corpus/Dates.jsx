// Date arithmetic that does not depend on Intl: ISO strings, UTC getters,
// parsing, and local getters (TZ=UTC on both sides).
export default function Dates({ ts, iso }) {
  const d = new Date(ts);
  const p = new Date(iso);
  return (
    <ul>
      <li>{d.toISOString()}</li>
      <li>{d.getUTCFullYear()}-{d.getUTCMonth() + 1}-{d.getUTCDate()} {d.getUTCDay()} {d.getUTCHours()}:{d.getUTCMinutes()}:{d.getUTCSeconds()}.{d.getUTCMilliseconds()}</li>
      <li>{d.getFullYear()}-{d.getMonth()}-{d.getDate()} {d.getHours()} tz={d.getTimezoneOffset()}</li>
      <li>{d.toUTCString()}</li>
      <li>{JSON.stringify({ d })}</li>
      <li>{p.getTime()}|{Date.parse("2024-03-10")}|{Date.parse("2024-03-10T12:00:00")}|{Date.parse("2024-03-10T12:00:00+05:30")}</li>
      <li>{Date.UTC(2020, 1, 29, 23, 59, 59, 999)}|{Date.UTC(99, 0)}</li>
      <li>{new Date(Date.UTC(2024, 0, 31) + 31 * 864e5).toISOString()}</li>
      <li>{new Date(2024, 0, 1, 0, 0, 0).getTime()}</li>
      <li>{String(new Date("not a date").getTime())}|{String(isNaN(new Date("2024-13-01")))}</li>
      <li>{new Date(8.64e15).toISOString()}|{new Date(-62198755200000).toISOString()}</li>
    </ul>
  );
}
