/**
 * Republishes every vendor's display name once after the upgrade that gave catalog its own copy
 * of them (README "Deploying").
 *   npm run republish-vendor-names
 * Uses the same environment as the users service (DATABASE_URL, DATA_DIR, ...).
 */
import 'reflect-metadata';
import { usersConfigFromEnv } from '../subgraphs/users/config';
import { republishVendorNames } from '../subgraphs/users/operator';

republishVendorNames(usersConfigFromEnv(process.env)).then(
  (count) => process.stdout.write(`republished the names of ${count} vendors\n`),
  (error: unknown) => {
    process.stderr.write(`could not republish vendor names: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
