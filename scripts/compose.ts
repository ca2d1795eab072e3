/**
 * Composes the subgraphs listed in rover.yaml into schema/supergraph.graphql.
 *   npm run compose          writes the file
 *   npm run compose:check    fails when composition has errors or hints, or the file is stale
 */
import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

interface RoverConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

const root = join(__dirname, '..');
const target = join(root, 'schema', 'supergraph.graphql');
const check = process.argv.includes('--check');

const config = parseYaml(readFileSync(join(root, 'rover.yaml'), 'utf8')) as RoverConfig;
const result = composeServices(
  Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(join(root, subgraph.schema.file), 'utf8')),
  })),
);

if (result.errors) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints) console.error(`composition hint: ${hint.toString()}`);
const supergraph = `${result.supergraphSdl.trim()}\n`;

if (check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== supergraph) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
    process.exit(1);
  }
  if (result.hints.length) process.exit(1);
  console.log('supergraph composes and is up to date');
} else {
  writeFileSync(target, supergraph);
  console.log(`wrote ${target}`);
}
