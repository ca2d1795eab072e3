import type { ProductStockResolvers } from '../generated/resolvers-types';

export const ProductStock: ProductStockResolvers = {
  /** Where the stock is, for the product's vendor; an empty list for everyone else. */
  levels: (stock, _args, ctx) =>
    stock.vendorId !== null && stock.vendorId === ctx.caller.userId
      ? ctx.loaders.levelsByProduct.load(stock.productId)
      : [],
};
