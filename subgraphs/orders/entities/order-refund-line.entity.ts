import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The units of one order line that one refund request returns. */
@Entity('order_refund_lines')
export class OrderRefundLine {
  @PrimaryColumn('uuid', { name: 'refund_id' })
  refundId: string;

  @PrimaryColumn('uuid', { name: 'item_id' })
  itemId: string;

  @Column('integer')
  quantity: number;

  @Column('bigint')
  amount: string;
}
