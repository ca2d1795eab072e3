import type { ProductResolvers } from '../generated/resolvers-types';
import { UNKNOWN_VENDOR_NAME } from '../services/user-names';

export const Product: ProductResolvers = {
  /** Through the visibility-aware loader: a reference to a hidden product resolves to null. */
  __resolveReference: (reference, ctx) => ctx.loaders.productById.load(reference.id),

  /** With the name read beside the product (`@provides`): the gateway asks users nothing. */
  vendor: (product) => ({
    __typename: 'User',
    id: product.vendorId,
    displayName: product.vendorName ?? UNKNOWN_VENDOR_NAME,
  }),

  category: (product, _args, ctx) => {
    if (!product.categoryId) return null;
    const primed = ctx.primedCategories.get(product.categoryId);
    return primed !== undefined ? primed : ctx.loaders.categoryById.load(product.categoryId);
  },

  price: (product) => ({ amount: product.priceAmount, currency: product.priceCurrency }),
};
