import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from '../generated/resolvers-types';

/** One entry of an order's history: a status change, or a note such as a late refund. */
@Entity('order_status_changes')
export class OrderStatusChange {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Column('text', { name: 'from_status', nullable: true })
  from: OrderStatus | null;

  @Column('text', { name: 'to_status' })
  to: OrderStatus;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz')
  at: Date;
}
