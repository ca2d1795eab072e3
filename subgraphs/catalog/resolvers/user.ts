import type { CatalogContext } from '../context';
import type { ListingArgs } from '../services/product-listing.service';

/** The users subgraph owns accounts; here a User is only its id and its products. */
export const User = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),

  products: (user: { id: string }, args: ListingArgs, ctx: CatalogContext) =>
    ctx.loaders.vendorProducts.load(ctx.services.listings.vendorPageKey(user.id, args)),
};
