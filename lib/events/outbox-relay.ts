import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { inPublishSpan, type TraceCarrier } from '../telemetry/event-tracing';
import { startPoller, type Poller } from '../process/poller';
import type { EventType } from './catalogue';
import { aggregateKey } from './envelope';
import type { EventBus } from './event-bus';
import { clientTransaction, isUuidLiteral } from './event-transaction';
import { prunePublishedOutbox } from './retention';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  bus: EventBus;
  logger: Logger;
  /** Milliseconds between polls when nobody kicks the relay (another replica's rows). Default 250. */
  intervalMs?: number;
  /** Rows claimed per transaction. Default 100. */
  batchSize?: number;
}

interface PendingRow {
  id: string;
  type: EventType;
  /** The event as published, plus the trace context it was written in (see outbox.ts). */
  envelope: { traceContext?: TraceCarrier; data?: unknown } & Record<string, unknown>;
}

/**
 * The transaction-scoped advisory lock one relay round of a database holds (advisory locks are per
 * database, so one constant serves every service). Without it, with `SKIP LOCKED` alone, a second
 * replica's relay would skip an order's event that the first holds and publish that order's next
 * event before it.
 */
export const RELAY_LOCK = 0x6f757462; // 'outb'

/**
 * Publishes outbox rows to JetStream and marks them sent. One round at a time per database
 * (`RELAY_LOCK`): any number of replicas run a relay, and a round finding another replica's round
 * in progress leaves the rows to it, so the outbox goes out in `seq` order. Rows are published
 * with `Nats-Msg-Id` = event id, so a crash after publish but before commit causes no duplicate.
 * A commit in this process kicks the relay; the poll is the fallback (rows of another replica that
 * stopped, a failed round). While running it also deletes rows published longer ago than the
 * bus's retention allows.
 *
 * A batch is published in waves and each wave's acks are awaited together. JetStream stores a
 * stream's messages in the order the server receives them, and one connection delivers in the
 * order sent, so publishes in flight together normally land in order; but a publish that fails
 * (timeout, reconnect) and is retried lands after the others. So only events of different
 * aggregates share a wave: wave n holds the n-th event of each order (product, user) in `seq`
 * order, and after a wave with a failure nothing later is published, so events of one aggregate
 * are never stored out of order.
 */
export class OutboxRelay {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private poller: Poller | null = null;
  private pruner: Poller | null = null;
  private stopping = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.intervalMs = options.intervalMs ?? 250;
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    if (this.poller) return;
    this.stopping = false;
    const { dataSource, bus, logger } = this.options;
    this.poller = startPoller({
      name: 'outbox-relay',
      intervalMs: this.intervalMs,
      logger,
      immediate: true,
      // A full batch: there may be more right behind it.
      task: async () => (await this.relayBatch()) === this.batchSize,
    });
    this.pruner = startPoller({
      name: 'outbox-retention',
      intervalMs: bus.retention.pruneIntervalMs,
      logger,
      task: async () => {
        const deleted = await prunePublishedOutbox(dataSource, bus.retention, () => !this.stopping);
        if (deleted) logger.debug({ deleted }, 'published outbox rows pruned');
      },
    });
  }

  /** Publishes now instead of at the next poll; call after committing an event. */
  kick(): void {
    this.poller?.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.poller?.stop(), this.pruner?.stop()]);
    this.poller = null;
    this.pruner = null;
  }

  /**
   * The final drain at shutdown, after {@link stop}: publishes the rows written before this call,
   * batch by batch, until none is left or `deadline` (epoch ms) has passed. Rows other replicas
   * keep writing meanwhile are theirs to publish, so the drain ends however busy they are; what
   * it leaves stays in the outbox for the next relay. Returns how many rows it sent.
   */
  async drainWrittenBefore(deadline: number): Promise<number> {
    const [{ last }]: Array<{ last: string | null }> = await this.options.dataSource.query(
      'SELECT max(seq) AS last FROM outbox WHERE published_at IS NULL',
    );
    let total = 0;
    while (last !== null && Date.now() < deadline) {
      const sent = await this.relayBatch(last);
      if (sent === 0) break;
      total += sent;
    }
    return total;
  }

  /**
   * Publishes one batch (of rows up to `upToSeq` when given); returns how many rows were sent.
   * When a publish failed, the rows sent before it are still marked, and then the failure is
   * thrown.
   */
  async relayBatch(upToSeq: string | null = null): Promise<number> {
    let failure: unknown = null;
    // Two round trips a round: the lock and the rows with BEGIN, the marks with COMMIT.
    const sent = await clientTransaction(
      this.options.dataSource,
      claimRowsSql(this.batchSize, upToSeq),
      async (_client, claimed) => {
        const rows = claimed as PendingRow[];
        const published: string[] = [];
        for (const wave of waves(rows)) {
          const results = await Promise.allSettled(wave.map((row) => this.publish(row)));
          results.forEach((result, index) => {
            if (result.status === 'fulfilled') published.push(wave[index].id);
            else failure ??= result.reason;
          });
          if (failure) break;
        }
        return { value: published.length, withCommit: markPublishedSql(published) };
      },
    );
    if (failure) throw failure;
    return sent;
  }

  private async publish(row: PendingRow): Promise<void> {
    const { bus } = this.options;
    const { traceContext, ...event } = row.envelope;
    const subject = bus.subjects.event(row.type);
    await inPublishSpan(subject, traceContext, (headers) =>
      bus.js.publish(subject, JSON.stringify(event), { msgID: row.id, headers }),
    );
  }
}

/**
 * The next rows to publish (up to `upToSeq` when given), locked, when this round holds
 * `RELAY_LOCK`; none when another replica's round does (it publishes them, in order). The lock is
 * taken once, before the scan: an uncorrelated sub-select is a one-time filter.
 */
function claimRowsSql(batchSize: number, upToSeq: string | null): string {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new Error('bad batch size');
  if (upToSeq !== null && !/^\d+$/.test(upToSeq)) throw new Error('bad outbox seq');
  return `WITH round AS (SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS relaying)
          SELECT id, type, envelope FROM outbox
           WHERE (SELECT relaying FROM round) AND published_at IS NULL
                 ${upToSeq === null ? '' : `AND seq <= ${upToSeq}`}
           ORDER BY seq
           LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED`;
}

/** Marks rows published (ids read from the outbox: UUIDs, so safe as literals); '' for none. */
function markPublishedSql(ids: readonly string[]): string {
  if (!ids.length) return '';
  if (!ids.every(isUuidLiteral)) throw new Error('not an outbox id');
  return `UPDATE outbox SET published_at = now() WHERE id = ANY('{${ids.join(',')}}'::uuid[])`;
}

/**
 * Splits rows (in `seq` order) into waves: the n-th wave holds the n-th row of each aggregate, so
 * no two rows of one aggregate are in flight at once and each follows the one before it.
 */
export function waves<R extends { envelope: { data?: unknown } }>(rows: R[]): R[][] {
  const result: R[][] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = aggregateKey(row.envelope.data);
    const index = key === null ? 0 : (seen.get(key) ?? 0);
    if (key !== null) seen.set(key, index + 1);
    (result[index] ??= []).push(row);
  }
  return result;
}
