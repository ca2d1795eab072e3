import { ForbiddenError } from '../../../lib/errors';
import type { ProductResolvers } from '../generated/resolvers-types';

/** Catalog owns products; orders adds `sales`, for the owning vendor only. */
export const Product: ProductResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),

  sales: async (product, _args, ctx) => {
    const { vendorId, sales } = await ctx.loaders.productSales.load(product.id);
    if (vendorId !== ctx.caller.userId) throw new ForbiddenError('Only the product’s vendor');
    return sales;
  },
};
