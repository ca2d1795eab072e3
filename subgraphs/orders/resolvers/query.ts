import { callerId } from '../../../lib/graphql/request-context';
import type { OrdersContext } from '../context';
import type { PageArgs } from '../services/order-queries.service';
import { visibleOrder } from './visibility';

export const Query = {
  /** Null for unknown orders and for orders the caller has no part in (no existence leak). */
  order: (_: unknown, args: { id: string }, ctx: OrdersContext) => visibleOrder(args.id, ctx),

  myOrders: (_: unknown, args: PageArgs, ctx: OrdersContext) =>
    ctx.loaders.customerOrders.load(ctx.services.queries.pageKey(callerId(ctx), args)),

  vendorOrders: (_: unknown, args: PageArgs, ctx: OrdersContext) =>
    ctx.services.queries.vendorPage(ctx.services.queries.pageKey(callerId(ctx), args)),
};
