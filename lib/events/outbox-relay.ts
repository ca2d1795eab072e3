import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { inPublishSpan, type TraceCarrier } from '../telemetry/event-tracing';
import { startPoller, type Poller } from '../process/poller';
import type { EventBus } from './event-bus';
import { prunePublishedOutbox } from './retention';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  bus: EventBus;
  logger: Logger;
  /** Milliseconds between polls when idle. Default 250. */
  intervalMs?: number;
  /** Rows claimed per transaction. Default 100. */
  batchSize?: number;
}

interface PendingRow {
  id: string;
  type: string;
  /** The event as published, plus the trace context it was written in (see outbox.ts). */
  envelope: { traceContext?: TraceCarrier } & Record<string, unknown>;
}

/**
 * Publishes outbox rows to JetStream and marks them sent. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so any number of replicas can relay side by side, and published
 * with `Nats-Msg-Id` = event id, so a crash after publish but before commit causes no duplicate.
 * While running it also deletes rows published longer ago than the bus's retention allows.
 */
export class OutboxRelay {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private pruner: Poller | null = null;

  constructor(private readonly options: OutboxRelayOptions) {
    this.intervalMs = options.intervalMs ?? 250;
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
    const { dataSource, bus, logger } = this.options;
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
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.kick();
    await Promise.all([this.loop, this.pruner?.stop()]);
    this.loop = null;
    this.pruner = null;
  }

  /** Publishes one batch; returns how many rows were sent. */
  async relayBatch(): Promise<number> {
    const { dataSource, bus } = this.options;
    return dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT id, type, envelope FROM outbox
          WHERE published_at IS NULL
          ORDER BY seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      for (const row of rows) {
        const { traceContext, ...event } = row.envelope;
        const subject = bus.subjects.event(row.type as never);
        await inPublishSpan(subject, traceContext, (headers) =>
          bus.js.publish(subject, JSON.stringify(event), { msgID: row.id, headers }),
        );
      }
      if (rows.length) {
        await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [
          rows.map((row) => row.id),
        ]);
      }
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let published = 0;
      try {
        published = await this.relayBatch();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbox relay failed; will retry');
      }
      if (published < this.batchSize && !this.stopping) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.intervalMs);
      this.wake = done;
    });
  }
}
