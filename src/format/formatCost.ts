// No imports: the service, the host views and the webview pages (chat cost line) all format costs with this.

/** Small amounts keep three significant digits ($0.000123), larger ones cents ($1.25). */
export function formatCost(amount: number, currency = 'USD'): string {
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  if (amount === 0) return `${symbol}0`;
  if (amount >= 1) return `${symbol}${amount.toFixed(2)}`;
  const decimals = Math.min(10, 2 - Math.floor(Math.log10(amount)));
  return `${symbol}${amount.toFixed(decimals)}`;
}
