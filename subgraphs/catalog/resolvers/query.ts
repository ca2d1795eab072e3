import type { GraphQLResolveInfo } from 'graphql';
import { parseInput, id } from '../../../lib/validation';
import type { CatalogContext } from '../context';
import { selectsField } from '../selects-field';
import type { ListingArgs } from '../services/product-listing.service';

export const Query = {
  /** Null for unknown products and for other vendors' DRAFT or ARCHIVED ones. */
  product: (_: unknown, args: { id: unknown }, ctx: CatalogContext) =>
    ctx.loaders.productById.load(parseInput(id, args.id, 'id')),

  /** `totalCount` costs a count(*) over every match: only when the page asks for it. */
  products: (_: unknown, args: ListingArgs, ctx: CatalogContext, info: GraphQLResolveInfo) =>
    ctx.services.listings.search(args, selectsField(info, 'totalCount')),

  categories: (_: unknown, _args: unknown, ctx: CatalogContext) => ctx.services.categories.all(),
};
