import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

interface Linted {
  file: string;
  walls: string[];
}

/**
 * ESLint's Node API with the repository's own eslint.config.mjs, in a plain Node process: jest's
 * module sandbox cannot import an ES module config. The files need not exist; `filePath` decides
 * which rules apply, as `npm run lint` would for a file of that name.
 */
const LINT = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.mjs' });
const linted = [];
for (const { file, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath: file });
  linted.push({
    file,
    walls: result.messages.filter((m) => m.ruleId === 'bazaar/walls').map((m) => m.message),
  });
}
process.stdout.write(JSON.stringify(linted));
`;

function lint(cases: Array<{ file: string; code: string }>): Promise<Linted[]> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', LINT, JSON.stringify(cases)],
      { cwd: ROOT },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

const importing = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;

/** Deliberate violations: each names the file, what it imports and the wall it crosses. */
const VIOLATIONS = [
  [
    'lib/events/probe.ts',
    importing('../../subgraphs/orders/config'),
    'lib may not import subgraphs/orders',
  ],
  ['lib/probe.ts', importing('../launcher/services'), 'lib may not import launcher'],
  ['lib/http/probe.ts', importing('../../gateway/config'), 'lib may not import gateway'],
  [
    'lib/mail/probe.ts',
    importing('../../workers/mailer/config'),
    'lib may not import workers/mailer',
  ],
  [
    'subgraphs/orders/services/probe.ts',
    importing('../../catalog/entities/product.entity'),
    'subgraphs/orders may not import subgraphs/catalog',
  ],
  [
    'subgraphs/payments/probe.ts',
    "export * from '../orders/database';\n",
    'subgraphs/payments may not import subgraphs/orders',
  ],
  [
    'subgraphs/users/probe.ts',
    "export const config = require('../inventory/config');\n",
    'subgraphs/users may not import subgraphs/inventory',
  ],
  [
    'gateway/probe.ts',
    importing('../subgraphs/users/config'),
    'gateway may not import subgraphs/users',
  ],
  [
    'workers/mailer/probe.ts',
    importing('../../subgraphs/orders/config'),
    'workers/mailer may not import subgraphs/orders',
  ],
] as const;

/** Imports within the walls. */
const LEGAL = [
  ['subgraphs/orders/services/probe.ts', importing('../../../lib/money')],
  ['subgraphs/orders/services/probe.ts', importing('../entities/order.entity')],
  ['gateway/probe.ts', importing('../lib/config/parse-env')],
  ['launcher/probe.ts', importing('../subgraphs/users/operator')],
  ['test/orders/probe.test.ts', importing('../../subgraphs/orders/services/order-state')],
  ['scripts/probe.ts', importing('../subgraphs/users/database')],
] as const;

describe('the lint walls', () => {
  let violations: Linted[];
  let legal: Linted[];

  beforeAll(async () => {
    const linted = await lint(
      [...VIOLATIONS, ...LEGAL].map(([file, code]) => ({ file: join(ROOT, file), code })),
    );
    violations = linted.slice(0, VIOLATIONS.length);
    legal = linted.slice(VIOLATIONS.length);
  }, 60_000);

  it.each(VIOLATIONS.map(([file, , wall], index) => [wall, file, index]))(
    'reports that %s (%s)',
    (wall, _file, index) => {
      expect(violations[index as number].walls).toEqual([expect.stringContaining(wall as string)]);
    },
  );

  it('reports no import that stays within the walls', () => {
    expect(legal.filter((linted) => linted.walls.length)).toEqual([]);
  });
});
