import { z } from 'zod';
import { id } from '../validation';
import { isSafeString } from './safe-strings';

/**
 * The parts a keyset cursor may hold, each checked as strictly as the SQL type it is cast to, so
 * a tampered cursor is refused as `BAD_USER_INPUT` and never reaches PostgreSQL as a value it
 * rejects (year 0, February 30, a bigint past 2^63, a NUL).
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;
const PG_BIGINT_MAX = 9_223_372_036_854_775_807n;

/** Whether `value` is a UTC timestamp PostgreSQL accepts and a row of ours could carry. */
export function isCursorTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls over out-of-range parts (Feb 30 becomes Mar 2); a real date survives unchanged.
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

export const cursorKeys = {
  /** A `timestamptz` as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, a real date in 1970–9999. */
  timestamp: z.string().refine(isCursorTimestamp, 'not a timestamp'),
  /** A positive PostgreSQL `bigint` (a sequence value) as a decimal string. */
  bigint: z
    .string()
    .regex(/^\d{1,19}$/, 'not a whole number')
    .refine((value) => BigInt(value) <= PG_BIGINT_MAX, 'out of range'),
  /** A sort key of text: bounded, no NUL, no unpaired surrogate. */
  text: z.string().max(1000).refine(isSafeString, 'not valid text'),
  /** A row id. */
  id,
};
