import type { DataSource } from 'typeorm';
import { outboxBacklog } from '../events/outbox';
import type { ReadinessCheck } from '../http/health';

/**
 * Not in lib/http/health.ts, which the gateway loads too: the outbox brings TypeORM into a
 * process that has no database (with the dev mailbox's parser, ~11 MB of the gateway's RSS).
 *
 * Fails while an unpublished outbox row is older than `maxAgeSeconds`: the service still commits
 * changes, but their events are not going out (relay stuck, NATS refusing), so the saga behind
 * them has stopped. An orchestrator then stops routing to it and an alert fires.
 */
export const outboxAgeCheck = (dataSource: DataSource, maxAgeSeconds: number): ReadinessCheck => ({
  name: 'outbox',
  check: async () => {
    const backlog = await outboxBacklog(dataSource);
    if (backlog.oldestAgeSeconds > maxAgeSeconds) {
      throw new Error(
        `${backlog.rows} unpublished events, the oldest ${Math.round(backlog.oldestAgeSeconds)} s old (limit ${maxAgeSeconds} s)`,
      );
    }
  },
});
