// Intl.NumberFormat across locales: group and decimal separators, narrow
// no-break spaces (fr-FR), currency placement and symbols, percent.
const locales = ["en-US", "de-DE", "fr-FR", "ja-JP", "en-GB"];

export default function IntlNumber({ values, currency }) {
  return (
    <table>
      <tbody>
        {locales.map((loc) => (
          <tr key={loc}>
            <th>{loc}</th>
            {values.map((v, i) => (
              <td key={i}>
                <span>{new Intl.NumberFormat(loc).format(v)}</span>
                <span>{new Intl.NumberFormat(loc, { style: "currency", currency }).format(v)}</span>
                <span>{new Intl.NumberFormat(loc, { style: "currency", currency: "JPY" }).format(v)}</span>
                <span>{new Intl.NumberFormat(loc, { style: "currency", currency: "USD", currencyDisplay: "code" }).format(v)}</span>
                <span>{new Intl.NumberFormat(loc, { style: "percent" }).format(v / 100)}</span>
                <span>{new Intl.NumberFormat(loc, { style: "percent", minimumFractionDigits: 1 }).format(v / 1000)}</span>
                <span>{new Intl.NumberFormat(loc, { style: "decimal", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)}</span>
                <span>{new Intl.NumberFormat(loc, { maximumSignificantDigits: 3 }).format(v)}</span>
                <span>{v.toLocaleString(loc)}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>{(1234567.891).toLocaleString()}</td>
          <td>{new Intl.NumberFormat().format(0.5)}</td>
          <td>{new Intl.NumberFormat("en-US", { useGrouping: false }).format(1234567)}</td>
          <td>{new Intl.NumberFormat("en-US", { signDisplay: "always" }).format(5)}</td>
          <td>{new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(-1234.5)}</td>
          <td>{new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(-0.005)}</td>
          <td>{new Intl.NumberFormat("en-US").resolvedOptions().locale}</td>
        </tr>
      </tfoot>
    </table>
  );
}
