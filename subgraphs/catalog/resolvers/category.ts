import type { CatalogContext } from '../context';
import type { Category as CategoryEntity } from '../entities/category.entity';

export const Category = {
  __resolveReference: (reference: { id: string }, ctx: CatalogContext) =>
    ctx.loaders.categoryById.load(reference.id),

  parent: (category: CategoryEntity, _args: unknown, ctx: CatalogContext) =>
    category.parentId ? ctx.loaders.categoryById.load(category.parentId) : null,

  children: (category: CategoryEntity, _args: unknown, ctx: CatalogContext) =>
    ctx.loaders.childrenByCategoryId.load(category.id),
};
