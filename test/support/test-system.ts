import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Env } from '../../lib/config/parse-env';
import { dropDatabase } from '../../lib/db/database';
import type { EventCatalogue, EventType } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { DATABASES } from '../../launcher/databases';
import { startSystem, type RunningSystem } from '../../launcher/system';
import { newEnvelope, publishEnvelope, testLogger } from './event-streams';
import { graphql, type RequestOptions } from './graphql-client';
import { serviceSql, testDatabaseUrl } from './service-sql';
import { SmtpSink } from './smtp-sink';
import { TEST_NATS_URL, testEnv, uniquePrefix } from './test-env';

export interface TestSystem {
  prefix: string;
  /** The environment the system was started with (ports 0, its DATA_DIR and keys, ...). */
  env: Env;
  system: RunningSystem;
  smtp: SmtpSink;
  /** Sends an operation to the gateway. */
  query<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): ReturnType<typeof graphql<Data>>;
  /** Runs SQL against one service's database. */
  sql<Row = Record<string, any>>(service: string, text: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Publishes an event on this system's subjects as its producer would (for events whose
   * producer is not built or not under test, e.g. `order.placed`). Resolves with the event id.
   */
  publish<T extends EventType>(type: T, data: EventCatalogue[T]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system through the same launcher as `npm start`, with fresh databases, its
 * own subject prefix and an SMTP sink. `stop` removes every trace of it.
 */
export async function startTestSystem(overrides: Env = {}): Promise<TestSystem> {
  const prefix = uniquePrefix();
  const smtp = new SmtpSink();
  await smtp.start();
  const env = testEnv(prefix, { SMTP_URL: smtp.url, ...overrides });
  const system = await startSystem(env).catch(async (error: unknown) => {
    await smtp.stop();
    throw error;
  });
  const database = serviceSql(prefix);
  let bus: Promise<EventBus> | null = null;
  return {
    prefix,
    env,
    system,
    smtp,
    query: (query, variables, options) => graphql(system.gatewayUrl, query, variables, options),
    sql: database.sql,
    publish: async (type, data) => {
      bus ??= connectEventBus({
        url: TEST_NATS_URL,
        prefix,
        name: 'test',
        logger: testLogger(),
      });
      const envelope = newEnvelope(type, data);
      await publishEnvelope(await bus, envelope);
      return envelope.id;
    },
    stop: async () => {
      await (await bus)?.close();
      await system.stop();
      await smtp.stop();
      await database.end();
      await Promise.all(
        Object.keys(DATABASES).map((service) => dropDatabase(testDatabaseUrl(prefix, service))),
      );
      await deleteStreams(prefix);
    },
  };
}

/** Removes a test run's JetStream streams (and with them its consumers). */
export async function deleteStreams(prefix: string): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    await Promise.all(
      names
        .filter((name) => name.startsWith(`${prefix.toUpperCase()}_`))
        .map((name) => jsm.streams.delete(name)),
    );
  } finally {
    await nc.close();
  }
}
