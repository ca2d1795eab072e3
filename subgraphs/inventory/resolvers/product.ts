import type { InventoryContext } from '../context';

/** Catalog owns products; inventory only adds `stock`, so any referenced id resolves. */
export const Product = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  stock: (product: { id: string }, _args: unknown, ctx: InventoryContext) =>
    ctx.loaders.stockByProduct.load(product.id),
};
