/**
 * The gateway's subgraph HTTP client alone: `SubgraphDataSource.process` against a local server
 * that answers a fixed storefront-sized body, with make-fetch-happen (Apollo's default) and with
 * `subgraphFetcher`, taking turns. Prints CPU per request and requests per second of this process.
 * Run it the way the services run (`node -r @swc-node/register bench/gateway-fetch.ts`), since the
 * loader's source-map-support is part of what agent-base's per-request stack trace costs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ANONYMOUS } from '../lib/auth/caller';
import { SubgraphDataSource } from '../gateway/subgraph-data-source';
import { subgraphFetcher } from '../gateway/subgraph-fetcher';

const REQUESTS = Number(process.env.REQUESTS ?? 20_000);
const CONCURRENCY = 32;

const answer = JSON.stringify({
  data: {
    products: {
      edges: Array.from({ length: 20 }, (_, i) => ({
        node: { id: `p${i}`, name: `Product ${i}`, price: { amount: 100 + i, currency: 'EUR' } },
      })),
    },
  },
});

async function measure(name: string, source: SubgraphDataSource): Promise<void> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let sent = 0;
  const worker = async () => {
    while (sent < REQUESTS) {
      sent++;
      await source.process({
        kind: 'health check', // GraphQLDataSourceRequestKind.HEALTH_CHECK: no incoming request
        request: { query: '{ products(first: 20) { edges { node { id } } } }', http: undefined },
        context: { caller: ANONYMOUS, requestId: 'bench-request-id' },
      } as never);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const { user, system } = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${name.padEnd(20)} ${((user + system) / 1000 / REQUESTS).toFixed(3)} ms CPU/request, ` +
      `${Math.round(REQUESTS / seconds)} req/s`,
  );
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.setHeader('content-type', 'application/json').end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  // Apollo's own default, as RemoteGraphQLDataSource builds it.
  // Apollo's dependency, untyped: only its `defaults` is used.
  const makeFetchHappen = require('make-fetch-happen') as {
    defaults(options: object): RemoteGraphQLDataSource['fetcher'];
  };
  const apolloDefault = makeFetchHappen.defaults({ maxSockets: Infinity, retry: false });
  const lean = new SubgraphDataSource(url, 'secret', undefined, subgraphFetcher());
  const before = new SubgraphDataSource(url, 'secret', undefined, apolloDefault);
  for (let round = 1; round <= 2; round++) {
    await measure(`make-fetch-happen #${round}`, before);
    await measure(`subgraphFetcher #${round}`, lean);
  }
  server.close();
  server.closeAllConnections();
}

void main();
