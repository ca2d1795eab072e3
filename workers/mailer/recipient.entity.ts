import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The mailer's own read model of who can be written to, kept from `user.*` events, so events
 * that name only a user id (a vendor's low stock, a customer's order) can still be mailed.
 */
@Entity('recipients')
export class Recipient {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Which customer an order belongs to, for payment events that name only the order. */
@Entity('order_customers')
export class OrderCustomer {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;
}
