import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has processed; written in the same transaction as its effect. */
@Entity('inbox')
export class InboxEntry {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @PrimaryColumn('text')
  consumer: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
