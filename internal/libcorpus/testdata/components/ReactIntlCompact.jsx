import { IntlProvider, FormattedNumber, FormattedRelativeTime, FormattedList, FormattedDisplayName } from "react-intl";

// The Intl features the issue found missing: compact and unit numbers, relative time, lists, display names.
export default function ReactIntlCompact({ big }) {
  return (
    <IntlProvider locale="en-US">
      <p><FormattedNumber value={big} notation="compact" /></p>
      <p><FormattedNumber value={42.195} style="unit" unit="kilometer" unitDisplay="long" /></p>
      <p><FormattedRelativeTime value={-3} unit="day" /></p>
      <p><FormattedList type="conjunction" value={["a", "b", "c"]} /></p>
      <p><FormattedDisplayName type="language" value="fr" /></p>
    </IntlProvider>
  );
}
