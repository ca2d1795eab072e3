import { z } from 'zod';
import { BadUserInputError } from '../errors';
import { findUnsafeString } from './safe-strings';

/** The largest page any connection serves, so one request cannot ask for a whole table. */
export const MAX_PAGE_SIZE = 100;

/** A connection's `first` argument: 1 to {@link MAX_PAGE_SIZE}. */
export const pageSize = z
  .int('a whole number')
  .min(1, 'at least 1')
  .max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE}`);

/** A Relay connection page as resolvers return it. */
export interface Connection<Node> {
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * An opaque cursor for a keyset position (the sort key values and the id of the last row seen).
 * Clients must not parse it; base64url keeps it URL-safe.
 */
export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Reads a cursor back into the position `schema` describes (build it from `cursorKeys`, which
 * check each part as strictly as the SQL type it becomes). Anything else, including a cursor
 * from another listing or sort, is `BAD_USER_INPUT` on `field`, never a database error.
 */
export function decodeCursor<S extends z.ZodType>(
  schema: S,
  cursor: unknown,
  field: string,
): z.infer<S> {
  if (typeof cursor === 'string' && /^[\w-]{1,2048}$/.test(cursor)) {
    try {
      const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
      const result = schema.safeParse(position);
      // Whatever the schema says, no NUL or lone surrogate may travel on towards SQL.
      if (result.success && !findUnsafeString(position, field)) return result.data;
    } catch {
      // Not JSON: reported below like any other foreign cursor.
    }
  }
  throw new BadUserInputError(field, `${field}: not a cursor of this listing`);
}

/**
 * A page from rows fetched in order with one row more than `first`: that extra row only tells
 * that a next page exists.
 */
export function connectionFrom<Row, Node>(
  rows: readonly Row[],
  first: number,
  totalCount: number,
  cursorOf: (row: Row) => string,
  nodeOf: (row: Row) => Node,
): Connection<Node> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
