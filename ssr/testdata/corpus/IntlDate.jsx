// Intl.DateTimeFormat with timeZone "UTC", dateStyle/timeStyle and
// component options across locales, plus Date#toLocale*String.
const locales = ["en-US", "de-DE", "fr-FR", "ja-JP", "en-GB"];

export default function IntlDate({ timestamps }) {
  const dates = timestamps.map((t) => new Date(t));
  return (
    <div>
      {locales.map((loc) => (
        <ul key={loc} lang={loc}>
          {dates.map((d, i) => (
            <li key={i}>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC" }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", dateStyle: "full" }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", dateStyle: "long", timeStyle: "short" }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", dateStyle: "medium", timeStyle: "medium" }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", year: "numeric", month: "short", day: "2-digit" }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", weekday: "long", hour: "numeric", minute: "2-digit" }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hour12: false }).format(d)}</span>
              <span>{new Intl.DateTimeFormat(loc, { timeZone: "UTC", month: "long", year: "numeric" }).format(d)}</span>
              <span>{d.toLocaleString(loc, { timeZone: "UTC" })}</span>
              <span>{d.toLocaleDateString(loc, { timeZone: "UTC" })}</span>
              <span>{d.toLocaleTimeString(loc, { timeZone: "UTC" })}</span>
              <span>{d.toLocaleDateString(loc)}</span>
            </li>
          ))}
        </ul>
      ))}
      <p>{dates[0].toLocaleString()}</p>
      <p>{dates[0].toLocaleDateString()}</p>
      <p>{dates[0].toLocaleTimeString()}</p>
      <p>{new Intl.DateTimeFormat().resolvedOptions().timeZone}</p>
      <p>{new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).formatToParts(dates[0]).map((p) => `${p.type}=${p.value}`).join("|")}</p>
    </div>
  );
}
