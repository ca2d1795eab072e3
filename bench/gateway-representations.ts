/**
 * What representation dedupe saves: the users subgraph answering an entity fetch of
 * `vendor { displayName }` for 20 items of one vendor (the storefront's, until catalog provided
 * vendor names itself; an order's lines still make it) as the gateway sent it before (20
 * identical `User` representations) and as it sends it now (one), loaded directly with the
 * subgraph secret on the one-process system. Prints requests per second and answer size.
 * `node -r @swc-node/register bench/gateway-representations.ts`
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { randomBytes } from 'node:crypto';
import { SECRET_HEADER } from '../lib/auth/caller';
import { signUp } from '../test/support/accounts';
import { startTestSystem } from '../test/support/test-system';
import { loadGraphQL } from './load';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { displayName } }
}`;

async function main(): Promise<void> {
  const secret = randomBytes(32).toString('hex');
  const t = await startTestSystem({ SUBGRAPH_SECRET: secret });
  try {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const url = t.system.urls.users;
    const headers = { [SECRET_HEADER]: secret };
    for (const count of [20, 1]) {
      const representations = Array.from({ length: count }, () => ({
        __typename: 'User',
        id: vendor.id,
      }));
      const result = await loadGraphQL(
        url,
        ENTITIES,
        { representations },
        { connections: 32, durationSeconds: 8, headers, pids: { bazaar: [process.pid] } },
      );
      console.log(
        `${String(count).padStart(2)} representation(s): ${result.requestsPerSecond} req/s, ` +
          `p99 ${result.p99Ms} ms, ${result.processes.bazaar.cpuMsPerRequest} ms CPU/request`,
      );
    }
  } finally {
    await t.stop();
  }
}

void main();
