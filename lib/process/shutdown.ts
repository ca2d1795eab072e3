/**
 * What a process is busy stopping, so that a shutdown past its deadline can say what hung. One
 * registry per process: signals are per process, and the launcher runs every service in one.
 */
const underway = new Map<number, () => string>();
let nextStep = 0;

/**
 * Runs one step of a shutdown (closing a server, a consumer, a pool) and records it as under way
 * until it settles. `what` may be a function, read when the deadline report is written (e.g. to
 * count the requests still in flight).
 */
export async function stopStep<T>(what: string | (() => string), stop: () => Promise<T>) {
  const id = nextStep++;
  underway.set(id, typeof what === 'string' ? () => what : what);
  try {
    return await stop();
  } finally {
    underway.delete(id);
  }
}

/** The steps begun and not yet finished, in the order they began. */
export function stepsUnderway(): string[] {
  return [...underway.values()].map((describe) => describe());
}

/** A shutdown that did not finish in time; its message names what was still stopping. */
export class ShutdownTimeoutError extends Error {
  override name = 'ShutdownTimeoutError';

  constructor(
    readonly timeoutMs: number,
    readonly stillStopping: string[],
  ) {
    super(
      `did not stop within ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); still stopping: ` +
        (stillStopping.length ? stillStopping.join('; ') : 'nothing recorded'),
    );
  }
}

/** Runs `stop`, rejecting with a {@link ShutdownTimeoutError} if it takes over `timeoutMs`. */
export function stopWithin(timeoutMs: number, stop: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ShutdownTimeoutError(timeoutMs, stepsUnderway())),
      timeoutMs,
    );
  });
  return Promise.race([stop(), deadline]).finally(() => clearTimeout(timer));
}
