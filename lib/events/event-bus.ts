import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { Logger } from '../logger';
import { Subjects } from './subjects';

/** A NATS connection with JetStream, scoped to one subject prefix. */
export interface EventBus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  subjects: Subjects;
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
}

/** How long JetStream remembers message ids to drop duplicates (outbox re-publishes). */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Connects and creates every stream idempotently. */
export async function connectEventBus(options: EventBusOptions): Promise<EventBus> {
  const nc = await connect({
    servers: options.url,
    name: options.name,
    maxReconnectAttempts: -1,
  });
  const jsm = await jetstreamManager(nc);
  const subjects = new Subjects(options.prefix);
  await ensureStreams(jsm, subjects, options.logger);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    subjects,
    close: async () => {
      if (!nc.isClosed()) await nc.drain();
    },
  };
}

async function ensureStreams(jsm: JetStreamManager, subjects: Subjects, logger: Logger) {
  for (const stream of subjects.allStreams()) {
    const name = subjects.stream(stream);
    const config = {
      name,
      subjects: subjects.streamSubjects(stream),
      storage: StorageType.File,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    };
    try {
      await jsm.streams.info(name);
      continue;
    } catch {
      // not found: create it below
    }
    try {
      await jsm.streams.add(config);
      logger.debug({ stream: name }, 'stream created');
    } catch (error) {
      // Another process created it first: fine as long as it now exists.
      await jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
}
