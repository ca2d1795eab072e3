import type { DatabaseOptions } from '../../lib/db/database';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { OneTimeToken } from './entities/one-time-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { CreateUsers1763700000001 } from './migrations/1763700000001-create-users';
import { RateLimits1764400000000 } from './migrations/1764400000000-rate-limits';

/**
 * The tables of the users subgraph: its entities and, in order, the migrations that create
 * them. What main.ts opens, `npm run migrate` migrates and the drift test compares.
 */
export const usersDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [User, RefreshToken, OneTimeToken, OutboxMessage, InboxEntry],
  migrations: [EventTables1763700000000, CreateUsers1763700000001, RateLimits1764400000000],
};
