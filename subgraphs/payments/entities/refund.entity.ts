import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';
export type RefundReason = 'ORDER_CANCELLED' | 'LATE_PAYMENT';

@Entity('refunds')
export class Refund {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  @Column('text', { name: 'stripe_refund_id' })
  stripeRefundId: string;

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
