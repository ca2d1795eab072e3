import pino from 'pino';

export type Logger = pino.Logger;

/** A JSON logger tagged with the service name; request-scoped loggers are children of it. */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
