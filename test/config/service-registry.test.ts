import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DATABASES } from '../../launcher/databases';
import { GATEWAY, SUBGRAPHS, WORKERS } from '../../launcher/services';

/**
 * The places a new service is registered by hand (README "Adding a subgraph") agree with the
 * launcher's list; docker-compose.test.ts checks compose and Prometheus the same way.
 */
const ROOT = join(__dirname, '../..');
const rover = parse(readFileSync(join(ROOT, 'rover.yaml'), 'utf8')) as {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
};
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** Where a service's code lives: `gateway`, `subgraphs/<name>` or `workers/<name>`. */
function folderOf(name: string): string {
  if (name === GATEWAY.name) return 'gateway';
  return SUBGRAPHS.some((entry) => entry.name === name) ? `subgraphs/${name}` : `workers/${name}`;
}
const names = (entries: Array<{ name: string }>) => entries.map((entry) => entry.name).sort();

describe('the services the launcher runs', () => {
  it('are the subgraphs rover.yaml composes, each from its own SDL file', () => {
    expect(Object.keys(rover.subgraphs).sort()).toEqual(names(SUBGRAPHS));
    for (const [name, subgraph] of Object.entries(rover.subgraphs))
      expect([name, subgraph.schema.file]).toEqual([name, `./schema/${name}.graphql`]);
  });

  it('each have their database in launcher/databases.ts, the gateway none', () => {
    expect(Object.keys(DATABASES).sort()).toEqual(names([...SUBGRAPHS, ...WORKERS]));
    for (const name of Object.keys(DATABASES))
      expect([name, existsSync(join(ROOT, folderOf(name), 'database.ts'))]).toEqual([name, true]);
  });

  it('each start alone with `npm run start:<name>`, all together with `npm start`', () => {
    expect(scripts.start).toBe('node -r @swc-node/register launcher/main.ts');
    for (const { name } of [...SUBGRAPHS, ...WORKERS, GATEWAY])
      expect([name, scripts[`start:${name}`]]).toEqual([
        name,
        `node -r @swc-node/register ${folderOf(name)}/main.ts`,
      ]);
  });
});
