import { IntlProvider, FormattedMessage, FormattedNumber, FormattedDate } from "react-intl";

const messages = { items: "{count, plural, =0 {no items} one {# item} other {# items}}", hi: "Hello, {name}!" };

export default function ReactIntl({ count, amount, date }) {
  return (
    <IntlProvider locale="en-US" messages={messages} timeZone="UTC">
      <p><FormattedMessage id="hi" values={{ name: "Ada" }} /></p>
      <p><FormattedMessage id="items" values={{ count }} /></p>
      <p><FormattedNumber value={amount} style="currency" currency="EUR" /></p>
      <p><FormattedDate value={new Date(date)} year="numeric" month="long" day="2-digit" /></p>
    </IntlProvider>
  );
}
