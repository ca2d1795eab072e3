import type { ProductResolvers } from '../generated/resolvers-types';

export const Product: ProductResolvers = {
  /** Through the visibility-aware loader: a reference to a hidden product resolves to null. */
  __resolveReference: (reference, ctx) => ctx.loaders.productById.load(reference.id),

  /** A reference the users subgraph resolves. */
  vendor: (product) => ({ __typename: 'User', id: product.vendorId }),

  category: (product, _args, ctx) => {
    if (!product.categoryId) return null;
    const primed = ctx.primedCategories.get(product.categoryId);
    return primed !== undefined ? primed : ctx.loaders.categoryById.load(product.categoryId);
  },

  price: (product) => ({ amount: product.priceAmount, currency: product.priceCurrency }),
};
