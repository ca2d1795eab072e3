import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PaymentStatus } from '../generated/resolvers-types';

/** One order's payment: a checkout session, then its outcome. One per order. */
@Entity('payments')
export class Payment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  /** One of the SDL's `PaymentStatus`; the table's CHECK holds the same list. */
  @Column('text')
  status: PaymentStatus;

  @Column('integer')
  amount: number;

  @Column('text')
  currency: string;

  @Column('text', { name: 'checkout_session_id' })
  checkoutSessionId: string;

  @Column('text', { name: 'checkout_url', nullable: true })
  checkoutUrl: string | null;

  /** The SHA-256 of the token that opens a dev checkout page; null for Stripe sessions. */
  @Column('text', { name: 'checkout_token_hash', nullable: true })
  checkoutTokenHash: string | null;

  /** Set once money arrived; refunds go against it. */
  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
