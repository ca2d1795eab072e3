import { callerId } from '../../../lib/graphql/request-context';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  myWarehouses: (_, _args, ctx) => ctx.services.warehouses.listOf(callerId(ctx)),

  stockMovements: (_, args, ctx) =>
    ctx.services.stock.movements(callerId(ctx), args.productId, args.first),
};
