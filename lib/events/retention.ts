import type { DataSource } from 'typeorm';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long the event machinery keeps what it no longer needs: published outbox rows, inbox rows
 * and stream messages. Events carry personal data and, for `user.*` events to the mailer,
 * one-time tokens in plaintext, so nothing is kept for ever.
 */
export interface EventRetention {
  /**
   * A published outbox row is deleted this long after it was published. An unpublished row is
   * never deleted, however old. Default 24 h: shorter than the 48 h a verification token lives,
   * so the outbox is not where a valid token lingers longest.
   */
  publishedOutboxMs: number;
  /**
   * An inbox row (an event id a consumer has handled) is deleted this long after it was handled.
   * Always the streams' max_age plus {@link INBOX_MARGIN_MS}: JetStream may deliver a message
   * again for as long as the stream keeps it (a redelivery, a consumer reset or recreated), and
   * the inbox row is what stops a second effect. Handling comes after publishing, so a row kept
   * longer than the stream's max_age after handling outlives every copy stored before it. (A later
   * copy needs the relay to crash between publishing and marking the row, then stay down past the
   * 10-minute duplicate window; that copy is delivered, and dropped by the inbox, when it returns.)
   */
  inboxMs: number;
  /** JetStream discards a message this long after it was stored, in every stream. Default 7 days. */
  streamMaxAgeMs: number;
  /** Time between pruning rounds of each relay and consumer. Default 10 minutes. */
  pruneIntervalMs: number;
  /** Rows deleted per statement, so a backlog never becomes one long, locking delete. Default 1000. */
  pruneBatchSize: number;
}

/** Slack between the streams' max_age and the inbox's retention, for clock skew and late handling. */
export const INBOX_MARGIN_MS = DAY_MS;

/** A retention whose inbox outlives the streams by {@link INBOX_MARGIN_MS}, as it must. */
export function eventRetention(settings: Omit<EventRetention, 'inboxMs'>): EventRetention {
  return { ...settings, inboxMs: settings.streamMaxAgeMs + INBOX_MARGIN_MS };
}

/** 24 h of published outbox rows, 7 days of stream messages, 8 days of inbox rows. */
export const DEFAULT_EVENT_RETENTION: EventRetention = eventRetention({
  publishedOutboxMs: 24 * HOUR_MS,
  streamMaxAgeMs: 7 * DAY_MS,
  pruneIntervalMs: 10 * 60_000,
  pruneBatchSize: 1000,
});

/** TypeORM answers a DELETE on PostgreSQL with the returned rows and the affected count. */
type DeleteResult = [unknown[], number];

/**
 * Runs `deleteBatch` until a batch deletes fewer than `batchSize` rows or `keepGoing` says stop;
 * each batch is its own statement and transaction. Resolves with the rows deleted.
 */
async function deleteInBatches(
  deleteBatch: () => Promise<DeleteResult>,
  batchSize: number,
  keepGoing: () => boolean,
): Promise<number> {
  let total = 0;
  for (;;) {
    const [, deleted] = await deleteBatch();
    total += deleted;
    if (deleted < batchSize || !keepGoing()) return total;
  }
}

/*
 * Both deletes pick their batch with `FOR UPDATE SKIP LOCKED`, so replicas (and the several
 * consumers of one service) pruning at the same moment never wait on each other's rows. Neither
 * table has an index on its timestamp: pruning keeps each table to about one retention period of
 * rows, and a scan of that every few minutes costs less than an index updated on every event.
 */

/**
 * Deletes outbox rows published more than `retention.publishedOutboxMs` ago, in batches.
 * Unpublished rows are never touched. Resolves with the number deleted.
 */
export function prunePublishedOutbox(
  dataSource: DataSource,
  retention: EventRetention,
  keepGoing: () => boolean = () => true,
): Promise<number> {
  return deleteInBatches(
    () =>
      dataSource.query(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox
            WHERE published_at < now() - $1::double precision * interval '1 millisecond'
            LIMIT $2
              FOR UPDATE SKIP LOCKED)`,
        [retention.publishedOutboxMs, retention.pruneBatchSize],
      ),
    retention.pruneBatchSize,
    keepGoing,
  );
}

/**
 * Deletes one consumer's inbox rows handled more than `retention.inboxMs` ago, in batches.
 * Resolves with the number deleted.
 */
export function pruneInbox(
  dataSource: DataSource,
  consumer: string,
  retention: EventRetention,
  keepGoing: () => boolean = () => true,
): Promise<number> {
  return deleteInBatches(
    () =>
      dataSource.query(
        `DELETE FROM inbox WHERE (event_id, consumer) IN (
           SELECT event_id, consumer FROM inbox
            WHERE consumer = $1 AND processed_at < now() - $2::double precision * interval '1 millisecond'
            LIMIT $3
              FOR UPDATE SKIP LOCKED)`,
        [consumer, retention.inboxMs, retention.pruneBatchSize],
      ),
    retention.pruneBatchSize,
    keepGoing,
  );
}
