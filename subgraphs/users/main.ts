// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import { createAccessTokenSigner } from '../../lib/auth/access-token';
import type { Env } from '../../lib/config/parse-env';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { startPoller } from '../../lib/process/poller';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { usersConfigFromEnv, type UsersConfig } from './config';
import { createUsersContext } from './context';
import { OneTimeToken } from './entities/one-time-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { CreateUsers1763700000001 } from './migrations/1763700000001-create-users';
import { RateLimits1764400000000 } from './migrations/1764400000000-rate-limits';
import { usersPermissions } from './permissions';
import { usersResolvers } from './resolvers';
import { AbuseLimits } from './services/abuse-limits';
import { createUsersServices } from './services/users-services';

export const usersEntities = [User, RefreshToken, OneTimeToken, OutboxMessage, InboxEntry];
export const usersMigrations = [
  EventTables1763700000000,
  CreateUsers1763700000001,
  RateLimits1764400000000,
];

/** Expired rate-limit counters are only clutter (the limiter ignores them): a sweep now and then is plenty. */
const RATE_LIMIT_PRUNING_INTERVAL_MS = 5 * 60_000;

/** Starts the users subgraph: database, NATS, outbox relay, GraphQL. */
export async function start(config: UsersConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, {
    entities: usersEntities,
    migrations: usersMigrations,
  });
  const limits = new AbuseLimits(runtime.dataSource, config.abuseLimits);
  const services = createUsersServices({
    dataSource: runtime.dataSource,
    config,
    signAccessToken: await createAccessTokenSigner(config.signingKeys.privateKeyPem),
    publisher: runtime.relay,
    limits,
  });
  const server = await startSubgraphServer({
    name: 'users',
    resolvers: usersResolvers,
    permissions: usersPermissions,
    ...subgraphServerSettings(config),
    logger: runtime.logger,
    readiness: runtime.readiness,
    metrics: runtime.metrics,
    createContext: (base) => createUsersContext(base, services),
  });
  const pruning = startPoller({
    name: 'rate-limit-pruning',
    intervalMs: RATE_LIMIT_PRUNING_INTERVAL_MS,
    logger: runtime.logger,
    task: () => limits.pruneExpired(),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await pruning.stop();
      await runtime.close();
    },
  };
}

/** Entry point for running the users subgraph as its own process. */
export const startFromEnv = (env: Env) => start(usersConfigFromEnv(env));

if (require.main === module) runService('users', startFromEnv);
