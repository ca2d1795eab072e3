import type { DatabaseOptions } from '../../lib/db/database';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { Category } from './entities/category.entity';
import { Product } from './entities/product.entity';
import { CreateCatalog1763700000001 } from './migrations/1763700000001-create-catalog';

/**
 * The tables of the catalog subgraph: its entities and, in order, the migrations that create
 * them. What main.ts opens, `npm run migrate` migrates and the drift test compares.
 */
export const catalogDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [Product, Category, OutboxMessage, InboxEntry],
  migrations: [EventTables1763700000000, CreateCatalog1763700000001],
};
