import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutTokenMatches, DevCheckoutTokens, hashCheckoutToken } from './dev-checkout-tokens';

describe('dev checkout tokens', () => {
  const tokens = new DevCheckoutTokens(Buffer.alloc(32, 1));

  it('gives each session its own URL-safe token, stable for the same key', () => {
    const token = tokens.tokenFor('cs_dev_a');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.tokenFor('cs_dev_a')).toBe(token);
    expect(tokens.tokenFor('cs_dev_b')).not.toBe(token);
    expect(new DevCheckoutTokens(Buffer.alloc(32, 2)).tokenFor('cs_dev_a')).not.toBe(token);
  });

  it('stores the SHA-256 of the token, not the token', () => {
    const token = tokens.tokenFor('cs_dev_a');
    expect(hashCheckoutToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashCheckoutToken(token)).not.toContain(token);
  });

  it('matches the token of the stored hash only', () => {
    const token = tokens.tokenFor('cs_dev_a');
    const stored = hashCheckoutToken(token);
    expect(checkoutTokenMatches(token, stored)).toBe(true);
    expect(checkoutTokenMatches(tokens.tokenFor('cs_dev_b'), stored)).toBe(false);
    expect(checkoutTokenMatches(`${token}x`, stored)).toBe(false);
    expect(checkoutTokenMatches(stored, stored)).toBe(false);
  });

  it('refuses a missing, empty or non-string token, and any token without a stored hash', () => {
    const stored = hashCheckoutToken('t');
    for (const presented of [undefined, null, '', ['t'], { token: 't' }, 1]) {
      expect(checkoutTokenMatches(presented, stored)).toBe(false);
    }
    expect(checkoutTokenMatches('t', null)).toBe(false);
    expect(checkoutTokenMatches('t', '')).toBe(false);
    expect(checkoutTokenMatches('t', 'abc')).toBe(false);
  });

  it('creates the key once under <dataDir>/keys, private, and reuses it after a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-dev-checkout-'));
    const first = DevCheckoutTokens.fromDataDir(dataDir).tokenFor('cs_dev_a');
    const path = join(dataDir, 'keys', 'dev-checkout.key');
    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(DevCheckoutTokens.fromDataDir(dataDir).tokenFor('cs_dev_a')).toBe(first);
    const elsewhere = mkdtempSync(join(tmpdir(), 'bazaar-dev-checkout-'));
    expect(DevCheckoutTokens.fromDataDir(elsewhere).tokenFor('cs_dev_a')).not.toBe(first);
  });
});
