import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '../../../lib/events/outbox';

interface Crossing {
  id: string;
  vendorId: string;
  name: string;
  threshold: number;
  /** The flag after the flip: true when the product just fell to its threshold. */
  alerted: boolean;
  available: number;
}

/**
 * The statement that locks the products whose ids are in parameter `param` (a uuid array), in id
 * order: the first half of {@link reviewLowStock}, for callers that run it as part of a statement
 * of their own (always after the stock levels they change). NO KEY UPDATE rather than UPDATE: a
 * receipt into a new level holds a key-share lock on the product (the foreign key) until it
 * commits, and two of those taking FOR UPDATE would deadlock.
 */
export function lockProductsSql(param: string): string {
  return `SELECT id, low_stock_threshold AS threshold, low_stock_alerted AS alerted
            FROM products WHERE id = ANY(${param}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
}

/** A product's low-stock settings as {@link lockProductsSql} returns them, under its lock. */
export interface LockedProduct {
  id: string;
  threshold: number;
  alerted: boolean;
}

/**
 * Which of the products a reservation just took stock from still need the exact review
 * ({@link reviewLockedLowStock}). `availableAfter` is each product's stock left, counted from
 * every active level the reservation locked. Those locks (and the share locks on the active
 * warehouses) mean a change the count cannot see could only add stock: a receipt into a level
 * created since, or a warehouse activated since. So a product counted above its threshold and not
 * alerted is above it for certain, and has nothing to flip; every other product is reviewed.
 */
export function productsToReview(
  products: readonly LockedProduct[],
  availableAfter: ReadonlyMap<string, number>,
): string[] {
  return products
    .filter((product) => {
      const available = availableAfter.get(product.id);
      return available === undefined || available <= product.threshold || product.alerted;
    })
    .map((product) => product.id);
}

/**
 * Publishes `stock.low` for each product whose available stock is now at or below its threshold
 * and was not before (once per crossing), and re-arms products that are above it again. Call it
 * in every transaction that changes availability, after the change.
 */
export async function reviewLowStock(
  manager: EntityManager,
  productIds: readonly string[],
  requestId?: string,
): Promise<void> {
  const ids = [...new Set(productIds)].sort();
  if (ids.length === 0) return;
  await manager.query(lockProductsSql('$1'), [ids]);
  await reviewLockedLowStock(manager, ids, requestId);
}

/**
 * The second half of {@link reviewLowStock}, for a transaction that already holds the products'
 * locks ({@link lockProductsSql}) from an earlier statement. Lock first and count in a later
 * statement: the count then sees every change committed by whoever held the lock before us, so
 * two transactions cannot both miss (or both send) a crossing. Counting and flipping are one
 * statement, so a review that finds nothing to flip costs one round trip.
 */
export async function reviewLockedLowStock(
  manager: EntityManager,
  productIds: readonly string[],
  requestId?: string,
): Promise<void> {
  if (productIds.length === 0) return;
  // TypeORM answers an UPDATE with [rows, affected].
  const [crossings]: [Crossing[], number] = await manager.query(
    `UPDATE products p SET low_stock_alerted = NOT p.low_stock_alerted
       FROM (SELECT p2.id,
                    COALESCE(sum(sl.on_hand - sl.reserved) FILTER (WHERE w.active), 0)::int
                      AS available
               FROM products p2
               LEFT JOIN stock_levels sl ON sl.product_id = p2.id
               LEFT JOIN warehouses w ON w.id = sl.warehouse_id
              WHERE p2.id = ANY($1::uuid[])
              GROUP BY p2.id) a
      WHERE p.id = a.id AND (a.available <= p.low_stock_threshold) <> p.low_stock_alerted
      RETURNING p.id, p.vendor_id AS "vendorId", p.name, p.low_stock_threshold AS threshold,
                p.low_stock_alerted AS alerted, a.available`,
    [[...productIds]],
  );
  const fallen = crossings
    .filter((crossing) => crossing.alerted)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const product of fallen) {
    await enqueueEvent(
      manager,
      'stock.low',
      {
        productId: product.id,
        vendorId: product.vendorId,
        productName: product.name,
        available: product.available,
        threshold: product.threshold,
      },
      requestId,
    );
  }
}
