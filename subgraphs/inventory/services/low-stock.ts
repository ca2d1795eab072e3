import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '../../../lib/events/outbox';

interface ProductAvailability {
  id: string;
  vendorId: string;
  name: string;
  threshold: number;
  alerted: boolean;
  available: number;
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
  // Lock first and count in a later statement: the count then sees every change committed by
  // whoever held the lock before us, so two transactions cannot both miss (or both send) a crossing.
  // NO KEY UPDATE rather than UPDATE: a receipt into a new level holds a key-share lock on the
  // product (the foreign key) until it commits, and two of those taking FOR UPDATE would deadlock.
  await manager.query(
    'SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE',
    [ids],
  );
  const products: ProductAvailability[] = await manager.query(
    `SELECT p.id, p.vendor_id AS "vendorId", p.name, p.low_stock_threshold AS threshold,
            p.low_stock_alerted AS alerted,
            COALESCE(sum(sl.on_hand - sl.reserved) FILTER (WHERE w.active), 0)::int AS available
       FROM products p
       LEFT JOIN stock_levels sl ON sl.product_id = p.id
       LEFT JOIN warehouses w ON w.id = sl.warehouse_id
      WHERE p.id = ANY($1::uuid[])
      GROUP BY p.id`,
    [ids],
  );
  const flipped = products.filter((p) => p.available <= p.threshold !== p.alerted);
  if (flipped.length === 0) return;
  await manager.query(
    'UPDATE products SET low_stock_alerted = NOT low_stock_alerted WHERE id = ANY($1::uuid[])',
    [flipped.map((p) => p.id)],
  );
  for (const product of flipped.filter((p) => !p.alerted)) {
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
