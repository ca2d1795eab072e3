import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One product in one warehouse. CHECK constraints keep 0 <= reserved <= on_hand. */
@Entity('stock_levels')
export class StockLevel {
  @PrimaryColumn('uuid', { name: 'product_id' })
  productId: string;

  @PrimaryColumn('uuid', { name: 'warehouse_id' })
  warehouseId: string;

  @Column('integer', { name: 'on_hand' })
  onHand: number;

  @Column('integer')
  reserved: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
