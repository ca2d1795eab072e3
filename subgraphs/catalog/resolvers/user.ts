import type { UserResolvers } from '../generated/resolvers-types';

/**
 * The users subgraph owns accounts; here a User is its id and its products, and its display name
 * only as a product's vendor (Product.vendor, from catalog's copy of the name).
 */
export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),

  products: (user, args, ctx) =>
    ctx.loaders.vendorProducts.load(ctx.services.listings.vendorPageKey(user.id, args)),
};
