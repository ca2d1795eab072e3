import type { DataSource } from 'typeorm';

/**
 * Deletes `email_deliveries` rows last touched more than `retentionMs` ago, `batchSize` at a time
 * (each batch its own statement, picked with `FOR UPDATE SKIP LOCKED` so replicas pruning at once
 * never wait on each other), until a batch comes back short or `keepGoing` says stop. The ledger
 * holds addresses and subjects, so like the outbox and inbox it is not kept for ever; a row is
 * only needed while its event may still be retried, which stops long before the shortest
 * retention allowed (a day). Resolves with the number deleted.
 */
export async function pruneEmailDeliveries(
  dataSource: DataSource,
  retentionMs: number,
  batchSize: number,
  keepGoing: () => boolean = () => true,
): Promise<number> {
  let total = 0;
  for (;;) {
    const [, deleted]: [unknown[], number] = await dataSource.query(
      `DELETE FROM email_deliveries WHERE id IN (
         SELECT id FROM email_deliveries
          WHERE updated_at < now() - $1::double precision * interval '1 millisecond'
          LIMIT $2
            FOR UPDATE SKIP LOCKED)`,
      [retentionMs, batchSize],
    );
    total += deleted;
    if (deleted < batchSize || !keepGoing()) return total;
  }
}
