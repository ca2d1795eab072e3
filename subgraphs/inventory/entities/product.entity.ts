import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductSnapshot } from '../../../lib/events/catalogue';

/** What a new product's low-stock threshold is; the migration's column default says the same. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/**
 * Catalog's product as inventory knows it from `product.*` events (a read model), with the
 * low-stock settings inventory owns.
 */
@Entity('products')
export class Product {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId: string;

  @Column('text')
  name: string;

  @Column('text')
  status: ProductSnapshot['status'];

  /** When catalog produced the snapshot applied last; older snapshots are ignored. */
  @Column('timestamptz', { name: 'snapshot_at' })
  snapshotAt: Date;

  @Column('integer', { name: 'low_stock_threshold' })
  lowStockThreshold: number;

  /** True once `stock.low` went out for the current dip; false again when stock recovers. */
  @Column('boolean', { name: 'low_stock_alerted' })
  lowStockAlerted: boolean;
}
