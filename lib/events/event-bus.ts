import { connect, nanos, type Nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  StorageType,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { Logger } from '../logger';
import { addressOf, unreachable } from '../process/unreachable';
import { DEFAULT_EVENT_RETENTION, type EventRetention } from './retention';
import { Subjects } from './subjects';

/** A NATS connection with JetStream, scoped to one subject prefix. */
export interface EventBus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  subjects: Subjects;
  /** What the streams, the relay and the consumers on this bus keep, and for how long. */
  retention: EventRetention;
  /** Drains the connection: in-flight messages finish, then it closes. */
  close(): Promise<void>;
}

export interface EventBusOptions {
  url: string;
  /** Subject and stream prefix; required so that test runs and deployments stay apart. */
  prefix: string;
  /** Connection name shown in NATS monitoring, e.g. the service name. */
  name: string;
  logger: Logger;
  /** Default {@link DEFAULT_EVENT_RETENTION}. */
  retention?: EventRetention;
}

/** How long JetStream remembers message ids to drop duplicates (outbox re-publishes). */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

/**
 * Connects, creates every stream idempotently and gives existing streams the configured
 * `max_age`, so a change of retention applies at the next start.
 */
export async function connectEventBus(options: EventBusOptions): Promise<EventBus> {
  const retention = options.retention ?? DEFAULT_EVENT_RETENTION;
  const nc = await connectNats(options.url, options.name);
  const jsm = await jetstreamManager(nc);
  const subjects = new Subjects(options.prefix);
  await ensureStreams(jsm, subjects, nanos(retention.streamMaxAgeMs), options.logger);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    subjects,
    retention,
    close: async () => {
      if (!nc.isClosed()) await nc.drain();
    },
  };
}

/**
 * Connects to NATS, reconnecting for ever once connected. A server that cannot be reached at start
 * is a StartupError naming NATS_URL, the address and why, rather than a bare ECONNREFUSED.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name, maxReconnectAttempts: -1 });
  } catch (error) {
    throw unreachable('NATS_URL', 'NATS', addressOf(url, 4222), error);
  }
}

async function ensureStreams(
  jsm: JetStreamManager,
  subjects: Subjects,
  maxAge: Nanos,
  logger: Logger,
) {
  for (const stream of subjects.allStreams()) {
    const name = subjects.stream(stream);
    const existing = await streamConfig(jsm, name);
    if (existing) {
      if (existing.max_age !== maxAge) await updateMaxAge(jsm, name, maxAge, logger);
      continue;
    }
    try {
      await jsm.streams.add({
        name,
        subjects: subjects.streamSubjects(stream),
        storage: StorageType.File,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
        max_age: maxAge,
      });
      logger.debug({ stream: name }, 'stream created');
    } catch (error) {
      // Another process created it first: fine as long as it now exists, with our max_age.
      const created = await streamConfig(jsm, name);
      if (!created) throw error;
      if (created.max_age !== maxAge) await updateMaxAge(jsm, name, maxAge, logger);
    }
  }
}

/** The stream's configuration, or null when it does not exist. */
async function streamConfig(jsm: JetStreamManager, name: string): Promise<StreamConfig | null> {
  try {
    return (await jsm.streams.info(name)).config;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)
      return null;
    throw error;
  }
}

/**
 * Every service applies its own setting at start, so services configured differently would undo
 * each other's: `EVENT_STREAM_MAX_AGE_HOURS` is one value for the whole deployment.
 */
async function updateMaxAge(jsm: JetStreamManager, name: string, maxAge: Nanos, logger: Logger) {
  await jsm.streams.update(name, { max_age: maxAge });
  logger.info({ stream: name, maxAgeMs: maxAge / 1_000_000 }, 'stream max_age updated');
}
