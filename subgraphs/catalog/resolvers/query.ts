import { parseInput, id } from '../../../lib/validation';
import type { QueryResolvers } from '../generated/resolvers-types';
import { selectsField } from '../selects-field';

export const Query: QueryResolvers = {
  /** Null for unknown products and for other vendors' DRAFT or ARCHIVED ones. */
  product: (_, args, ctx) => ctx.loaders.productById.load(parseInput(id, args.id, 'id')),

  /** `totalCount` costs a count(*) over every match: only when the page asks for it. */
  products: (_, args, ctx, info) =>
    ctx.services.listings.search(args, selectsField(info, 'totalCount')),

  categories: (_, _args, ctx) => ctx.services.categories.all(),
};
