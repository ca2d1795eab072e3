import { callerId } from '../../../lib/graphql/request-context';
import type { QueryResolvers } from '../generated/resolvers-types';
import { visibleOrder } from './visibility';

export const Query: QueryResolvers = {
  /** Null for unknown orders and for orders the caller has no part in (no existence leak). */
  order: (_, args, ctx) => visibleOrder(args.id, ctx),

  myOrders: (_, args, ctx) =>
    ctx.loaders.customerOrders.load(ctx.services.queries.pageKey(callerId(ctx), args)),

  vendorOrders: (_, args, ctx) =>
    ctx.services.queries.vendorPage(ctx.services.queries.pageKey(callerId(ctx), args)),
};
