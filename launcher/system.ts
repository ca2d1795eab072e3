import { devConveniencesAllowed } from '../lib/config/node-env';
import type { Env } from '../lib/config/parse-env';
import { createLogger } from '../lib/logger';
import type { RunningService } from '../lib/process/run-service';
import { stopStep } from '../lib/process/shutdown';
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
  // Stopped last first; the parts of one layer (the subgraphs, say) stop side by side.
  const layers: Array<Array<() => Promise<void>>> = [];
  const stopAll = async () => {
    for (const layer of layers.reverse()) {
      await Promise.all(
        layer.map((stop) => stop().catch((error) => logger.error({ err: error }, 'stop failed'))),
      );
    }
    layers.length = 0;
  };
  try {
    const postgres = await providePostgres(
      settings.DATABASE_URL,
      settings.DATA_DIR,
      settings.EMBEDDED_POSTGRES_PORT,
      logger,
    );
    layers.push([() => stopStep('PostgreSQL', postgres.stop)]);
    const nats = await provideNats(settings.NATS_URL, settings.DATA_DIR, settings.PATH, logger);
    layers.push([() => stopStep('NATS server', nats.stop)]);
    const smtp = await provideSmtp(
      settings.SMTP_URL,
      settings.DATA_DIR,
      devConveniencesAllowed(settings.NODE_ENV),
    );
    layers.push([() => stopStep('SMTP', smtp.stop)]);

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
    const run = async (entry: ServiceEntry, entryEnv: Env, layer: Array<() => Promise<void>>) => {
      const service: RunningService = await entry.start(entryEnv);
      running.set(entry.name, { entry, env: entryEnv, service });
      layer.push(() => running.get(entry.name)?.service?.stop() ?? Promise.resolve());
      urls[entry.name] = service.url;
    };
    /** Starts a layer side by side; when one fails, the others that started are stopped too. */
    const runLayer = async (entries: ServiceEntry[], entryEnv: Env) => {
      const layer: Array<() => Promise<void>> = [];
      layers.push(layer);
      const started = await Promise.allSettled(entries.map((entry) => run(entry, entryEnv, layer)));
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
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
    await runLayer(SUBGRAPHS, serviceEnv);
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_URL`, urls[name]]),
    );
    await runLayer(WORKERS, serviceEnv);
    await runLayer([GATEWAY], { ...serviceEnv, ...subgraphUrls });
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
