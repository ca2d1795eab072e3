import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The sent-log: one row per email delivered to the SMTP server, with the event that caused it. */
@Entity('sent_emails')
export class SentEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('text')
  recipient: string;

  @Column('text')
  subject: string;

  /** The SMTP server's message id. */
  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
