import type { DatabaseOptions } from '../lib/db/database';
import { withEventTables } from '../lib/events/event-tables';
import { catalogDatabase } from '../subgraphs/catalog/database';
import { inventoryDatabase } from '../subgraphs/inventory/database';
import { ordersDatabase } from '../subgraphs/orders/database';
import { paymentsDatabase } from '../subgraphs/payments/database';
import { usersDatabase } from '../subgraphs/users/database';
import { mailerDatabase } from '../workers/mailer/database';

/**
 * Every service's database, by service name (each service's own `database.ts`, plus the outbox and
 * inbox the service runtime adds to each): what
 * `npm run migrate` migrates, the test systems create and drop, and the drift test compares with
 * the entities. Only the modules' lists, never a `main.ts`, so reading it starts nothing.
 */
export const DATABASES: Record<string, Pick<DatabaseOptions, 'entities' | 'migrations'>> = {
  users: withEventTables(usersDatabase),
  catalog: withEventTables(catalogDatabase),
  inventory: withEventTables(inventoryDatabase),
  orders: withEventTables(ordersDatabase),
  payments: withEventTables(paymentsDatabase),
  mailer: withEventTables(mailerDatabase),
};
