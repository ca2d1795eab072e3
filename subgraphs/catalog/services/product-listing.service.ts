import { readRows } from '../../../lib/db/database';
import { connectionFrom, pageSize, type Connection } from '../../../lib/graphql/pagination';
import { isId, parseInput } from '../../../lib/validation';
import type { Category } from '../entities/category.entity';
import type { QueryProductsArgs, UserProductsArgs } from '../generated/resolvers-types';
import { productFilter, productSort, type ProductFilter } from '../validation';
import type { CatalogDeps } from './catalog-deps';
import {
  PRODUCT_CATEGORY_COLUMNS,
  splitCategory,
  WITH_PRODUCT_CATEGORIES,
  type ProductCategoryColumns,
} from './product-category';
import {
  keysetAfter,
  keysetOrder,
  PRODUCT_COLUMNS,
  PRODUCTS_WITH_VENDOR_NAMES,
  productCursor,
  productOf,
  readProductCursor,
  sortKeyColumn,
  type KeysetPosition,
  type ProductRow,
  type ProductView,
} from './product-keyset';

/** A page of products as `products` and `User.products` return it. */
export type ProductConnectionView = Connection<ProductView>;
export type ProductEdgeView = ProductConnectionView['edges'][number];

/** What the public listing reads beside the page; each costs nothing when left out. */
export interface SearchOptions {
  /** The total over all pages, a count(*) over every match (otherwise `totalCount` is 0). */
  withTotal: boolean;
  /** The page's categories, joined in the page's own statement. */
  withCategories: boolean;
}

/** A page of the public listing and, when asked for, its products' categories by id. */
export interface SearchResult {
  page: ProductConnectionView;
  /** Null for a category id that names no category. Empty unless `withCategories`. */
  categories: Map<string, Category | null>;
}

/** One vendor's page as `User.products` asks for it (the DataLoader key). */
export interface VendorPageKey {
  vendorId: string;
  first: number;
  after: KeysetPosition | null;
}

const EMPTY: Connection<ProductView> = {
  edges: [],
  pageInfo: { hasNextPage: false, endCursor: null },
  totalCount: 0,
};

/** Product listings: the public, filtered one and each vendor's own. */
export class ProductListingService {
  constructor(private readonly deps: CatalogDeps) {}

  /**
   * ACTIVE products matching the filter: one keyset page and, as `options` ask, the total over
   * all pages and the page's categories (joined, so the page stays one statement).
   */
  async search(args: QueryProductsArgs, options: SearchOptions): Promise<SearchResult> {
    const first = parseInput(pageSize, args.first, 'first');
    const sort = parseInput(productSort, args.sort ?? 'NEWEST', 'sort');
    const filter = parseInput(productFilter, args.filter ?? {}, 'filter');
    const after = args.after == null ? null : readProductCursor(sort, args.after, 'after');

    const countParams: unknown[] = [];
    const countWhere = matching(filter, countParams).join(' AND ');
    const params: unknown[] = [];
    const where = matching(filter, params);
    if (after) where.push(keysetAfter(sort, bind(params, after.key), bind(params, after.id)));
    const categoryColumns = options.withCategories ? `, ${PRODUCT_CATEGORY_COLUMNS}` : '';
    const categoryJoin = options.withCategories ? WITH_PRODUCT_CATEGORIES : '';
    const [total, joined] = await Promise.all([
      options.withTotal ? this.count(countWhere, countParams) : 0,
      readRows<ProductRow & Partial<ProductCategoryColumns>>(
        this.deps.dataSource,
        `SELECT ${PRODUCT_COLUMNS}, ${sortKeyColumn(sort)}${categoryColumns}
           FROM ${PRODUCTS_WITH_VENDOR_NAMES} ${categoryJoin}
          WHERE ${where.join(' AND ')}
          ORDER BY ${keysetOrder(sort)}
          LIMIT ${bind(params, first + 1)}`,
        params,
      ),
    ]);
    const categories = new Map<string, Category | null>();
    const nodeOf = (row: ProductRow & Partial<ProductCategoryColumns>): ProductView => {
      if (!options.withCategories) return productOf(row);
      const { product, category } = splitCategory(
        row as ProductRow & ProductCategoryColumns,
        categories,
      );
      if (product.categoryId !== null) categories.set(product.categoryId, category);
      return product;
    };
    const page = connectionFrom(joined, first, total, (row) => productCursor(sort, row), nodeOf);
    return { page, categories };
  }

