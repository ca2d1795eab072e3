import { parseInput, id } from '../../../lib/validation';
import type { CatalogContext } from '../context';
import type { ListingArgs } from '../services/product-listing.service';

export const Query = {
  /** Null for unknown products and for other vendors' DRAFT or ARCHIVED ones. */
  product: (_: unknown, args: { id: unknown }, ctx: CatalogContext) =>
    ctx.loaders.productById.load(parseInput(id, args.id, 'id')),

  products: (_: unknown, args: ListingArgs, ctx: CatalogContext) =>
    ctx.services.listings.search(args),

  categories: (_: unknown, _args: unknown, ctx: CatalogContext) => ctx.services.categories.all(),
};
