import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** Where every SDL file lives: `schema/` at the repository root. */
export const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');

/** Reads and parses `schema/<name>.graphql`. */
export function loadSchemaFile(name: string): DocumentNode {
  return parse(readFileSync(join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
}
