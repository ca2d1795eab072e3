/** One bad or missing variable. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * Thrown when configuration is invalid; its message names every bad variable, one a line, so it
 * is printed as is (no stack trace: the trace says nothing about a missing variable).
 */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    readonly problems: ConfigProblem[],
    /** Lines after the list, e.g. what "production" means here. */
    readonly notes: string[] = [],
  ) {
    super(
      [
        'Invalid configuration:',
        ...problems.map(({ variable, message }) => `  ${variable}: ${message}`),
        ...notes,
      ].join('\n'),
    );
  }
}

/**
 * One error for several sources (e.g. every service the launcher runs): each problem once, with
 * the sources that share it, so a shared secret missing everywhere is one line, not seven.
 */
export function combineConfigErrors(errors: Array<{ source: string; error: ConfigError }>) {
  const combined = new Map<string, { problem: ConfigProblem; sources: string[] }>();
  for (const { source, error } of errors) {
    for (const problem of error.problems) {
      const key = `${problem.variable}\n${problem.message}`;
      const entry = combined.get(key) ?? { problem, sources: [] };
      entry.sources.push(source);
      combined.set(key, entry);
    }
  }
  return new ConfigError(
    [...combined.values()].map(({ problem, sources }) => ({
      variable: problem.variable,
      message: `${problem.message} (${sources.join(', ')})`,
    })),
    [...new Set(errors.flatMap(({ error }) => error.notes))],
  );
}

/**
 * Runs every reader (a service's `configFromEnv`, say) and throws one ConfigError with the problems
 * of all of them, so an operator sees everything to fix before anything starts. Any other error
 * propagates as it is.
 */
export function readEveryConfiguration(readers: Array<{ source: string; read(): unknown }>): void {
  const errors: Array<{ source: string; error: ConfigError }> = [];
  for (const { source, read } of readers) {
    try {
      read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push({ source, error });
    }
  }
  if (errors.length > 0) throw combineConfigErrors(errors);
}
