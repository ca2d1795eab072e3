import type { CatalogContext } from '../context';
import type { Product as ProductEntity } from '../entities/product.entity';

export const Product = {
  /** Through the visibility-aware loader: a reference to a hidden product resolves to null. */
  __resolveReference: (reference: { id: string }, ctx: CatalogContext) =>
    ctx.loaders.productById.load(reference.id),

  /** A reference the users subgraph resolves. */
  vendor: (product: ProductEntity) => ({ __typename: 'User', id: product.vendorId }),

  category: (product: ProductEntity, _args: unknown, ctx: CatalogContext) =>
    product.categoryId ? ctx.loaders.categoryById.load(product.categoryId) : null,

  price: (product: ProductEntity) => ({
    amount: product.priceAmount,
    currency: product.priceCurrency,
  }),
};
