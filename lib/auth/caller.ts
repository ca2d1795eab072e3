import { timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

export const ROLES = ['CUSTOMER', 'VENDOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by the gateway from the access token. */
export interface Caller {
  userId: string | null;
  role: Role | null;
  emailVerified: boolean;
  /** The client's address as the gateway saw it (rate limits). */
  ip: string | null;
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  role: null,
  emailVerified: false,
  ip: null,
});

/** Headers between the gateway and subgraphs. */
export const CALLER_HEADER = 'x-bazaar-caller';
export const SECRET_HEADER = 'x-subgraph-secret';
export const REQUEST_ID_HEADER = 'x-request-id';

const callerSchema = z.object({
  userId: z.uuid().nullable(),
  role: z.enum(ROLES).nullable(),
  emailVerified: z.boolean(),
  ip: z.string().max(64).nullable(),
});

export function encodeCaller(caller: Caller): string {
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
