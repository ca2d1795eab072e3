import { timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { MAX_DISPLAY_NAME_LENGTH } from '../display-name';

export const ROLES = ['CUSTOMER', 'VENDOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by the gateway from the access token. */
export interface Caller {
  userId: string | null;
  role: Role | null;
  emailVerified: boolean;
  /** The client's address as the gateway saw it (rate limits). */
  ip: string | null;
  /**
   * The caller's public display name as users signed it into the access token, so a subgraph
   * can show it without asking users (catalog's vendor names). Null for anonymous callers and
   * for tokens signed before names were.
   */
  displayName: string | null;
  /**
   * When users read that name (ms since the epoch): a `user.*` event that occurred later knows
   * a newer name. Null exactly when `displayName` is.
   */
  displayNameAt: number | null;
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  role: null,
  emailVerified: false,
  ip: null,
  displayName: null,
  displayNameAt: null,
});

/** Headers between the gateway and subgraphs. */
export const CALLER_HEADER = 'x-bazaar-caller';
export const SECRET_HEADER = 'x-subgraph-secret';
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The header's shape. The name fields default to null: a header from a gateway older than them
 * (during a rolling deploy) still reads, as a caller whose name is not known.
 */
const callerSchema = z
  .object({
    userId: z.uuid().nullable(),
    role: z.enum(ROLES).nullable(),
    emailVerified: z.boolean(),
    ip: z.string().max(64).nullable(),
    displayName: z.string().min(1).max(MAX_DISPLAY_NAME_LENGTH).nullable().default(null),
    displayNameAt: z.int().nonnegative().nullable().default(null),
  })
  .refine((caller) => (caller.displayName === null) === (caller.displayNameAt === null), {
    message: 'displayName and displayNameAt come together',
  });

/** What a caller header holds; the fields added after the first release may be left out. */
export type CallerHeader = z.input<typeof callerSchema>;

export function encodeCaller(caller: CallerHeader): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

/**
 * Caller headers a subgraph remembers decoded, the least recently seen forgotten first (anonymous
 * visitors' headers differ by address, so a busy storefront churns through them).
 */
const decoded = new LRUCache<string, Caller>({ max: 2_000 });

/**
 * Reads the caller header; a missing or malformed header means an anonymous caller. A header
 * is checked once and its caller remembered (frozen): a signed-in client sends the same one with
 * every request, and the check is a schema parse per subgraph request otherwise.
 */
export function decodeCaller(header: string | undefined): Caller {
  if (!header) return ANONYMOUS;
  const known = decoded.get(header);
  if (known) return known;
  let caller: Caller;
  try {
    caller = Object.freeze(
      callerSchema.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))),
    );
  } catch {
    return ANONYMOUS;
  }
  decoded.set(header, caller);
  return caller;
}

/** Constant-time comparison of the subgraph secret. */
export function secretMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
