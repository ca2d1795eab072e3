import { Client } from 'pg';
import { TEST_DATABASE_URL } from './test-env';

/** Databases whose names start with `prefix`: what a start that should not have begun left. */
export async function databasesOf(prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${prefix}%`,
    ]);
    return rows.map((row: { datname: string }) => row.datname);
  } finally {
    await client.end();
  }
}

/**
 * Sessions of `client`'s database waiting on a lock: how a test holding a lock knows the service
 * it blocks has reached it.
 */
export async function sessionsWaitingOnLocks(client: Client): Promise<number> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return (rows[0] as { n: number }).n;
}
