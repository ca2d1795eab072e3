import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { BorrowedQueryRunner } from './borrowed-query-runner';
import { poolOf } from '../db/database';

/** An outbox row waiting for its transaction's COMMIT (see {@link deferOutboxRow}). */
export interface DeferredOutboxRow {
  id: string;
  type: string;
  /** The row's `envelope` column, as JSON text. */
  envelope: string;
}

export interface EventTransactionOptions {
  /**
   * A statement sent with `BEGIN` in one round trip, its rows handed to `work` (the consumer's
   * inbox claim); plain text, see {@link clientTransaction}. Default none.
   */
  withBegin?: string;
}

/**
 * Runs `work` in one transaction on a pool client of its own, with an EntityManager bound to
 * that client, and writes the outbox rows it enqueued with the COMMIT. Every event of every
 * service passes through one of these, and round trips to PostgreSQL are most of a handler's
 * CPU (each is a socket write and a read, and pg's and TypeORM's work around them): a TypeORM
 * transaction spends four on its own (START TRANSACTION, the outbox INSERT, COMMIT and, for a
 * consumer, the inbox INSERT), this spends two (`BEGIN` with `withBegin`, the outbox rows with
 * `COMMIT`). The EntityManager is TypeORM's own over a query runner that borrows the client and
 * knows it is in a transaction, so handlers use it as before.
 *
 * On any failure the transaction is rolled back and the error rethrown; a client whose rollback
 * failed too (a broken connection) is destroyed instead of going back to the pool.
 */
export async function runEventTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager, firstRows: unknown[]) => Promise<T>,
  options: EventTransactionOptions = {},
): Promise<T> {
  return clientTransaction(dataSource, options.withBegin, async (client, firstRows) => {
    const runner = new BorrowedQueryRunner(dataSource, client);
    const deferred: DeferredOutboxRow[] = [];
    pendingRows.set(runner, deferred);
    try {
      const value = await work(runner.manager, firstRows);
      return { value, withCommit: outboxInsertSql(deferred) };
    } finally {
      runner.isReleased = true;
      pendingRows.delete(runner);
    }
  });
}

/**
 * BEGIN (with `withBegin` in the same round trip), `work` on the client, then the statement
 * `work` asks for with the COMMIT, again in one round trip; ROLLBACK on any failure. A client
 * whose rollback failed too (a broken connection) is destroyed instead of going back to the pool.
 * Statements sent with BEGIN or COMMIT are plain text (the simple query protocol is what lets
 * two statements share a round trip): every value in them must be a checked literal.
 */
export async function clientTransaction<T>(
  dataSource: DataSource,
  withBegin: string | undefined,
  work: (client: PoolClient, firstRows: unknown[]) => Promise<{ value: T; withCommit: string }>,
): Promise<T> {
  const client = await poolOf(dataSource).connect();
  let broken: Error | undefined;
  // A checked-out client has no listener of the pool's: without one, a connection that dies
  // mid-transaction would be an unhandled 'error' event. Its statements fail anyway.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    const begun = await runOn(dataSource, client, withBegin ? `BEGIN; ${withBegin}` : 'BEGIN');
    const firstRows = withBegin ? lastOf(begun).rows : [];
    const { value, withCommit } = await work(client, firstRows);
    const committed = await runOn(
      dataSource,
      client,
      withCommit ? `${withCommit}; COMMIT` : 'COMMIT',
    );
    // PostgreSQL answers COMMIT of a transaction that an error aborted with ROLLBACK.
    if (lastOf(committed).command !== 'COMMIT') throw new Error('transaction was rolled back');
    return value;
  } catch (error) {
    await runOn(dataSource, client, 'ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * Queues an outbox row for the COMMIT of the transaction `manager` belongs to, when that is a
 * {@link runEventTransaction}; false otherwise (a plain TypeORM transaction), and the caller
 * inserts the row itself. Rows keep the order they were enqueued in, and get their `seq` while
 * the transaction still holds its locks, as an immediate INSERT would.
 */
export function deferOutboxRow(manager: EntityManager, row: DeferredOutboxRow): boolean {
  const rows = manager.queryRunner ? pendingRows.get(manager.queryRunner) : undefined;
  if (!rows) return false;
  if (manager.queryRunner!.isReleased)
    throw new Error('event enqueued after its transaction ended');
  rows.push(row);
  return true;
}

const pendingRows = new WeakMap<QueryRunner, DeferredOutboxRow[]>();

/**
 * The deferred rows as one INSERT (empty when there are none). Values are literals: the ids are
 * our own `randomUUID`s and the types catalogue names, both checked here, and the JSON goes
 * through pg's `escapeLiteral`.
 */
function outboxInsertSql(rows: readonly DeferredOutboxRow[]): string {
  if (!rows.length) return '';
  const values = rows.map((row) => {
    if (!UUID.test(row.id) || !EVENT_TYPE.test(row.type)) {
      throw new Error(`not an outbox row: ${row.id} ${row.type}`);
    }
    return `('${row.id}', '${row.type}', ${escapeLiteral(row.envelope)})`;
  });
  return `INSERT INTO outbox (id, type, envelope) VALUES ${values.join(', ')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[a-z_]+(\.[a-z_]+)+$/;

/** Whether `id` can stand in SQL as `'<id>'` (a UUID in its text form). */
export function isUuidLiteral(id: string): boolean {
  return UUID.test(id);
}

function lastOf(result: QueryResult | QueryResult[]): QueryResult {
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/** A statement on `client`, counted like TypeORM's (request-statements.ts). */
export function runOn(
  dataSource: DataSource,
  client: PoolClient,
  sql: string,
  parameters?: unknown[],
): Promise<QueryResult | QueryResult[]> {
  dataSource.logger.logQuery(sql, parameters);
  // pg answers a string of several statements with one result each.
  return client.query(sql, parameters) as Promise<QueryResult | QueryResult[]>;
}
