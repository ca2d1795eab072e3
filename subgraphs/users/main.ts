// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import { createAccessTokenSigner } from '../../lib/auth/access-token';
import type { Env } from '../../lib/config/parse-env';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { startPoller } from '../../lib/process/poller';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { usersConfigFromEnv, type UsersConfig } from './config';
import { createUsersContext } from './context';
import { usersDatabase } from './database';
import { usersPermissions } from './permissions';
import { usersResolvers } from './resolvers';
import { AbuseLimits } from './services/abuse-limits';
import { createUsersServices } from './services/users-services';

/** Expired rate-limit counters are only clutter (the limiter ignores them): a sweep now and then is plenty. */
const RATE_LIMIT_PRUNING_INTERVAL_MS = 5 * 60_000;

/** Starts the users subgraph: database, NATS, outbox relay, GraphQL. */
export async function start(config: UsersConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, usersDatabase);
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
