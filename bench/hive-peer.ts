import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SECRET_HEADER } from '../lib/auth/caller';
import { postGraphQL } from '../lib/graphql/http-client';
import { freePort } from '../test/support/free-port';
import { waitFor } from '../test/support/wait-for';

const ROOT = resolve(__dirname, '..');

export interface Peer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Hive Gateway (The Guild's Node federation gateway, its own CLI as a separate process) on the
 * committed supergraph, pointed at the running subgraphs and sending them the subgraph secret:
 * the same subgraphs serve both gateways in one run. Merging of identical requests in flight is off
 * (see below).
 */
export async function startHiveGateway(
  subgraphUrls: Record<string, string>,
  secret: string,
): Promise<Peer> {
  const dir = mkdtempSync(join(tmpdir(), 'bazaar-hive-'));
  const supergraph = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8').replace(
    /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (_, name: string) => `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")`,
  );
  writeFileSync(join(dir, 'supergraph.graphql'), supergraph);
  writeFileSync(
    join(dir, 'gateway.config.mjs'),
    // Its HTTP executor merges identical subgraph requests in flight by default: under a load of
    // one repeated query most requests never reach a subgraph (a cache, in effect). Off, so both
    // gateways do the same work; Bazaar's gateway caches anonymous pages on its own terms.
    `export const gatewayConfig = {
  propagateHeaders: { fromClientToSubgraphs: () => ({ '${SECRET_HEADER}': process.env.BENCH_SUBGRAPH_SECRET }) },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
};\n`,
  );
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js'),
      'supergraph',
      join(dir, 'supergraph.graphql'),
      '--config-path',
      join(dir, 'gateway.config.mjs'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', BENCH_SUBGRAPH_SECRET: secret },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`Hive Gateway exited: ${stderr}`);
      return postGraphQL(url, '{ __typename }').then(
        (answer) => answer.status === 200,
        () => false,
      );
    },
    'Hive Gateway to answer',
    60_000,
  );
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
