import { Pool } from 'pg';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { TEST_DATABASE_URL } from './test-env';

/** The database of `service` in the test system whose names start with `prefix`. */
export function testDatabaseUrl(prefix: string, service: string): string {
  return serviceDatabaseUrl(service, {}, TEST_DATABASE_URL, prefix);
}

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
  const pools = new Map<string, ClosingPool>();
  const poolOf = (service: string) => {
    let pool = pools.get(service);
    if (!pool) {
      pool = closingPool(testDatabaseUrl(prefix, service));
      pools.set(service, pool);
    }
    return pool.pool;
  };
  return {
    sql: async (service, text, params = []) => (await poolOf(service).query(text, params)).rows,
    end: async () => {
      await Promise.all([...pools.values()].map((pool) => pool.end()));
      pools.clear();
    },
  };
}

interface ClosingPool {
  pool: Pool;
  /** Ends the pool and resolves once every connection it opened has closed. */
  end(): Promise<void>;
}

/**
 * A pool whose `end` waits for its connections to close. `pool.end()` alone resolves when its
 * clients are only told to end: the teardown's `DROP DATABASE ... WITH (FORCE)` right after
 * could still terminate one, which the idle client then reports as the pool's (unhandled) error.
 */
function closingPool(url: string): ClosingPool {
  const pool = new Pool({ connectionString: url, max: 4 });
  let open = 0;
  let allClosed = () => {};
  pool.on('connect', () => (open += 1));
  pool.on('remove', () => {
    open -= 1;
    if (open === 0) allClosed();
  });
  return {
    pool,
    end: async () => {
      const closed = open === 0 ? Promise.resolve() : new Promise<void>((r) => (allClosed = r));
      await pool.end();
      await closed;
    },
  };
}
