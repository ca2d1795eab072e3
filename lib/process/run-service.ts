import { shutdownEnv } from '../config/common-env';
import { parseEnv, type Env } from '../config/parse-env';
import { stopTracing } from '../telemetry/tracing';
import { stopWithin } from './shutdown';
import { startupFailureMessage } from './startup-error';

/** What every entry point's `start` returns. */
export interface RunningService {
  /** The service's main URL (GraphQL endpoint, or health for workers). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs one service as its own process (production, containers, `npm run start:<service>`): reads
 * the environment once, starts, and stops gracefully on SIGINT/SIGTERM. A bad configuration (or an
 * unreachable server) prints every problem, without a stack trace, and exits with status 1. A stop
 * that takes longer than SHUTDOWN_TIMEOUT_MS exits with status 1 naming what had not stopped.
 */
export function runService(name: string, start: (env: Env) => Promise<RunningService>): void {
  // Inside a promise so that configuration read synchronously (`start(configFromEnv(env))`)
  // fails the same way as the rest of start-up instead of as an uncaught exception with a trace.
  Promise.resolve(process.env)
    .then(start)
    .then(
      (service) => {
        // The service's own configuration has accepted this variable already.
        const { SHUTDOWN_TIMEOUT_MS } = parseEnv(shutdownEnv, process.env);
        process.stdout.write(`${name} ready at ${service.url}\n`);
        onTerminationSignal((signal) => {
          process.stdout.write(`${name}: ${signal} received, shutting down\n`);
          // The spans of the last requests are exported before the process exits.
          stopWithin(SHUTDOWN_TIMEOUT_MS, () => service.stop().then(stopTracing)).then(
            () => process.exit(0),
            (error: unknown) => {
              process.stderr.write(`${name}: unclean shutdown: ${(error as Error).message}\n`);
              process.exit(1);
            },
          );
        });
      },
      (error: unknown) => {
        process.stderr.write(`${name} failed to start: ${startupFailureMessage(error)}\n`);
        process.exit(1);
      },
    );
}

/**
 * Calls `shutdown` once, at the first SIGTERM, SIGINT or SIGHUP (a closed terminal); later signals
 * are ignored so that a second Ctrl-C cannot cut the graceful stop short (the deadline does).
 */
export function onTerminationSignal(shutdown: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      shutdown(signal);
    });
  }
}
