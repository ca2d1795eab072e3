import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../lib/graphql/schema-file';

/** The composed, committed supergraph the gateway serves (`npm run compose` writes it). */
export const SUPERGRAPH_PATH = join(SCHEMA_DIR, 'supergraph.graphql');

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

/** Subgraph names and routing URLs as the supergraph declares them (`join__Graph`). */
export function subgraphsOf(supergraphSdl: string): Array<{ name: string; url: string }> {
  const pattern = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;
  return [...supergraphSdl.matchAll(pattern)].map(([, name, url]) => ({ name, url }));
}
