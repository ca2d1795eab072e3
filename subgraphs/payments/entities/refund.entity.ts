import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { RefundStatus } from '../generated/resolvers-types';

/** Not an SDL enum: `Refund.reason` is a string, so a new reason is no breaking change. */
export type RefundReason = 'ORDER_CANCELLED' | 'LATE_PAYMENT' | 'LINES_REFUNDED';

@Entity('refunds')
export class Refund {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  /** Null when Stripe refused the refund outright. */
  @Column('text', { name: 'stripe_refund_id', nullable: true })
  stripeRefundId: string | null;

  /** LINES_REFUNDED: the orders' refund request this answers (one refund per request). */
  @Column('uuid', { name: 'order_refund_id', nullable: true, unique: true })
  orderRefundId: string | null;

  /** Why Stripe refused or failed it. */
  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('integer')
  amount: number;

  @Column('text')
  currency: string;

  /** One of the SDL's `RefundStatus`; the table's CHECK holds the same list. */
  @Column('text')
  status: RefundStatus;

  @Column('text')
  reason: RefundReason;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
