import { Client, type Pool } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Logger } from '../logger';
import { addressOf, unreachable } from '../process/unreachable';
import { RequestStatementCounter } from './request-statements';

/** How long the first connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The variable that names the database server. A service's own `<SERVICE>_DATABASE_URL`, when
 * set, points at the same kind of server; the message says DATABASE_URL for both.
 */
const DATABASE_VARIABLE = 'DATABASE_URL';

/** Connects, or throws a StartupError naming DATABASE_URL, the address and why. */
async function connectOrExplain(client: Client, url: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw unreachable(DATABASE_VARIABLE, 'PostgreSQL', addressOf(url, 5432), error);
  }
}

/** Checks that the server at `url` answers a login (the launcher, before it starts anything). */
export async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await connectOrExplain(client, url);
  await client.end();
}

/** Creates the database named in `url` when it does not exist yet (safe to race with replicas). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  await connectOrExplain(client, url);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // 42P04 duplicate_database / 23505: another process created it between our check and create.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

/** Drops a database (tests clean up after themselves). */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface DatabaseOptions {
  /** The service's own database URL; the database is created when missing. */
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  logger: Logger;
  /**
   * Pool size. Default 20: a service's consumers handle up to 16 events at once each (see
   * `DEFAULT_CONCURRENCY`) beside its requests and relay. Kept well below that sum because every
   * replica and test system shares PostgreSQL's connection limit; under checkout load a handler
   * waits ~40 ms (p50) for a connection, a fraction of its transaction.
   */
  poolSize?: number;
}

/** Any constant works as long as every service uses the same one for its migrations. */
const MIGRATION_LOCK_KEY = 7_318_245;

/**
 * Opens the service's DataSource and runs its migrations under an advisory lock, so replicas
 * starting together migrate once.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTransactionMode: 'each',
    poolSize: options.poolSize ?? 20,
    // Statements are counted (not logged) per request; see request-statements.ts.
    logging: ['query'],
    logger: new RequestStatementCounter(new URL(options.url).pathname.slice(1)),
  });
  await dataSource.initialize();
  // The advisory lock belongs to one session, so hold it on one dedicated connection.
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations();
      if (applied.length) {
        options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
      }
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await lockRunner.release();
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * One read statement (`SELECT`) straight on the data source's connection pool: the rows, as
 * `DataSource.query` returns them. TypeORM's way takes a query runner per statement (made,
 * connected, broadcast to, released), a share of a small entity fetch's CPU that a read needs
 * none of. The statement is still counted (request-statements.ts); an error is pg's own, which
 * the logger's serializer cuts down like TypeORM's.
 */
export async function readRows<Row>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
): Promise<Row[]> {
  dataSource.logger.logQuery(sql, parameters);
  return (await poolOf(dataSource).query(sql, parameters)).rows as Row[];
}

/**
 * The pg pool under a TypeORM DataSource: TypeORM's PostgreSQL driver keeps it as `master`, an
 * internal it has kept since 0.2 (re-check on a TypeORM upgrade; `readRows` and the event
 * transactions fail at once, in every test, if it moves).
 */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** Postgres error codes Bazaar reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_CHECK_VIOLATION = '23514';

/** The constraint behind a unique violation, or undefined when `error` is something else. */
export function uniqueViolation(error: unknown): string | undefined {
  return violatedConstraint(error, PG_UNIQUE_VIOLATION);
}

/** The CHECK constraint a statement broke, or undefined when `error` is something else. */
export function checkViolation(error: unknown): string | undefined {
  return violatedConstraint(error, PG_CHECK_VIOLATION);
}

function violatedConstraint(error: unknown, code: string): string | undefined {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  const source = driverError ?? (error as { code?: string; constraint?: string });
  return source?.code === code ? (source.constraint ?? '') : undefined;
}
