import type { Logger } from '../logger';

export interface PollerOptions {
  /** Shown in logs when a round fails. */
  name: string;
  /** Milliseconds between rounds. */
  intervalMs: number;
  logger: Logger;
  /** One round of work. A failure is logged and the next round runs as usual. */
  task(): Promise<void>;
}

export interface Poller {
  /** Waits for a running round to finish, then stops. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` until stopped (sweepers and similar background jobs), the first
 * round one interval after the start. Rounds never overlap within one process; jobs that run on
 * several replicas coordinate in the database (e.g. `FOR UPDATE SKIP LOCKED`).
 */
export function startPoller(options: PollerOptions): Poller {
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.intervalMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const loop = (async () => {
    while (!stopping) {
      await sleep();
      if (stopping) break;
      try {
        await options.task();
      } catch (error) {
        options.logger.warn({ err: error, poller: options.name }, 'poller round failed');
      }
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
