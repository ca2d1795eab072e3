import type { CategoryResolvers } from '../generated/resolvers-types';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.categoryById.load(reference.id),

  parent: (category, _args, ctx) =>
    category.parentId ? ctx.loaders.categoryById.load(category.parentId) : null,

  children: (category, _args, ctx) => ctx.loaders.childrenByCategoryId.load(category.id),
};
