/**
 * Money in Bazaar: an integer amount of the currency's minor units (cents, yen, fils) and an
 * ISO-4217 code. One place knows which codes exist and how many decimals each has.
 */

/** Every ISO-4217 currency the runtime knows (Node's ICU data; excludes test codes like XXX, ZZZ). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Money as it travels in events and GraphQL: minor units of an ISO-4217 currency. */
export interface MoneyAmount {
  amount: number;
  currency: string;
}

/** True for a real ISO-4217 code in capitals (`EUR`, `JPY`), false for `ZZZ` or `eur`. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

/** Decimals of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for BHD. */
export function currencyExponent(currency: string): number {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.resolvedOptions().maximumFractionDigits ?? 2;
}

/** `€12.50`, `¥1,250`, `BHD 1.250`: the amount with the currency's own number of decimals. */
export function formatMoney({ amount, currency }: MoneyAmount): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(amount / 10 ** currencyExponent(currency));
}
