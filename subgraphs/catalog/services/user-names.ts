import type { EntityManager } from 'typeorm';
import type { Caller } from '../../../lib/auth/caller';

/**
 * Catalog's copy of users' public display names (`user_names`), read in the same statement as
 * the products they sell (`PRODUCTS_WITH_VENDOR_NAMES`), so a product's vendor is answered
 * without the users subgraph. Two sources write it, each with the time its name was known:
 * - `user.registered` and `user.profile_updated` (as of `occurredAt`), which may arrive twice,
 *   late, or a rename before the registration it follows (each type has its own consumer);
 * - the vendor's own access token on a product mutation (as of `displayNameAt`, when users read
 *   the account), so a vendor who registers and lists a product within milliseconds has a name
 *   here before its event arrives.
 * Whatever the order, a row keeps the name with the latest time, and a repeat changes nothing.
 */

/**
 * Shown for a vendor whose name catalog does not know: one whose products predate this copy and
 * whose events are no longer in the stream, until `republishVendorNames` (users' operator
 * commands) has run once. A visible stand-in rather than an error that would empty the page, or
 * an empty string a client would show as nothing.
 */
export const UNKNOWN_VENDOR_NAME = 'Unknown vendor';

/** The vendor behind a product mutation: its id and the name its access token carries. */
export type ActingVendor = Pick<Caller, 'displayName' | 'displayNameAt'> & { id: string };

/** Records a name from a `user.*` event: the newest wins; an older or repeated one changes nothing. */
export async function recordUserName(
  manager: EntityManager,
  userId: string,
  displayName: string,
  occurredAt: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO user_names AS current (user_id, display_name, as_of)
     VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE
       SET display_name = excluded.display_name, as_of = excluded.as_of
       WHERE excluded.as_of > current.as_of`,
    [userId, displayName, occurredAt],
  );
}

/**
 * Inside a product mutation's transaction: records the name the vendor's token carries (when it
 * carries one) and returns the name catalog now knows for the vendor, null when none. One
 * statement either way. Unlike an event's upsert, this one always updates the row (to itself
 * when it knows a newer name), so RETURNING has the row as it now is even when an event
 * committed a newer name a moment ago; a vendor's mutations are rare, the extra row version
 * costs nothing. The row stays locked until the transaction ends, so a vendor's mutations take
 * their locks in one order: this row, then the product.
 */
export async function recordVendorName(
  manager: EntityManager,
  vendor: ActingVendor,
): Promise<string | null> {
  if (vendor.displayName === null || vendor.displayNameAt === null) {
    const [known]: Array<{ name: string }> = await manager.query(
      'SELECT display_name AS name FROM user_names WHERE user_id = $1',
      [vendor.id],
    );
    return known?.name ?? null;
  }
  const [{ name }]: Array<{ name: string }> = await manager.query(
    `INSERT INTO user_names AS current (user_id, display_name, as_of)
     VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE
       SET display_name = CASE WHEN excluded.as_of > current.as_of
                               THEN excluded.display_name ELSE current.display_name END,
           as_of = greatest(excluded.as_of, current.as_of)
     RETURNING display_name AS name`,
    [vendor.id, vendor.displayName, new Date(vendor.displayNameAt)],
  );
  return name;
}
