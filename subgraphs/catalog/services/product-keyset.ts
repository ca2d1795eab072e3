import { z } from 'zod';
import { cursorKeys } from '../../../lib/graphql/cursor-keys';
import { decodeCursor, encodeCursor } from '../../../lib/graphql/pagination';
import type { Product } from '../entities/product.entity';
import type { ProductSort } from '../generated/resolvers-types';
import { MAX_PRICE } from '../validation';

/**
 * Keyset pagination of products. A cursor holds the sort key and id of the last row of a page;
 * the next page starts strictly after that pair, so rows inserted or removed elsewhere never
 * shift a page (no duplicates, no gaps), unlike OFFSET.
 */

interface SortSpec {
  /** The SQL expression rows are ordered by, then by id in the same direction. */
  orderBy: string;
  /** The same key as the cursor carries it. */
  keyOut: string;
  /** The SQL type the cursor's key is cast back to. */
  keyType: 'timestamptz' | 'integer' | 'text';
  descending: boolean;
  key: z.ZodType<string | number>;
}

const byPrice = {
  orderBy: 'p.price_amount',
  keyOut: 'p.price_amount',
  keyType: 'integer',
} as const;
const priceKey = z.int().min(0).max(MAX_PRICE);

const SORTS: Record<ProductSort, SortSpec> = {
  NEWEST: {
    orderBy: 'p.created_at',
    // Microseconds, as stored: a JavaScript Date keeps milliseconds only and would skip rows.
    keyOut: `to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    keyType: 'timestamptz',
    descending: true,
    key: cursorKeys.timestamp,
  },
  PRICE_ASC: { ...byPrice, descending: false, key: priceKey },
  PRICE_DESC: { ...byPrice, descending: true, key: priceKey },
  NAME_ASC: {
    orderBy: 'lower(p.name)',
    keyOut: 'lower(p.name)',
    keyType: 'text',
    descending: false,
    key: cursorKeys.text,
  },
};

/** A product as catalog answers with it: with its vendor's display name, null while unknown. */
export type ProductView = Product & { vendorName: string | null };

/**
 * The columns of a {@link ProductView} under its property names, so raw rows are products; read
 * them from {@link PRODUCTS_WITH_VENDOR_NAMES}.
 */
export const PRODUCT_COLUMNS = `p.id, p.vendor_id AS "vendorId", p.name, p.description,
  p.category_id AS "categoryId", p.price_amount AS "priceAmount",
  p.price_currency AS "priceCurrency", p.status, p.created_at AS "createdAt",
  p.updated_at AS "updatedAt", vn.display_name AS "vendorName"`;

/**
 * Products with their vendors' names (services/user-names.ts), for a FROM clause: a primary-key
 * lookup per row in the same statement, so a page costs no statement more.
 */
export const PRODUCTS_WITH_VENDOR_NAMES =
  'products p LEFT JOIN user_names vn ON vn.user_id = p.vendor_id';

/** A product row as a listing reads it: with its sort key for the cursor. */
export type ProductRow = ProductView & { sortKey: string | number };

/** Where a page starts: strictly after this key and id. */
export interface KeysetPosition {
  key: string | number;
  id: string;
}

/** The select-list entry that yields `sortKey`. */
export function sortKeyColumn(sort: ProductSort): string {
  return `${SORTS[sort].keyOut} AS "sortKey"`;
}

export function keysetOrder(sort: ProductSort): string {
  const direction = SORTS[sort].descending ? 'DESC' : 'ASC';
  return `${SORTS[sort].orderBy} ${direction}, p.id ${direction}`;
}

/** The condition for rows after the position held in the SQL expressions `key` and `rowId`. */
export function keysetAfter(sort: ProductSort, key: string, rowId: string): string {
  const spec = SORTS[sort];
  return `(${spec.orderBy}, p.id) ${spec.descending ? '<' : '>'} (${key}::${spec.keyType}, ${rowId}::uuid)`;
}

/** The sort name travels in the cursor, so a cursor of another sort is refused, not misread. */
export function productCursor(sort: ProductSort, row: ProductRow): string {
  return encodeCursor([sort, row.sortKey, row.id]);
}

export function readProductCursor(
  sort: ProductSort,
  cursor: unknown,
  field: string,
): KeysetPosition {
  const [, key, rowId] = decodeCursor(
    z.tuple([z.literal(sort), SORTS[sort].key, cursorKeys.id]),
    cursor,
    field,
  );
  return { key, id: rowId };
}

/** A row without its sort key: the product itself. */
export function productOf({ sortKey: _sortKey, ...product }: ProductRow): ProductView {
  return product;
}
