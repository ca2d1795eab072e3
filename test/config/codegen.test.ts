import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Each subgraph's resolver, argument and enum types are generated from its SDL by GraphQL Code
 * Generator (`npm run codegen`, root codegen.ts) and committed, so a build never needs codegen.
 * This fails when a committed file no longer matches the SDL, naming the command that fixes it.
 */
const ROOT = join(__dirname, '..', '..');

describe("the subgraphs' generated resolver types", () => {
  it('match what codegen makes from schema/<name>.graphql today', () => {
    const check = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'graphql-codegen'),
      ['--config', 'codegen.ts', '--check'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const outcome =
      check.status === 0
        ? 'fresh'
        : `stale or failing; run \`npm run codegen\` and commit the result:\n` +
          `${check.error?.message ?? ''}${check.stdout}${check.stderr}`;
    expect(outcome).toBe('fresh');
  }, 30_000);
});
