import type { DatabaseOptions } from '../../lib/db/database';
import { OneTimeToken } from './entities/one-time-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { CreateUsers1763700000001 } from './migrations/1763700000001-create-users';
import { RateLimits1764400000000 } from './migrations/1764400000000-rate-limits';

/**
 * The tables of the users subgraph: its entities and, in order, the migrations that create
 * them; the service runtime adds the outbox and inbox (`withEventTables`). What main.ts opens,
 * `npm run migrate` migrates and the drift test compares.
 */
export const usersDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [User, RefreshToken, OneTimeToken],
  migrations: [CreateUsers1763700000001, RateLimits1764400000000],
};
