/**
 * The gateway's response cache alone: the storefront page (20 products with vendor, category and
 * stock) loaded anonymously (served from the cache, refreshed every 5 s by stock's max-age) and
 * with a vendor's token (never cached), on the one-process system. Prints requests per second.
 * `node -r @swc-node/register bench/gateway-cache.ts`
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { signUp } from '../test/support/accounts';
import { stockedProduct } from '../test/support/orders';
import { startTestSystem } from '../test/support/test-system';
import { loadGraphQL } from './load';

const STOREFRONT = `query Storefront($first: Int) {
  products(first: $first) {
    edges { node { id name price { amount currency } vendor { displayName } category { name } stock { available } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function main(): Promise<void> {
  const t = await startTestSystem({ REGISTER_MAX_PER_IP: '100000' });
  try {
    const vendors = await Promise.all([1, 2, 3, 4].map(() => signUp(t, { role: 'VENDOR' })));
    for (let i = 0; i < 20; i++) await stockedProduct(t, vendors[i % 4], 10);
    const options = { connections: 32, durationSeconds: 8, pids: { bazaar: [process.pid] } };
    for (const [name, token] of [
      ['anonymous (cached)', undefined],
      ['with a token (not cached)', vendors[0].accessToken],
    ] as const) {
      const result = await loadGraphQL(
        t.system.gatewayUrl,
        STOREFRONT,
        { first: 20 },
        {
          ...options,
          token,
        },
      );
      console.log(
        `${name.padEnd(26)} ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms, ` +
          `${result.failures} failures`,
      );
    }
  } finally {
    await t.stop();
  }
}

void main();
