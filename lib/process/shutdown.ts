/**
 * What a process is busy stopping, so that a shutdown past its deadline can say what hung. One
 * registry per process: signals are per process, and the launcher runs every service in one.
 */
const underway = new Map<number, () => string>();
let nextStep = 0;

/** SHUTDOWN_TIMEOUT_MS's default; the budget assumed when a step runs outside {@link stopWithin}. */
export const DEFAULT_SHUTDOWN_BUDGET_MS = 10_000;

/**
 * How the shutdown budget is shared, as the fraction of it by which each step must have ended,
 * counted from the signal. HTTP requests in flight get the first half (Apollo's drain plugin
 * would otherwise wait its own 10 s and leave nothing for the rest); the relay's final drain
 * ends by 75 %; NATS and the pool have until 90 %; the tracer's export the remaining time but
 * the last 5 %, so that the process exits on its own rather than by the deadline.
 */
export const SHUTDOWN_SHARES = {
  httpDrain: 0.5,
  outboxDrain: 0.75,
  tracing: 0.95,
} as const;

/** The shutdown under way in this process (set by {@link stopWithin}). */
let current: { startedAt: number; budgetMs: number } | null = null;

/**
 * Milliseconds left until the point of the budget where `share`'s step must have ended, never
 * below 0. Outside a {@link stopWithin} (a test calling `stop()` directly) the default budget
 * counts from now.
 */
export function msUntilShare(share: keyof typeof SHUTDOWN_SHARES): number {
  const { startedAt, budgetMs } = current ?? {
    startedAt: Date.now(),
    budgetMs: DEFAULT_SHUTDOWN_BUDGET_MS,
  };
  return Math.max(0, Math.floor(startedAt + budgetMs * SHUTDOWN_SHARES[share] - Date.now()));
}

/**
 * Settings for Apollo's `ApolloServerPluginDrainHttpServer`: the grace it gives requests in
 * flight before it closes their sockets is read when the drain begins (the plugin reads
 * `stopGracePeriodMillis` then), so it is the time left of the HTTP share of the budget.
 */
export function httpDrainSettings<Server>(httpServer: Server) {
  return {
    httpServer,
    get stopGracePeriodMillis() {
      return msUntilShare('httpDrain');
    },
  };
}

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

/**
 * Runs `stop`, rejecting with a {@link ShutdownTimeoutError} if it takes over `timeoutMs`; the
 * steps inside share `timeoutMs` as {@link SHUTDOWN_SHARES} says.
 */
export function stopWithin(timeoutMs: number, stop: () => Promise<void>): Promise<void> {
  current = { startedAt: Date.now(), budgetMs: timeoutMs };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ShutdownTimeoutError(timeoutMs, stepsUnderway())),
      timeoutMs,
    );
  });
  return Promise.race([stop(), deadline]).finally(() => {
    clearTimeout(timer);
    current = null;
  });
}

/**
 * Runs a step that may give up: resolves with `stop`'s outcome, or with `undefined` once `ms`
 * have passed (the step goes on in the background, unawaited). For steps whose leftovers are
 * safe to abandon: rows the next relay publishes, spans not exported.
 */
export async function atMost<T>(ms: number, stop: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([stop(), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}
