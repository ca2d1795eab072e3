import { BadUserInputError, BazaarError } from '../../../lib/errors';
import type { OrderRefund } from '../../../lib/events/catalogue';
import type { RefundLinesInput } from '../validation';

/** An order line as a refund request sees it, with what earlier refunds took or hold. */
export interface RefundableItem {
  id: string;
  productId: string;
  productName: string;
  vendorId: string;
  unitAmount: number;
  currency: string;
  quantity: number;
  /** Units of settled refunds. */
  refundedQuantity: number;
  /** Units of refunds still waiting for payments' answer. */
  pendingQuantity: number;
}

/** Who asks: a vendor may refund only its own lines, an admin any line. */
export interface Refunder {
  userId: string;
  isAdmin: boolean;
}

/** Units of the line that may still be refunded. */
export function refundableUnits(item: RefundableItem): number {
  return item.quantity - item.refundedQuantity - item.pendingQuantity;
}

/**
 * The lines and money of a refund request, or the first reason to refuse it: a line that is not
 * in the order and a line of another vendor are the same NOT_FOUND (a vendor learns nothing about
 * lines it cannot see); more units than remain is BAD_USER_INPUT on that line's quantity.
 *
 * Money: each line's amount is its unit price × units, exact in minor units; the request's amount
 * is their sum. Nothing is prorated (orders carry no discounts, taxes or shipping), so there is
 * nothing to round, and refunding every unit in any number of requests returns the order's total.
 */
export function planRefund(
  items: readonly RefundableItem[],
  requested: RefundLinesInput,
  refunder: Refunder,
): { lines: OrderRefund['lines']; amount: number } {
  const byId = new Map(items.map((item) => [item.id, item]));
  const lines = requested.map((line, index) => {
    const item = byId.get(line.itemId);
    if (!item || (!refunder.isAdmin && item.vendorId !== refunder.userId)) {
      const field = `lines.${index}.itemId`;
      throw new BazaarError('NOT_FOUND', `${field}: no such line in this order`, { field });
    }
    const left = refundableUnits(item);
    if (line.quantity > left) {
      const field = `lines.${index}.quantity`;
      throw new BadUserInputError(
        field,
        `${field}: only ${left} of this line's ${item.quantity} units can still be refunded`,
      );
    }
    return {
      itemId: item.id,
      productId: item.productId,
      productName: item.productName,
      vendorId: item.vendorId,
      quantity: line.quantity,
      amount: { amount: item.unitAmount * line.quantity, currency: item.currency },
    };
  });
  return { lines, amount: lines.reduce((sum, line) => sum + line.amount.amount, 0) };
}
