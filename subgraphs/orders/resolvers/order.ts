import type { OrdersContext } from '../context';
import { sumMoney, type OrderView } from '../services/order-rows';
import { visibleItems, visibleOrder } from './visibility';

export const Order = {
  __resolveReference: (reference: { id: string }, ctx: OrdersContext) =>
    visibleOrder(reference.id, ctx),
  customer: (order: OrderView) => ({ __typename: 'User', id: order.customerId }),
  /** The customer sees every line; a vendor only its own. */
  items: (order: OrderView, _args: unknown, ctx: OrdersContext) => visibleItems(order, ctx),
  /** The customer sees the order's total; a vendor the subtotal of its own lines. */
  total: async (order: OrderView, _args: unknown, ctx: OrdersContext) => {
    if (order.customerId === ctx.caller.userId) return order.total;
    const items = await visibleItems(order, ctx);
    return sumMoney(
      items.map((item) => item.subtotal),
      order.total.currency,
    );
  },
  history: (order: OrderView, _args: unknown, ctx: OrdersContext) =>
    ctx.loaders.historyByOrder.load(order.id),
  /** Short lines of the products whose lines the caller sees. */
  shortLines: async (order: OrderView, _args: unknown, ctx: OrdersContext) => {
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
