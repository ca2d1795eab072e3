import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { safeErrorMessage, type Logger } from '../logger';
import type { ConsumerMetrics } from '../telemetry/consumer-metrics';
import { inConsumeSpan } from '../telemetry/event-tracing';
import { startPoller } from '../process/poller';
import { streamOf, type EventEnvelope, type EventType } from './catalogue';
import { aggregateKey, parseEvent, type ParsedEvent } from './envelope';
import type { EventBus } from './event-bus';
import { isUuidLiteral, runEventTransaction } from './event-transaction';
import { KeyedQueue } from './keyed-queue';
import type { Publisher } from './outbox';
import { pruneInbox } from './retention';

/** How a failing event is retried before it is parked on the dead-letter subject. */
export interface RetryPolicy {
  /** Deliveries before giving up. Default 5. */
  maxDeliver: number;
  /** Delay before the first redelivery, doubled each time. Default 1000 ms. */
  baseDelayMs: number;
  /** Upper bound of the delay. Default 60000 ms. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxDeliver: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** Handles one event inside the transaction that also records it in the inbox. */
export type EventHandler<T extends EventType> = (
  event: EventEnvelope<T>,
  manager: EntityManager,
) => Promise<void>;

export interface ConsumerOptions<T extends EventType> {
  bus: EventBus;
  dataSource: DataSource;
  logger: Logger;
  /** Durable name, unique per consuming service and purpose, e.g. `mailer`. */
  name: string;
  type: T;
  handle: EventHandler<T>;
  /**
   * Which events of `type` the handler acts on; the rest are acked without a transaction or an
   * inbox row (they have no effect to make exactly once). Default: every event.
   */
  only?: EventFilter<T>;
  retry?: Partial<RetryPolicy>;
  /** Woken after a handled event commits, so events the handler enqueued go out at once. */
  publisher?: Publisher;
  /** Where this consumer's lag and dead letters are reported (`/metrics`). */
  metrics?: ConsumerMetrics;
  /**
   * Events handled at once, each in its own transaction. Events of one aggregate (one order, one
   * product: see `aggregateKey`) are still handled one after another in stream order. Default
   * {@link DEFAULT_CONCURRENCY}.
   */
  concurrency?: number;
}

/** Whether the handler acts on an event (see `ConsumerOptions.only`). */
export type EventFilter<T extends EventType> = (event: EventEnvelope<T>) => boolean;

/**
 * Events handled at once by one consumer unless it says otherwise. A handler mostly waits on
 * PostgreSQL (a few round trips and a commit), so a consumer that handles few at once leaves its
 * stream backing up: at 4, checkout's events waited 1–10 s in JetStream for inventory's
 * `order.placed` consumer (bench/events-checkout.ts). Events of one aggregate stay in order
 * whatever the number; the pool (see `openDatabase`) bounds how many transactions really run.
 */
export const DEFAULT_CONCURRENCY = 16;

export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * Starts a durable pull consumer for one event type. Each event is checked against the catalogue
 * first: one that is unreadable, of an unknown version or does not match its schema is parked on
 * the dead-letter subject with the reason and settled at once (a retry could never fix it). A
 * valid event is processed at most once per consumer: its id goes into the inbox in the same
 * transaction as the handler's writes. A failure is redelivered with backoff; after `maxDeliver`
 * attempts the event goes to the dead-letter subject and is terminated. Events of different
 * aggregates are handled concurrently (`concurrency`), those of one aggregate in order. While running it also deletes its inbox rows older than the bus's
 * retention (every consumer of the same name prunes the same rows; `SKIP LOCKED` keeps them from
 * waiting on each other, and a round with nothing due is one short scan).
 */
export async function startConsumer<T extends EventType>(
  options: ConsumerOptions<T>,
): Promise<RunningConsumer> {
  const { bus, logger } = options;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const stream = bus.subjects.stream(streamOf(options.type));
  const durable = `${options.name}_${options.type.replace(/\./g, '_')}`;
  await bus.jsm.consumers.add(stream, {
    durable_name: durable,
    filter_subject: bus.subjects.event(options.type),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(30_000),
    // One more than ours, so the last attempt is still delivered for us to dead-letter it.
    max_deliver: retry.maxDeliver + 1,
  });
  options.metrics?.track(stream, durable);
  const consumer = await bus.js.consumers.get(stream, durable);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const messages: ConsumerMessages = await consumer.consume({
    max_messages: Math.max(20, 2 * concurrency),
  });
  const queue = new KeyedQueue(concurrency);
  const log = logger.child({ consumer: durable });
  let stopping = false;
  const pruner = startPoller({
    name: `${durable}-inbox-retention`,
    intervalMs: bus.retention.pruneIntervalMs,
    logger: log,
    task: async () => {
      const deleted = await pruneInbox(
        options.dataSource,
        options.name,
        bus.retention,
        () => !stopping,
      );
      if (deleted) log.debug({ deleted }, 'inbox rows pruned');
    },
  });

  const loop = (async () => {
    for await (const msg of messages) {
      const parsed = parseEvent(msg.data, options.type);
      const key = parsed.ok ? aggregateKey(parsed.event.data) : null;
      await queue.push(key, async () => {
        try {
          await inConsumeSpan(msg.subject, durable, msg.headers, () =>
            processMessage(msg, parsed, options, retry, log),
          );
        } catch (error) {
          // Dead-lettering itself failed (NATS unreachable): leave the message unacked so
          // JetStream redelivers it after ack_wait, and keep consuming.
          log.error({ err: error, seq: msg.seq }, 'could not settle event; it will be redelivered');
        }
      });
    }
    await queue.idle();
  })();

  return {
    stop: async () => {
      stopping = true;
      await messages.close();
      await Promise.all([loop, pruner.stop()]);
    },
  };
}

async function processMessage<T extends EventType>(
  msg: JsMsg,
  parsed: ParsedEvent<T>,
  options: ConsumerOptions<T>,
  retry: RetryPolicy,
  log: Logger,
): Promise<void> {
  if (!parsed.ok) {
    log.error({ seq: msg.seq, reason: parsed.reason }, 'invalid event; dead-lettered');
    await deadLetter(msg, options, parsed.reason);
    return;
  }
  const event: EventEnvelope<T> = parsed.event;
  if (options.only && !options.only(event)) {
    msg.ack();
    return;
  }
  try {
    await runEventTransaction(
      options.dataSource,
      async (manager, claimed) => {
        if (claimed.length === 0) return; // seen before: no second effect
        await options.handle(event, manager);
      },
      { withBegin: inboxClaimSql(event.id, options.name) },
    );
    options.publisher?.kick();
    msg.ack();
  } catch (error) {
    const attempt = msg.info.deliveryCount;
    if (attempt >= retry.maxDeliver) {
      log.error({ err: error, eventId: event.id, attempt }, 'event failed for good; dead-lettered');
      // The reason is stored in the dead-letter stream: no SQL values in it, as in the logs.
      await deadLetter(msg, options, safeErrorMessage(error));
      return;
    }
    const delay = Math.min(retry.baseDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
    log.warn(
      { err: error, eventId: event.id, attempt, retryInMs: delay },
      'event failed; will retry',
    );
    msg.nak(delay);
  }
}

/**
 * Records the event in the consumer's inbox, returning its id when it was new. Sent with BEGIN,
 * so as literals: the id passed the envelope's GUID check (and is checked again here), the name
 * is escaped.
 */
function inboxClaimSql(eventId: string, consumer: string): string {
  if (!isUuidLiteral(eventId)) throw new Error('event id is not a UUID');
  return `INSERT INTO inbox (event_id, consumer) VALUES ('${eventId}', ${escapeLiteral(consumer)})
          ON CONFLICT DO NOTHING RETURNING event_id`;
}

async function deadLetter<T extends EventType>(
  msg: JsMsg,
  options: ConsumerOptions<T>,
  reason: string,
): Promise<void> {
  const { bus } = options;
  await bus.js.publish(bus.subjects.deadLetter(options.name), msg.data, {
    headers: deadLetterHeaders(msg, reason),
  });
  // No reason on the term: nats-server 2.9 ignores `+TERM <reason>` and would redeliver. The
  // reason travels in the dead letter's header instead.
  msg.term();
  options.metrics?.deadLettered(options.name);
}

function deadLetterHeaders(msg: JsMsg, reason: string) {
  const result = natsHeaders();
  result.set('Bazaar-Dead-Letter-Reason', reason.slice(0, 500));
  result.set('Bazaar-Original-Subject', msg.subject);
  return result;
}

/** Starts one durable consumer of a service: the event type and its handler. */
export type StartConsumer = <T extends EventType>(
  type: T,
  handle: EventHandler<T>,
  only?: EventFilter<T>,
) => Promise<RunningConsumer>;

/** Binds a service's bus, database, logger, relay and consumer name, leaving type and handler. */
export function consumerStarter(
  base: Omit<ConsumerOptions<EventType>, 'type' | 'handle' | 'only'>,
): StartConsumer {
  return (type, handle, only) => startConsumer({ ...base, type, handle, only });
}
