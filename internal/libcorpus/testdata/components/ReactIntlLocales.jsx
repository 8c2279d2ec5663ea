import { IntlProvider, FormattedNumber, FormattedDisplayName, useIntl } from "react-intl";

function Units({ value }) {
  const intl = useIntl();
  return (
    <ul>
      <li>{intl.formatNumber(value, { notation: "compact", compactDisplay: "long" })}</li>
      <li>{intl.formatNumber(value / 1000, { style: "unit", unit: "kilometer-per-hour" })}</li>
      <li>{intl.formatNumber(value / 1e6, { style: "unit", unit: "megabyte", unitDisplay: "narrow" })}</li>
      <li>{intl.formatNumber(-value, { notation: "scientific", maximumFractionDigits: 2 })}</li>
      <li>{intl.formatDisplayName("US", { type: "region" })} · {intl.formatDisplayName("EUR", { type: "currency" })}</li>
    </ul>
  );
}

// Compact and unit numbers and display names in the locale of the props.
export default function ReactIntlLocales({ locale, value }) {
  return (
    <IntlProvider locale={locale}>
      <p><FormattedNumber value={value} notation="compact" /> · <FormattedNumber value={value / 1000} style="unit" unit="liter" unitDisplay="long" /></p>
      <p><FormattedDisplayName type="language" value="en-GB" /> · <FormattedDisplayName type="script" value="Cyrl" /></p>
      <Units value={value} />
    </IntlProvider>
  );
}
