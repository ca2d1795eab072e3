import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '../../lib/db/database';
import { startServiceProcess } from '../support/service-processes';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import { sessionsWaitingOnLocks } from '../support/databases';

describe('a process that cannot stop within SHUTDOWN_TIMEOUT_MS', () => {
  const prefix = uniquePrefix();
  const database = new URL(TEST_DATABASE_URL);
  database.pathname = `/${prefix}_catalog`;
  afterAll(async () => {
    await dropDatabase(database.toString());
    await deleteStreams(prefix);
  });

  it('exits with status 1 at the deadline, naming what had not stopped', async () => {
    const catalog = await startServiceProcess('catalog', 'subgraphs/catalog/main.ts', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_PREFIX: prefix,
      NATS_URL: TEST_NATS_URL,
      EVENT_PREFIX: prefix,
      SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
      CATALOG_PORT: '0',
      SHUTDOWN_TIMEOUT_MS: '1500',
    });
    // The outbox relay's next poll waits behind this lock, so the relay cannot stop.
    const blocker = new Client({ connectionString: database.toString() });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE');
      await waitFor(
        async () => (await sessionsWaitingOnLocks(blocker)) > 0,
        'the relay to wait on the outbox',
      );
      const signalledAt = Date.now();
      const exit = await catalog.stop('SIGTERM');
      const elapsed = Date.now() - signalledAt;
      expect(exit.code).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(1500);
      expect(elapsed).toBeLessThan(6000);
      expect(exit.stderr).toContain(
        'catalog: unclean shutdown: did not stop within 1500 ms (SHUTDOWN_TIMEOUT_MS); still stopping: catalog: outbox relay',
      );
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  }, 90_000);
});
