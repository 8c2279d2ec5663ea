// formatPrice formats an amount of money the same way on server and browser.
export function formatPrice(amount, currency) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
}
