import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by {@link createTemporaryRoot} for the whole run; every test's folders live under it. */
const ROOT_VARIABLE = 'BAZAAR_TEST_TMPDIR';

/**
 * A fresh folder for a test (a DATA_DIR, a config file), under the run's temporary root, which
 * jest's global teardown removes with everything in it, so no test has to.
 */
export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(process.env[ROOT_VARIABLE] ?? tmpdir(), prefix));
}

/**
 * jest's global setup: one root for the run, readable by others so that the embedded
 * PostgreSQL, which runs as the `postgres` user, can reach a data folder under it.
 */
export function createTemporaryRoot(): void {
  const root = mkdtempSync(join(tmpdir(), 'bazaar-tests-'));
  chmodSync(root, 0o755);
  process.env[ROOT_VARIABLE] = root;
}

/** jest's global teardown: removes the run's root and every folder a test made in it. */
export function removeTemporaryRoot(): void {
  const root = process.env[ROOT_VARIABLE];
  if (root) rmSync(root, { recursive: true, force: true });
}
