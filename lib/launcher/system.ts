import { devConveniencesAllowed } from '../config/node-env';
import type { Env } from '../config/parse-env';
import { createLogger } from '../logger';
import type { RunningService } from '../process/run-service';
import { provideNats, providePostgres, provideSmtp, type Provided } from './infrastructure';
import { readLauncherConfiguration } from './launcher-config';
import { GATEWAY, SUBGRAPHS, WORKERS, type ServiceEntry } from './services';

export interface RunningSystem {
  /** The public endpoint, e.g. `http://localhost:4000/graphql`. */
  gatewayUrl: string;
  /** Every service's URL by name. */
  urls: Record<string, string>;
  /** Where Postgres, NATS and SMTP came from. */
  infrastructure: Record<'postgres' | 'nats' | 'smtp', Provided>;
  /**
   * Stops one service, runs `whileDown`, and starts it again on the same port: what a crash and
   * a restart by the orchestrator look like to the rest of the system.
   */
  restart(name: string, whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the whole system in this process: reads every service's configuration (one ConfigError
 * for all problems, before anything starts), finds or starts Postgres, NATS and an SMTP server
 * (DESIGN.md §2), then every subgraph, the gateway and the workers, each through the same
 * `startFromEnv` its own process would use. `npm start` and the end-to-end tests both use it.
 */
export async function startSystem(env: Env): Promise<RunningSystem> {
  const settings = readLauncherConfiguration(env);
  const logger = createLogger('launcher', settings.LOG_LEVEL);
  const stack: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stack.reverse()) {
      await stop().catch((error) => logger.error({ err: error }, 'stop failed'));
    }
    stack.length = 0;
  };
  try {
    const postgres = await providePostgres(
      settings.DATABASE_URL,
      settings.DATA_DIR,
      settings.EMBEDDED_POSTGRES_PORT,
      logger,
    );
    stack.push(postgres.stop);
    const nats = await provideNats(settings.NATS_URL, settings.DATA_DIR, settings.PATH);
    stack.push(nats.stop);
    const smtp = await provideSmtp(
      settings.SMTP_URL,
      settings.DATA_DIR,
      devConveniencesAllowed(settings.NODE_ENV),
    );
    stack.push(smtp.stop);

    const serviceEnv: Env = {
      ...env,
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      SMTP_URL: smtp.url,
      ...(smtp.mailboxDir ? { DEV_MAILBOX_DIR: smtp.mailboxDir } : {}),
    };
    const urls: Record<string, string> = {};
    const running = new Map<
      string,
      { entry: ServiceEntry; env: Env; service: RunningService | null }
    >();
    const run = async (entry: ServiceEntry, entryEnv: Env) => {
      const service: RunningService = await entry.start(entryEnv);
      running.set(entry.name, { entry, env: entryEnv, service });
      stack.push(() => running.get(entry.name)?.service?.stop() ?? Promise.resolve());
      urls[entry.name] = service.url;
    };
    const restart = async (name: string, whileDown?: () => Promise<void>) => {
      const current = running.get(name);
      if (!current?.service) throw new Error(`no running service ${name}`);
      await current.service.stop();
      current.service = null;
      await whileDown?.();
      // Same port, so the gateway's route to it stays right.
      const port = new URL(urls[name]).port;
      current.service = await current.entry.start({
        ...current.env,
        [`${name.toUpperCase()}_PORT`]: port,
      });
    };
    await Promise.all(SUBGRAPHS.map((entry) => run(entry, serviceEnv)));
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_URL`, urls[name]]),
    );
    await Promise.all(WORKERS.map((entry) => run(entry, serviceEnv)));
    await run(GATEWAY, { ...serviceEnv, ...subgraphUrls });
    return {
      gatewayUrl: urls[GATEWAY.name],
      urls,
      infrastructure: { postgres, nats, smtp },
      restart,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
