import type { EntityManager } from 'typeorm';
import type { ProductSnapshot } from '../../../lib/events/catalogue';

/**
 * Records catalog's view of a product. Each `product.*` type has its own consumer, so snapshots
 * can arrive out of order; the newest by `occurredAt` wins and older ones change nothing. The
 * low-stock settings are inventory's own and never touched here.
 */
export async function applyProductSnapshot(
  manager: EntityManager,
  snapshot: ProductSnapshot,
  occurredAt: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO products (id, vendor_id, name, status, snapshot_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE
       SET vendor_id = EXCLUDED.vendor_id, name = EXCLUDED.name, status = EXCLUDED.status,
           snapshot_at = EXCLUDED.snapshot_at
     WHERE products.snapshot_at < EXCLUDED.snapshot_at`,
    [snapshot.productId, snapshot.vendorId, snapshot.name, snapshot.status, occurredAt],
  );
}
