import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where one email of one event stands: `sending` is committed before the SMTP call, `sent` right
 * after the server accepted it, `failed` when it refused or could not be reached. A row still
 * `sending` on a retry means an attempt stopped in between, so the email may have gone out.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'failed';

/** The delivery ledger: one row per (event, recipient, kind of email). */
@Entity('email_deliveries')
export class EmailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('text')
  recipient: string;

  /** Which email of the event, e.g. `order-status` or `vendor-new-order`. */
  @Column('text')
  kind: string;

  @Column('text')
  subject: string;

  @Column('text')
  status: DeliveryStatus;

  /** Chosen before the first attempt and kept, so a repeated send carries the same Message-ID. */
  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  @Column('integer')
  attempts: number;

  /** Why the last attempt failed (no address or content in it). */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** When the SMTP server accepted the email; null until then. */
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
