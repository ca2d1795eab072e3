import type { Logger } from '../logger';

export interface PollerOptions {
  /** Shown in logs when a round fails. */
  name: string;
  /** Milliseconds between rounds. */
  intervalMs: number;
  logger: Logger;
  /** Runs the first round at once instead of one interval after the start. Default false. */
  immediate?: boolean;
  /**
   * One round of work. Resolving `true` means there is more to do: the next round starts at once.
   * A failure is logged and the next round runs after the interval as usual.
   */
  task(): Promise<boolean | void>;
}

export interface Poller {
  /** Starts the next round now: at once when idle, right after the running round otherwise. */
  kick(): void;
  /** Waits for a running round to finish, then stops. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` until stopped (the outbox relay, sweepers and similar background
 * jobs), and sooner when kicked. Rounds never overlap within one process; jobs that run on
 * several replicas coordinate in the database (e.g. `FOR UPDATE SKIP LOCKED`).
 */
export function startPoller(options: PollerOptions): Poller {
  let stopping = false;
  let kicked = options.immediate ?? false;
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
      // A kick that came while the last round ran may have missed the rows it was about.
      if (!kicked) await sleep();
      kicked = false;
      if (stopping) break;
      try {
        if (await options.task()) kicked = true;
      } catch (error) {
        options.logger.warn({ err: error, poller: options.name }, 'poller round failed');
      }
    }
  })();
  return {
    kick: () => {
      kicked = true;
      wake?.();
    },
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
