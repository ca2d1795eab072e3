import type { OrdersContext } from '../context';
import type { OrderView } from '../services/order-rows';
import { visibleItems, visibleOrder } from './visibility';

export const Order = {
  __resolveReference: (reference: { id: string }, ctx: OrdersContext) =>
    visibleOrder(reference.id, ctx),
  customer: (order: OrderView) => ({ __typename: 'User', id: order.customerId }),
  /** The customer sees every line; a vendor only its own. */
  items: (order: OrderView, _args: unknown, ctx: OrdersContext) => visibleItems(order, ctx),
  history: (order: OrderView, _args: unknown, ctx: OrdersContext) =>
    ctx.loaders.historyByOrder.load(order.id),
  shortLines: (order: OrderView) =>
    order.shortLines.map((line) => ({
      product: { __typename: 'Product', id: line.productId },
      requested: line.requested,
      available: line.available,
    })),
};
