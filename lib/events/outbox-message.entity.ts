import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from './catalogue';

/**
 * An event waiting to be published; written in the same transaction as the change it reports.
 * The table's `seq` (publishing order) and its index are the database's business: see
 * event-tables.migration.ts.
 */
@Entity('outbox')
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  type: string;

  @Column('jsonb')
  envelope: EventEnvelope;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
