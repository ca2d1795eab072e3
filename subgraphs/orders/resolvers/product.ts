import { ForbiddenError } from '../../../lib/errors';
import type { OrdersContext } from '../context';

/** Catalog owns products; orders adds `sales`, for the owning vendor only. */
export const Product = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),

  sales: async (product: { id: string }, _args: unknown, ctx: OrdersContext) => {
    const { vendorId, sales } = await ctx.loaders.productSales.load(product.id);
    if (vendorId !== ctx.caller.userId) throw new ForbiddenError('Only the product’s vendor');
    return sales;
  },
};
