import { ConfigError, type Env } from '../config/parse-env';

/** What every entry point's `start` returns. */
export interface RunningService {
  /** The service's main URL (GraphQL endpoint, or health for workers). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs one service as its own process (production, containers, `npm run start:<service>`): reads
 * the environment once, starts, and stops gracefully on SIGINT/SIGTERM. A bad configuration prints
 * every problem, without a stack trace, and exits with status 1.
 */
export function runService(name: string, start: (env: Env) => Promise<RunningService>): void {
  // Inside a promise so that configuration read synchronously (`start(configFromEnv(env))`)
  // fails the same way as the rest of start-up instead of as an uncaught exception with a trace.
  Promise.resolve(process.env)
    .then(start)
    .then(
      (service) => {
        process.stdout.write(`${name} ready at ${service.url}\n`);
        let stopping = false;
        const shutdown = (signal: string) => {
          if (stopping) return;
          stopping = true;
          process.stdout.write(`${name}: ${signal} received, shutting down\n`);
          service.stop().then(
            () => process.exit(0),
            (error) => {
              process.stderr.write(`${name}: unclean shutdown: ${String(error)}\n`);
              process.exit(1);
            },
          );
        };
        process.on('SIGINT', () => shutdown('SIGINT'));
        process.on('SIGTERM', () => shutdown('SIGTERM'));
      },
      (error: unknown) => {
        const message = error instanceof ConfigError ? error.message : (error as Error).stack;
        process.stderr.write(`${name} failed to start: ${message}\n`);
        process.exit(1);
      },
    );
}
