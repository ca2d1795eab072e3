import type { DatabaseOptions } from '../db/database';
import { EventTables1763700000000 } from './event-tables.migration';
import { InboxEntry } from './inbox-entry.entity';
import { OutboxMessage } from './outbox-message.entity';

type Schema = Pick<DatabaseOptions, 'entities' | 'migrations'>;

/**
 * A service's tables plus the outbox and inbox every service with events needs (their migration
 * first). The service runtime applies it, so a service lists only its own tables; lists that
 * already name the event tables are returned unchanged in meaning.
 */
export function withEventTables(schema: Schema): Schema {
  const entities = schema.entities as unknown[];
  const migrations = schema.migrations as unknown[];
  return {
    entities: [
      ...entities,
      ...[OutboxMessage, InboxEntry].filter((entity) => !entities.includes(entity)),
    ] as Schema['entities'],
    migrations: [
      EventTables1763700000000,
      ...migrations.filter((migration) => migration !== EventTables1763700000000),
    ] as Schema['migrations'],
  };
}
