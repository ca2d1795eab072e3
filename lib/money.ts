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

/**
 * The largest amount one {@link MoneyAmount} may carry: 2^31 − 1 minor units, because GraphQL's
 * `Int` is 32-bit. Prices stay far below it; an order whose total would pass it is refused when
 * it is placed. Sums over many orders (a vendor's sales) are 64-bit instead.
 */
export const MAX_MONEY_AMOUNT = 2_147_483_647;

/** Σ unit amount × quantity as a bigint: exact at any size, so a limit check is never rounded. */
export function sumOfLines(lines: ReadonlyArray<{ unitAmount: number; quantity: number }>): bigint {
  return lines.reduce((sum, line) => sum + BigInt(line.unitAmount) * BigInt(line.quantity), 0n);
}
