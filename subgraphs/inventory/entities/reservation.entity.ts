import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What inventory did about one order. RESERVED is the only state that holds stock; every other
 * state is final, which is what makes the order and payment handlers idempotent.
 */
export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED' | 'EXPIRED' | 'SOLD';

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
