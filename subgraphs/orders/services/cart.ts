import { BadUserInputError } from '../../../lib/errors';
import { formatMoney, MAX_MONEY_AMOUNT, sumOfLines } from '../../../lib/money';

/** One line of a cart: which product and how many. */
export interface CartLine {
  productId: string;
  quantity: number;
}

/** Whether two carts ask for the same products in the same quantities, in any line order. */
export function sameCart(a: readonly CartLine[], b: readonly CartLine[]): boolean {
  const canonical = (cart: readonly CartLine[]) =>
    cart
      .map((line) => `${line.productId.toLowerCase()}:${line.quantity}`)
      .sort()
      .join(',');
  return canonical(a) === canonical(b);
}

/**
 * The total of priced lines in minor units of `currency`; `BAD_USER_INPUT` on `input.items` when
 * it would pass {@link MAX_MONEY_AMOUNT}, the most one `Money` carries.
 */
export function cartTotal(
  lines: ReadonlyArray<{ unitAmount: number; quantity: number }>,
  currency: string,
): number {
  const total = sumOfLines(lines);
  if (total > BigInt(MAX_MONEY_AMOUNT)) {
    const limit = formatMoney({ amount: MAX_MONEY_AMOUNT, currency });
    const asked = formatMoney({ amount: Number(total), currency });
    throw new BadUserInputError(
      'input.items',
      `input.items: the order would come to ${asked}; one order may come to at most ${limit}`,
    );
  }
  return Number(total);
}
