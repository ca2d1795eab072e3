import { parseInput, id } from '../../../lib/validation';
import type { QueryResolvers } from '../generated/resolvers-types';
import { primeCategories } from '../context';
import { selectsField, selectsPath } from '../selects-field';

export const Query: QueryResolvers = {
  /** Null for unknown products and for other vendors' DRAFT or ARCHIVED ones. */
  product: (_, args, ctx) => ctx.loaders.productById.load(parseInput(id, args.id, 'id')),

  /** `totalCount` costs a count(*) over every match: only when the page asks for it. */
  products: async (_, args, ctx, info) => {
    const page = await ctx.services.listings.search(args, selectsField(info, 'totalCount'));
    if (selectsPath(info, ['edges', 'node', 'category'])) {
      await primeCategories(
        ctx,
        page.edges.map((edge) => edge.node),
      );
    }
    return page;
  },

  categories: (_, _args, ctx) => ctx.services.categories.all(),
};
