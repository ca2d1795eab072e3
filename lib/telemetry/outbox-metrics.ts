import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { outboxBacklog, type OutboxBacklog } from '../events/outbox';

/**
 * `bazaar_outbox_backlog` and `bazaar_outbox_oldest_unpublished_age_seconds`, read from the
 * database at each scrape (one query for both).
 */
export function registerOutboxMetrics(registry: Registry, dataSource: DataSource): void {
  let reading: Promise<OutboxBacklog> | null = null;
  // Both gauges are collected in the same scrape: share one query between them.
  // A failed read (database down) keeps the last values; the scrape itself must not fail.
  const read = () => {
    reading ??= outboxBacklog(dataSource).finally(() => setImmediate(() => (reading = null)));
    return reading.catch(() => null);
  };
  new Gauge({
    name: 'bazaar_outbox_backlog',
    help: 'Outbox rows not yet published to NATS',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.rows);
    },
  });
  new Gauge({
    name: 'bazaar_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when none)',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.oldestAgeSeconds);
    },
  });
}
