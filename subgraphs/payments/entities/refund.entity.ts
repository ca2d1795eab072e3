import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';
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

  @Column('text')
  status: RefundStatus;

  @Column('text')
  reason: RefundReason;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
