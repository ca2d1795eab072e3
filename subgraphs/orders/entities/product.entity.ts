import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductSnapshot } from '../../../lib/events/catalogue';

/** Catalog's product as orders knows it from `product.*` events (a read model). */
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

  @Column('integer', { name: 'price_amount' })
  priceAmount: number;

  @Column('text', { name: 'price_currency' })
  priceCurrency: string;

  /** When catalog produced the snapshot applied last; older snapshots are ignored. */
  @Column('timestamptz', { name: 'snapshot_at' })
  snapshotAt: Date;
}
