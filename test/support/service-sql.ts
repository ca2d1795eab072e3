import { Pool } from 'pg';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { TEST_DATABASE_URL } from './test-env';

/** The database of `service` in the test system whose names start with `prefix`. */
export function testDatabaseUrl(prefix: string, service: string): string {
  return serviceDatabaseUrl(service, {}, TEST_DATABASE_URL, prefix);
}

/** PostgreSQL's code for a connection ended by an administrator (a forced DROP DATABASE). */
const ADMIN_SHUTDOWN = '57P01';

/** A test system's `sql`, and `end` to close what it opened. */
export interface ServiceSql {
  sql<Row = Record<string, any>>(service: string, text: string, params?: unknown[]): Promise<Row[]>;
  end(): Promise<void>;
}

/**
 * SQL against a test system's service databases: a small pool per database, opened at its first
 * use, so that statements sent at the same moment (`Promise.all` in a test) each get a connection
 * instead of queueing on one client.
 */
export function serviceSql(prefix: string): ServiceSql {
  const pools = new Map<string, Pool>();
  const poolOf = (service: string) => {
    let pool = pools.get(service);
    if (!pool) {
      pool = new Pool({ connectionString: testDatabaseUrl(prefix, service), max: 4 });
      // pool.end() resolves once its clients are told to end, not once their sockets closed; the
      // teardown's DROP DATABASE ... WITH (FORCE) may end one first (57P01, "terminating
      // connection due to administrator command"), which an idle client reports on the pool.
      pool.on('error', (error: Error & { code?: string }) => {
        if (error.code !== ADMIN_SHUTDOWN) throw error;
      });
      pools.set(service, pool);
    }
    return pool;
  };
  return {
    sql: async (service, text, params = []) => (await poolOf(service).query(text, params)).rows,
    end: async () => {
      await Promise.all([...pools.values()].map((pool) => pool.end()));
      pools.clear();
    },
  };
}
