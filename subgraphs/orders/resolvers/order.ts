import type { OrderResolvers } from '../generated/resolvers-types';
import { sumMoney } from '../services/order-rows';
import { visibleItems, visibleOrder } from './visibility';

export const Order: OrderResolvers = {
  __resolveReference: (reference, ctx) => visibleOrder(reference.id, ctx),
  customer: (order) => ({ __typename: 'User', id: order.customerId }),
  /** The customer sees every line; a vendor only its own. */
  items: (order, _args, ctx) => visibleItems(order, ctx),
  /** The customer sees the order's total; a vendor the subtotal of its own lines. */
  total: async (order, _args, ctx) => {
    if (order.customerId === ctx.caller.userId) return order.total;
    const items = await visibleItems(order, ctx);
    return sumMoney(
      items.map((item) => item.subtotal),
      order.total.currency,
    );
  },
  history: (order, _args, ctx) => ctx.loaders.historyByOrder.load(order.id),
  /**
   * The order's line refunds; a vendor sees those with its lines, each with only its own lines
   * and their amount.
   */
  refunds: async (order, _args, ctx) => {
    const visible = new Set((await visibleItems(order, ctx)).map((item) => item.id));
    const refunds = await ctx.loaders.refundsByOrder.load(order.id);
    return refunds
      .map((refund) => {
        const lines = refund.lines.filter((line) => visible.has(line.itemId));
        const amount = sumMoney(
          lines.map((line) => line.amount),
          order.total.currency,
        );
        return { ...refund, lines, amount };
      })
      .filter((refund) => refund.lines.length);
  },
  /** Short lines of the products whose lines the caller sees. */
  shortLines: async (order, _args, ctx) => {
    const visible = new Set((await visibleItems(order, ctx)).map((item) => item.productId));
    return order.shortLines
      .filter((line) => visible.has(line.productId))
      .map((line) => ({
        product: { __typename: 'Product', id: line.productId },
        requested: line.requested,
        available: line.available,
      }));
  },
};
