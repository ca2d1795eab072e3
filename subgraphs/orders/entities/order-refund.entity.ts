import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderRefundStatus } from '../generated/resolvers-types';

/**
 * One `refundOrderLines` request. PENDING holds its units against the lines until payments
 * answers; SUCCEEDED moved them into the lines' refunded counts; FAILED gave them back.
 */
@Entity('order_refunds')
export class OrderRefund {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;

  @Column('text')
  reason: string;

  @Column('boolean')
  restock: boolean;

  @Column('bigint')
  amount: string;

  @Column('text')
  currency: string;

  @Column('text')
  status: OrderRefundStatus;

  /** Stripe's refund id once the money went back. */
  @Column('text', { name: 'provider_refund_id', nullable: true })
  providerRefundId: string | null;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Column('timestamptz', { name: 'settled_at', nullable: true })
  settledAt: Date | null;
}