  private async count(where: string, params: unknown[]): Promise<number> {
    const [{ total }] = await readRows<{ total: number }>(
      this.deps.dataSource,
      `SELECT count(*)::int AS total FROM products p WHERE ${where}`,
      params,
    );
    return total;
  }

  /** Validates `User.products` arguments into a loader key. */
  vendorPageKey(vendorId: string, args: UserProductsArgs): VendorPageKey {
    const first = parseInput(pageSize, args.first, 'first');
    const after = args.after == null ? null : readProductCursor('NEWEST', args.after, 'after');
    return { vendorId, first, after };
  }

  /**
   * Newest-first pages of several vendors' products in one statement (the DataLoader's batch):
   * each key's page and total come from a LATERAL join over the keys. `viewerId` sees every
   * status of its own products; everyone else sees ACTIVE ones only.
   */
  async vendorPages(
    keys: readonly VendorPageKey[],
    viewerId: string | null,
  ): Promise<Connection<ProductView>[]> {
    // A malformed id in an entity reference matches nothing; keep it out of the uuid[] cast.
    const valid = keys.filter((key) => isId(key.vendorId));
    if (!valid.length) return keys.map(() => EMPTY);
    const visible = `p.vendor_id = k.vendor_id AND (p.status = 'ACTIVE' OR p.vendor_id = $5::uuid)`;
    const rows = await readRows<ProductRow & { ord: number; total: number }>(
      this.deps.dataSource,
      `SELECT k.ord::int AS ord, t.total, page.*
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::uuid[])
              WITH ORDINALITY AS k(vendor_id, lim, after_key, after_id, ord)
        CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM products p WHERE ${visible}) t
         LEFT JOIN LATERAL (
               SELECT ${PRODUCT_COLUMNS}, ${sortKeyColumn('NEWEST')}
                 FROM ${PRODUCTS_WITH_VENDOR_NAMES}
                WHERE ${visible}
                  AND (k.after_id IS NULL OR ${keysetAfter('NEWEST', 'k.after_key', 'k.after_id')})
                ORDER BY ${keysetOrder('NEWEST')}
                LIMIT k.lim
              ) page ON true
        ORDER BY k.ord, page."createdAt" DESC, page.id DESC`,
      [
        valid.map((key) => key.vendorId),
        valid.map((key) => key.first + 1),
        valid.map((key) => key.after?.key ?? null),
        valid.map((key) => key.after?.id ?? null),
        viewerId,
      ],
    );
    const pages = new Map<VendorPageKey, Connection<ProductView>>();
    valid.forEach((key, index) => {
      const group = rows.filter((row) => row.ord === index + 1);
      const products = group
        .filter((row) => row.id !== null)
        .map(({ ord: _ord, total: _total, ...row }) => row);
      const total = group[0]?.total ?? 0;
      pages.set(
        key,
        connectionFrom(
          products,
          key.first,
          total,
          (row) => productCursor('NEWEST', row),
          productOf,
        ),
      );
    });
    return keys.map((key) => pages.get(key) ?? EMPTY);
  }
}

/** The public listing's conditions; values are appended to `params`. */
function matching(filter: ProductFilter, params: unknown[]): string[] {
  const where = [`p.status = 'ACTIVE'`];
  if (filter.categoryId) {
    // The category and all its descendants; UNION (not ALL) stops at any accidental cycle.
    where.push(`p.category_id IN (
      WITH RECURSIVE tree(id) AS (
        SELECT id FROM categories WHERE id = ${bind(params, filter.categoryId)}::uuid
        UNION
        SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id
      )
      SELECT id FROM tree)`);
  }
  if (filter.vendorId) where.push(`p.vendor_id = ${bind(params, filter.vendorId)}::uuid`);
  if (filter.minPrice != null) where.push(`p.price_amount >= ${bind(params, filter.minPrice)}`);
  if (filter.maxPrice != null) where.push(`p.price_amount <= ${bind(params, filter.maxPrice)}`);
  if (filter.search) {
    where.push(`p.search @@ websearch_to_tsquery('simple', ${bind(params, filter.search)})`);
  }
  return where;
}

/** Adds a value to the statement's parameters and returns its placeholder. */
function bind(params: unknown[], value: unknown): string {
  return `$${params.push(value)}`;
}
