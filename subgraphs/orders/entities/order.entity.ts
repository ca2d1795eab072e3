import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from '../generated/resolvers-types';

export interface ShortLineRecord {
  productId: string;
  requested: number;
  available: number;
}

/** An order's header; its lines are {@link OrderItem}s, its history {@link OrderStatusChange}s. */
@Entity('orders')
export class Order {
  @PrimaryColumn('uuid')
  id: string;

  /** Insertion order: the keyset of every order listing. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text')
  status: OrderStatus;

  @Column('bigint', { name: 'total_amount' })
  totalAmount: number;

  @Column('text')
  currency: string;

  @Column('jsonb', { name: 'short_lines' })
  shortLines: ShortLineRecord[];

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
