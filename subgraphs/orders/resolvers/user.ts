import type { OrdersContext } from '../context';
import type { PageArgs } from '../services/order-queries.service';

/** The users subgraph owns accounts; here a User is its id, its orders and its sales. */
export const User = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),

  orders: (user: { id: string }, args: PageArgs, ctx: OrdersContext) =>
    ctx.loaders.customerOrders.load(ctx.services.queries.pageKey(user.id.toLowerCase(), args)),

  sales: (user: { id: string }, _args: unknown, ctx: OrdersContext) =>
    ctx.loaders.vendorSales.load(user.id),
};
