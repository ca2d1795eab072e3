import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ProductStatus } from '../generated/resolvers-types';

/**
 * A vendor's product. The table also has a generated `search` tsvector (name and description)
 * that only SQL reads, so it is not mapped here.
 */
@Entity('products')
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The owning vendor, a user of the users subgraph (no foreign key across databases). */
  @Column('uuid', { name: 'vendor_id' })
  vendorId: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('uuid', { name: 'category_id', nullable: true })
  categoryId: string | null;

  /** Integer minor units (cents) of `priceCurrency`. */
  @Column('integer', { name: 'price_amount' })
  priceAmount: number;

  /** ISO-4217, upper case. */
  @Column('text', { name: 'price_currency' })
  priceCurrency: string;

  @Column('text')
  status: ProductStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
