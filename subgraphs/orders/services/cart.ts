import { BadUserInputError } from '../../../lib/errors';
import { formatMoney, sumOfLines } from '../../../lib/money';

/**
 * The most one order may come to: 99,999,999 minor units, the most Stripe accepts in one charge
 * (and far below GraphQL's 32-bit `Int`, so every `Money` of an order, its lines and its refunds
 * fits). Sums over many orders (a vendor's sales) are 64-bit `Long`s; in the database every
 * amount is a `bigint`.
 */
export const MAX_ORDER_TOTAL = 99_999_999;

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
 * it would pass {@link MAX_ORDER_TOTAL}, the most Stripe charges at once.
 */
export function cartTotal(
  lines: ReadonlyArray<{ unitAmount: number; quantity: number }>,
  currency: string,
): number {
  const total = sumOfLines(lines);
  if (total > BigInt(MAX_ORDER_TOTAL)) {
    const limit = formatMoney({ amount: MAX_ORDER_TOTAL, currency });
    const asked = formatMoney({ amount: Number(total), currency });
    throw new BadUserInputError(
      'input.items',
      `input.items: the order would come to ${asked}; one order may come to at most ${limit}`,
    );
  }
  return Number(total);
}
