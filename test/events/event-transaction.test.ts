import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import type { EventEnvelope } from '../../lib/events/catalogue';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { runEventTransaction } from '../../lib/events/event-transaction';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { enqueueEvent } from '../../lib/events/outbox';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { testLogger } from '../support/event-streams';
import { TEST_DATABASE_URL, uniquePrefix } from '../support/test-env';

/** Text a SQL literal could trip on, as a user could write it. */
const AWKWARD_TEXT = [
  "O'Brien",
  "Robert'); DROP TABLE outbox; --",
  'back\\slash \\x41 and \\u0000-ish',
  'quotes "double" and \'single\'',
  'ünïcödé ✓ 𝄞 and a\nnewline',
];

describe('event transaction (outbox rows written with the commit)', () => {
  const prefix = uniquePrefix();
  const databaseUrl = serviceDatabaseUrl('eventtx', {}, TEST_DATABASE_URL, prefix);
  const logger = testLogger();
  let dataSource: DataSource;

  const effects = async (): Promise<number> =>
    Number((await dataSource.query('SELECT count(*) AS n FROM effects'))[0].n);
  const outbox = async (): Promise<Array<{ id: string; envelope: EventEnvelope }>> =>
    dataSource.query('SELECT id, envelope FROM outbox ORDER BY seq');
  const emailVerified = (manager: EntityManager, n: number, email = `${n}@example.test`) =>
    enqueueEvent(manager, 'user.email_verified', {
      userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      email,
    });

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl,
      entities: [InboxEntry, OutboxMessage],
      migrations: [EventTables1763700000000],
      logger,
      // Small, so a client that a failed transaction kept from the pool would soon be missed.
      poolSize: 2,
    });
    await dataSource.query('CREATE TABLE effects (id serial PRIMARY KEY, note text NOT NULL)');
  });

  afterEach(async () => {
    await dataSource.query('DELETE FROM effects');
    await dataSource.query('DELETE FROM outbox');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
  });

  it('writes the enqueued events with the commit, in the order they were enqueued, byte for byte', async () => {
    const enqueued = await runEventTransaction(dataSource, async (manager) => {
      await manager.query('INSERT INTO effects (note) VALUES ($1)', ['the change']);
      const events: EventEnvelope[] = [];
      for (const [n, text] of AWKWARD_TEXT.entries()) {
        events.push(await emailVerified(manager, n, text));
      }
      // Not written yet: they go with the COMMIT.
      expect(await manager.query('SELECT 1 FROM outbox')).toEqual([]);
      return events;
    });

    const rows = await outbox();
    expect(rows.map((row) => row.id)).toEqual(enqueued.map((event) => event.id));
    expect(rows.map((row) => row.envelope)).toEqual(JSON.parse(JSON.stringify(enqueued)));
    expect(await effects()).toBe(1);
  });

  it('writes neither the change nor its events when the work fails, and the client goes back to the pool', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(
        runEventTransaction(dataSource, async (manager) => {
          await manager.query('INSERT INTO effects (note) VALUES ($1)', ['rolled back']);
          await emailVerified(manager, attempt);
          throw new Error('the change failed after its event was enqueued');
        }),
      ).rejects.toThrow('the change failed');
    }

    expect(await effects()).toBe(0);
    expect(await outbox()).toEqual([]);
    // Five failures on a pool of two: each client was released, so this still gets one.
    await runEventTransaction(dataSource, (manager) => emailVerified(manager, 9));
    expect(await outbox()).toHaveLength(1);
  });

  it('refuses to commit a transaction that a failed statement aborted, even when the work caught the error', async () => {
    await expect(
      runEventTransaction(dataSource, async (manager) => {
        await manager.query('INSERT INTO effects (note) VALUES ($1)', ['before the error']);
        await manager.query('INSERT INTO effects (note) VALUES (NULL)').catch(() => undefined);
      }),
    ).rejects.toThrow('rolled back');

    expect(await effects()).toBe(0);
  });

  it('writes nothing when an aborted transaction had enqueued events', async () => {
    await expect(
      runEventTransaction(dataSource, async (manager) => {
        await emailVerified(manager, 1);
        await manager.query('SELECT 1 / 0').catch(() => undefined);
      }),
    ).rejects.toThrow();

    expect(await outbox()).toEqual([]);
  });

  it('refuses a nested transaction, whose rollback could not take its events back', async () => {
    await expect(
      runEventTransaction(dataSource, (manager) =>
        manager.transaction((inner) => emailVerified(inner, 1)),
      ),
    ).rejects.toThrow('nested transactions are not supported');

    expect(await outbox()).toEqual([]);
  });

  it('refuses an event enqueued after the transaction ended', async () => {
    let kept: EntityManager | undefined;
    await runEventTransaction(dataSource, async (manager) => {
      kept = manager;
    });

    await expect(emailVerified(kept!, 1)).rejects.toThrow();
    expect(await outbox()).toEqual([]);
  });

  it('fails the transaction, not the process, when its connection dies, and never reuses that connection', async () => {
    await expect(
      runEventTransaction(dataSource, async (manager) => {
        await emailVerified(manager, 1);
        const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
        await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
        await manager.query('SELECT 1');
      }),
    ).rejects.toThrow();

    expect(await outbox()).toEqual([]);
    await runEventTransaction(dataSource, (manager) => emailVerified(manager, 2));
    expect(await outbox()).toHaveLength(1);
  });

  it('prepares each statement with parameters once per connection, with TypeORM-shaped results and errors', async () => {
    const transaction = runEventTransaction(dataSource, async (manager) => {
      expect(await manager.query('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
      expect(await manager.query('SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
      const prepared = await manager.query(
        'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1',
        ['SELECT $1::int + 1 AS n'],
      );
      expect(prepared).toEqual([{ n: 1 }]);
      await manager.query('INSERT INTO effects (note) VALUES ($1), ($1)', ['a']);
      expect(await manager.query('UPDATE effects SET note = $1 RETURNING note', ['b'])).toEqual([
        [{ note: 'b' }, { note: 'b' }],
        2,
      ]);
      const failed = await manager
        .query('INSERT INTO effects (note) VALUES ($1)', [null])
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(QueryFailedError);
      expect((failed as QueryFailedError<Error & { code: string }>).driverError.code).toBe('23502');
    });

    // The failed INSERT aborted it: nothing is committed.
    await expect(transaction).rejects.toThrow('transaction was rolled back');

    expect(await effects()).toBe(0);
  });

  it('hands the work the rows of the statement sent with BEGIN', async () => {
    const claimed = await runEventTransaction(dataSource, async (_manager, rows) => rows, {
      withBegin: "SELECT 'claimed' AS outcome",
    });

    expect(claimed).toEqual([{ outcome: 'claimed' }]);
  });
});
