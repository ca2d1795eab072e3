import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tokens that open a dev checkout page. The customer reads the page's URL (with its token)
 * through `Payment.checkoutUrl` for as long as the payment is open, so the token is derived from
 * the session id with a key that never enters the database; the payment row keeps only the
 * token's hash, so a copy of the database opens no checkout page.
 */
export class DevCheckoutTokens {
  constructor(private readonly key: Buffer) {}

  /**
   * The key generated once under `<dataDir>/keys`, so checkout URLs survive restarts (as the dev
   * access-token keys do). Only the dev provider uses it: production has no dev checkout.
   */
  static fromDataDir(dataDir: string): DevCheckoutTokens {
    const dir = join(dataDir, 'keys');
    const path = join(dir, 'dev-checkout.key');
    mkdirSync(dir, { recursive: true });
    try {
      // `wx`: of two processes starting at once, the second reads the first one's key.
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return new DevCheckoutTokens(Buffer.from(readFileSync(path, 'utf8').trim(), 'hex'));
  }

  /** The token of one checkout session (URL-safe, 256 bits). */
  tokenFor(sessionId: string): string {
    return createHmac('sha256', this.key).update(`dev-checkout:${sessionId}`).digest('base64url');
  }
}

/** What the payment row stores instead of the token: its SHA-256, hex. */
export function hashCheckoutToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether `presented` (whatever the request carried) is the token whose hash is `storedHash`.
 * Hashes of equal length are compared in constant time; a payment without a hash (a Stripe
 * session, or a dev session from before tokens) matches nothing.
 */
export function checkoutTokenMatches(presented: unknown, storedHash: string | null): boolean {
  if (typeof presented !== 'string' || presented === '' || !storedHash) return false;
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(presented).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
