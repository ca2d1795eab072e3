import type { Category } from '../entities/category.entity';
import type { ProductView } from './product-keyset';

/**
 * Each product's category for a FROM clause after `PRODUCTS_WITH_VENDOR_NAMES`: a primary-key
 * lookup per row in the same statement, so a page's categories cost no statement of their own.
 * LEFT: a product without a category stays, with null category columns.
 */
export const WITH_PRODUCT_CATEGORIES = 'LEFT JOIN categories c ON c.id = p.category_id';

/**
 * The joined category's columns but its id (the product's `categoryId`), prefixed so they never
 * meet a product's; read them from {@link WITH_PRODUCT_CATEGORIES} and take them apart with
 * {@link splitCategory}. Its times come as epoch milliseconds: pg's timestamptz parser costs
 * ~1 µs a value, two per product of a page, which on a page of 100 ate what the join saves; a
 * number costs next to nothing.
 */
export const PRODUCT_CATEGORY_COLUMNS = `c.name AS "category_name", c.slug AS "category_slug",
  c.parent_id AS "category_parentId",
  (extract(epoch FROM c.created_at) * 1000)::float8 AS "category_createdAt",
  (extract(epoch FROM c.updated_at) * 1000)::float8 AS "category_updatedAt"`;

/** What {@link PRODUCT_CATEGORY_COLUMNS} adds to a row: all null when there is no category. */
export interface ProductCategoryColumns {
  category_name: string | null;
  category_slug: string | null;
  category_parentId: string | null;
  category_createdAt: number | null;
  category_updatedAt: number | null;
}

/**
 * A joined row taken apart in one copy: the product (without a listing's sort key and the
 * category's columns) and its category, made only when `known` says it is not made yet (a page
 * repeats a few categories over many products), null when the product has none or its category
 * no longer exists, as the category loader answers.
 */
export function splitCategory(
  joined: ProductView & { sortKey?: string | number } & ProductCategoryColumns,
  known: ReadonlyMap<string, Category | null> = new Map(),
): { product: ProductView; category: Category | null } {
  const {
    sortKey: _sortKey,
    category_name: name,
    category_slug: slug,
    category_parentId: parentId,
    category_createdAt: createdAt,
    category_updatedAt: updatedAt,
    ...product
  } = joined;
  const id = product.categoryId;
  if (id === null || name === null || slug === null || createdAt === null || updatedAt === null) {
    return { product, category: null };
  }
  const made = known.get(id);
  if (made !== undefined) return { product, category: made };
  const times = { createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) };
  return { product, category: { id, name, slug, parentId, ...times } };
}
