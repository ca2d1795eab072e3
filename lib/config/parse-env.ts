import { z } from 'zod';

/** Thrown when configuration is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment variables as read from `process.env` (only entry points read it). */
export type Env = Record<string, string | undefined>;

/**
 * Validates `env` against `schema` and returns the typed result. Every bad variable is listed in
 * one error, so a misconfigured deployment is fixed in one go rather than one variable per restart.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
