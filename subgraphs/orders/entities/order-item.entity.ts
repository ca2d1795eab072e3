import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line of an order, with the product's name and price when it was placed. */
@Entity('order_items')
export class OrderItem {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Column('integer')
  position: number;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId: string;

  @Column('text', { name: 'product_name' })
  productName: string;

  @Column('integer', { name: 'unit_amount' })
  unitAmount: number;

  @Column('text')
  currency: string;

  @Column('integer')
  quantity: number;

  @Column('timestamptz', { name: 'fulfilled_at', nullable: true })
  fulfilledAt: Date | null;

  /** Units refunded by settled line refunds (pending ones are in `order_refunds`). */
  @Column('integer', { name: 'refunded_quantity', default: 0 })
  refundedQuantity: number;

  /** Money of those units, in minor units. */
  @Column('bigint', { name: 'refunded_amount', default: 0 })
  refundedAmount: string;

  /** Of the refunded units, those that went back into the warehouses. */
  @Column('integer', { name: 'restocked_quantity', default: 0 })
  restockedQuantity: number;
}
