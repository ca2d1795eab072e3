import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What inventory did about one order. RESERVED and LAPSED (past its expiry, waiting for orders
 * to say whether the order was paid in time) hold stock; SOLD holds sold units that a
 * cancellation or a return may restock (RESTOCKED once every unit is back). The rest are final,
 * which is what makes the order handlers idempotent.
 */
export type ReservationStatus =
  'RESERVED' | 'LAPSED' | 'REJECTED' | 'RELEASED' | 'EXPIRED' | 'SOLD' | 'RESTOCKED';

@Entity('reservations')
export class Reservation {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @Column('text')
  status: ReservationStatus;

  /** When the hold ends: the sweeper releases a RESERVED order's stock after it. */
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
