import type { EntityManager } from 'typeorm';
import type { ProductSnapshot } from '../../../lib/events/catalogue';

/**
 * Records catalog's view of a product, with its price, so orders can be placed while catalog is
 * down. Snapshots can arrive out of order; the newest by `occurredAt` wins.
 */
export async function applyProductSnapshot(
  manager: EntityManager,
  snapshot: ProductSnapshot,
  occurredAt: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO products (id, vendor_id, name, status, price_amount, price_currency, snapshot_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE
       SET vendor_id = EXCLUDED.vendor_id, name = EXCLUDED.name, status = EXCLUDED.status,
           price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
           snapshot_at = EXCLUDED.snapshot_at
     WHERE products.snapshot_at < EXCLUDED.snapshot_at`,
    [
      snapshot.productId,
      snapshot.vendorId,
      snapshot.name,
      snapshot.status,
      snapshot.price.amount,
      snapshot.price.currency,
      occurredAt,
    ],
  );
}
