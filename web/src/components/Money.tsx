import type { Money as MoneyValue } from '../operations/types';

/** Minor units of an ISO-4217 currency, formatted for the reader's locale. */
export function formatMoney(money: { amount: number | string; currency: string }): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency }).format(
    Number(money.amount) / 10 ** digits,
  );
}

export function Money({ value }: { value: MoneyValue }) {
  return <span className="money">{formatMoney(value)}</span>;
}
