import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '../../lib/db/database';
import { openServiceRuntime, type ServiceRuntime } from '../../lib/process/service-runtime';
import { catalogConfigFromEnv } from '../../subgraphs/catalog/config';
import { catalogDatabase } from '../../subgraphs/catalog/database';
import { testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';

/** Far more than the relay's share of a default shutdown (7.5 s): the old drain ran this long. */
const WRITER_LIMIT_MS = 30_000;

describe("the relay's final drain while other replicas keep writing", () => {
  const prefix = uniquePrefix();
  const config = catalogConfigFromEnv(testEnv(prefix));
  let runtime: ServiceRuntime;
  let writer: Client;
  beforeAll(async () => {
    runtime = await openServiceRuntime(config, catalogDatabase);
    writer = new Client({ connectionString: config.databaseUrl });
    await writer.connect();
  });
  afterAll(async () => {
    await writer.end();
    await dropDatabase(config.databaseUrl);
    await deleteStreams(prefix);
  });

  /** Other replicas writing 100 events at a time, faster than one relay publishes them. */
  async function writeUntil(stop: () => boolean): Promise<void> {
    const startedAt = Date.now();
    while (!stop() && Date.now() - startedAt < WRITER_LIMIT_MS) {
      await writer.query(
        `INSERT INTO outbox (id, type, envelope)
         SELECT gen_random_uuid(), 'product.updated',
                jsonb_build_object('id', gen_random_uuid(), 'type', 'product.updated',
                                   'version', 1, 'data', jsonb_build_object('productId', $1::text))
           FROM generate_series(1, 100)`,
        [randomUUID()],
      );
    }
  }

  it('ends in its share of the budget and leaves the rows written after it began in the outbox', async () => {
    let closed = false;
    const writing = writeUntil(() => closed);
    await waitFor(
      async () => Number((await writer.query('SELECT count(*) AS n FROM outbox')).rows[0].n) > 200,
      'the other replica to have written',
    );
    const closingAt = Date.now();
    await runtime.close();
    const elapsed = Date.now() - closingAt;
    closed = true;
    await writing;

    // 7.5 s is the relay's share of the default budget; one batch may end just after it.
    expect(elapsed).toBeLessThan(9000);
    const rows = (
      await writer.query<{ seq: string; published: boolean }>(
        'SELECT seq, published_at IS NOT NULL AS published FROM outbox ORDER BY seq',
      )
    ).rows;
    const published = rows.filter((row) => row.published).map((row) => BigInt(row.seq));
    const waiting = rows.filter((row) => !row.published).map((row) => BigInt(row.seq));
    expect(published.length).toBeGreaterThan(0);
    // Nothing lost: what the drain did not publish is still there, after everything it did.
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((seq) => published.every((sent) => sent < seq))).toBe(true);
  }, 60_000);
});
