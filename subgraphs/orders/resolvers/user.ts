import type { UserResolvers } from '../generated/resolvers-types';

/** The users subgraph owns accounts; here a User is its id, its orders and its sales. */
export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),

  orders: (user, args, ctx) =>
    ctx.loaders.customerOrders.load(ctx.services.queries.pageKey(user.id.toLowerCase(), args)),

  sales: (user, _args, ctx) => ctx.loaders.vendorSales.load(user.id),
};
