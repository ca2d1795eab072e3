import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StockMovementKind } from '../generated/resolvers-types';

/** One line of the stock ledger; see `stock-ledger.ts` for what each kind does to a level. */
@Entity('stock_movements')
export class StockMovement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order; movements of one transaction share `created_at`. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'warehouse_id' })
  warehouseId: string;

  /** The SDL's enum; the migrations' CHECK is the database's copy. */
  @Column('text')
  kind: StockMovementKind;

  @Column('integer')
  quantity: number;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'order_id', nullable: true })
  orderId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
