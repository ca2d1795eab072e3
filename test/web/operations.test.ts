import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';

/**
 * The web app's operations (web/src/operations; their types are generated, see codegen.test.ts)
 * are pinned here to the committed supergraph, so a schema change that breaks the app fails here
 * rather than in a person's browser. Shared fragments live in operations/fragments.ts and reach
 * these modules through the operations that spread them.
 */
const OPERATION_MODULES = ['storefront', 'orders', 'vendor', 'admin'];

function operationsOf(module: string): Array<[string, DocumentNode]> {
  // require, not import: the app's ESM sources are outside this project's type check.
  const exports = require(
    join(__dirname, '..', '..', 'web', 'src', 'operations', module),
  ) as Record<string, unknown>;
  return Object.entries(exports).flatMap(([name, value]): Array<[string, DocumentNode]> => {
    if (typeof value === 'string') return [[name, parse(value)]];
    if (value && typeof value === 'object' && (value as DocumentNode).kind === 'Document') {
      return [[name, value as DocumentNode]];
    }
    return [];
  });
}

describe("the web app's operations", () => {
  const schema = buildSchema(
    readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
    { assumeValidSDL: true },
  );

  it.each(OPERATION_MODULES)('in %s all validate against the supergraph', (module) => {
    const operations = operationsOf(module);
    expect(operations.length).toBeGreaterThan(0);
    const problems = operations.flatMap(([name, document]) =>
      validate(schema, document).map((error) => `${name}: ${error.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('would catch a field the supergraph does not have', () => {
    const errors = validate(schema, parse('{ products { edges { node { colour } } } }'));
    expect(errors.map((error) => error.message)).toEqual([
      'Cannot query field "colour" on type "Product".',
    ]);
  });
});
