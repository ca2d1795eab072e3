import { request } from 'node:http';
import type { GraphQLResult } from './graphql-client';
import type { TestSystem } from './test-system';

let addresses = 0;

/**
 * A loopback address (127.0.0.0/8 is all loopback on Linux) that no other client of this test
 * process has used, so limits per client address start afresh. 127.0.0.1 stays for `t.query`.
 */
export function newClientAddress(): string {
  addresses += 1;
  return `127.77.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

/**
 * Sends one operation to the gateway from `address`, which the gateway sees as the client's
 * address (as it would a real client's, without trusting any forwarded header).
 */
export function queryFrom<Data = Record<string, any>>(
  t: TestSystem,
  address: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<Data>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      t.system.gatewayUrl,
      {
        method: 'POST',
        localAddress: address,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve({ status: res.statusCode ?? 0, ...parsed });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
