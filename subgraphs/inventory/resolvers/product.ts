import type { ProductResolvers } from '../generated/resolvers-types';

/** Catalog owns products; inventory only adds `stock`, so any referenced id resolves. */
export const Product: ProductResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  stock: (product, _args, ctx) => ctx.loaders.stockByProduct.load(product.id),
};
