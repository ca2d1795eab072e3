import { z } from 'zod';
import { BadUserInputError } from './errors';

/**
 * Validates a mutation's input at the edge. The first problem becomes a `BAD_USER_INPUT` error
 * whose `field` is the argument path (`input.email`), so clients can point at the right box.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  argument: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [argument, ...issue.path.map(String)].join('.');
  throw new BadUserInputError(field, `${field}: ${issue.message}`);
}

/** zod's own UUID pattern (any version, nil and max), which `z.uuid()` checks against. */
const UUID = z.regexes.uuid();

/** An entity id argument: a UUID, normalised to lower case as PostgreSQL prints it. */
export const id = z.uuid('not a valid id').transform((value) => value.toLowerCase());

/**
 * Whether `value` could be an id at all; keeps malformed entity references away from SQL. The
 * same answer as `id.safeParse(value).success` (validation.test.ts) without a zod parse per id:
 * entity fetches check 20–100 ids per request (~12% of inventory's CPU for a page of stock).
 */
export function isId(value: string): boolean {
  return typeof value === 'string' && UUID.test(value);
}
