import type { UserResolvers } from '../generated/resolvers-types';

/** The users subgraph owns accounts; here a User is only its id and its products. */
export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),

  products: (user, args, ctx) =>
    ctx.loaders.vendorProducts.load(ctx.services.listings.vendorPageKey(user.id, args)),
};
