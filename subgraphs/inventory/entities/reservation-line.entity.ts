import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Stock held for an order in one warehouse (an order line may be split over several). */
@Entity('reservation_lines')
export class ReservationLine {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @PrimaryColumn('uuid', { name: 'product_id' })
  productId: string;

  @PrimaryColumn('uuid', { name: 'warehouse_id' })
  warehouseId: string;

  @Column('integer')
  quantity: number;

  /** Units of this line put back on the shelf after the sale (cancellation or return). */
  @Column('integer', { default: 0 })
  restocked: number;
}
