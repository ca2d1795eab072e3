import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';
import { devConveniencesAllowed } from './node-env';

export { ConfigError } from './config-error';

/** Environment variables as read from `process.env` (only entry points read it). */
export type Env = Record<string, string | undefined>;

const UNSET_MEANS_PRODUCTION =
  'NODE_ENV is unset, which means production; `npm start` and the tests set development explicitly.';

/**
 * Validates `env` against `schema` and returns the typed result. Every bad variable is listed in
 * one error, so a misconfigured deployment is fixed in one go rather than one variable per restart.
 * `requiredInProduction` names the variables that development may leave out (a dev stand-in
 * exists) but production must set; their absence is reported in the same error.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Env,
  requiredInProduction: readonly string[] = [],
): z.infer<S> {
  const result = schema.safeParse(env);
  const problems: ConfigProblem[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        variable: issue.path.join('.') || '(root)',
        message: issue.message,
      }));
  // An invalid NODE_ENV is reported above and counts as production here: fail closed.
  const production = !devConveniencesAllowed(env.NODE_ENV ?? 'production');
  if (production) {
    for (const variable of requiredInProduction) {
      if (env[variable] || problems.some((problem) => problem.variable === variable)) continue;
      problems.push({ variable, message: 'required in production' });
    }
  }
  if (problems.length > 0) {
    const unset = production && env.NODE_ENV === undefined;
    throw new ConfigError(problems, unset ? [UNSET_MEANS_PRODUCTION] : []);
  }
  return (result as z.ZodSafeParseSuccess<z.infer<S>>).data;
}
