import { parseInput, id } from '../../../lib/validation';
import type { QueryResolvers } from '../generated/resolvers-types';
import { primeCategories } from '../context';
import { selectsField, selectsPath } from '../selects-field';

export const Query: QueryResolvers = {
  /**
   * Null for unknown products and for other vendors' DRAFT or ARCHIVED ones; its category read
   * in the same statement when selected (the product page).
   */
  product: (_, args, ctx, info) => {
    const productId = parseInput(id, args.id, 'id');
    return selectsField(info, 'category')
      ? ctx.loaders.productWithCategoryById.load(productId)
      : ctx.loaders.productById.load(productId);
  },

  /**
   * `totalCount` costs a count(*) over every match, the page's categories a join: each only
   * when the query selects it.
   */
  products: async (_, args, ctx, info) => {
    const { page, categories } = await ctx.services.listings.search(args, {
      withTotal: selectsField(info, 'totalCount'),
      withCategories: selectsPath(info, ['edges', 'node', 'category']),
    });
    primeCategories(ctx, categories);
    return page;
  },

  categories: (_, _args, ctx) => ctx.services.categories.all(),
};
