import 'reflect-metadata';
import { z } from 'zod';
import { DATABASES } from '../launcher/databases';
import { commonEnv, databaseEnv, serviceDatabaseUrl } from '../lib/config/common-env';
import { ConfigError, parseEnv, type Env } from '../lib/config/parse-env';
import { openDatabase } from '../lib/db/database';
import { createLogger } from '../lib/logger';
import { startupFailureMessage } from '../lib/process/startup-error';

/** What the command reads: the same database settings as the services, nothing else. */
const migrateEnv = databaseEnv.extend({ LOG_LEVEL: commonEnv.shape.LOG_LEVEL });

export interface MigrateConfig {
  logLevel: string;
  /** The database URL of each service to migrate, in {@link DATABASES} order. */
  databases: Array<{ service: string; url: string }>;
}

/** Reads the environment and the named services (all when none); every problem at once. */
export function migrateConfigFromEnv(env: Env, services: string[]): MigrateConfig {
  const unknown = services.filter((service) => !(service in DATABASES));
  let parsed: z.infer<typeof migrateEnv> | undefined;
  let problems: ConfigError['problems'] = unknown.map((service) => ({
    variable: 'service',
    message: `unknown service ${service}; one of ${Object.keys(DATABASES).join(', ')}`,
  }));
  try {
    parsed = parseEnv(migrateEnv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = [...error.problems, ...problems];
  }
  if (problems.length || !parsed) throw new ConfigError(problems);
  const { DATABASE_URL, DATABASE_PREFIX } = parsed;
  const chosen = services.length ? services : Object.keys(DATABASES);
  return {
    logLevel: parsed.LOG_LEVEL,
    databases: Object.keys(DATABASES)
      .filter((service) => chosen.includes(service))
      .map((service) => ({
        service,
        url: serviceDatabaseUrl(service, env, DATABASE_URL, DATABASE_PREFIX),
      })),
  };
}

/**
 * `npm run migrate [service...]` (`node dist/scripts/migrate.js` in the image): brings every
 * service's database, or the named ones, up to date, once per deploy, before the new services
 * start. Services still migrate at start-up under the same advisory lock (lib/db/database.ts), so
 * a deploy that skips this step, or replicas starting together, cannot race; with this step they
 * find nothing left to do and start faster.
 *
 * Migrates each database in turn (creating it when missing); returns, per service, every
 * migration its database now has.
 */
export async function migrate(config: MigrateConfig): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const { service, url } of config.databases) {
    const logger = createLogger(`migrate ${service}`, config.logLevel);
    const dataSource = await openDatabase({ url, ...DATABASES[service], logger, poolSize: 2 });
    try {
      const done = await dataSource.query('SELECT name FROM migrations ORDER BY id');
      applied[service] = (done as Array<{ name: string }>).map((row) => row.name);
    } finally {
      await dataSource.destroy();
    }
  }
  return applied;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => migrate(migrateConfigFromEnv(process.env, process.argv.slice(2))))
    .then(
      (applied) => {
        for (const [service, names] of Object.entries(applied))
          process.stdout.write(`${service}: up to date (${names.length} migrations)\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`migrate failed: ${startupFailureMessage(error)}\n`);
        process.exit(1);
      },
    );
}
