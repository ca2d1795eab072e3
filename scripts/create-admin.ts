/**
 * Creates a verified ADMIN account (admins cannot register through the API).
 *   npm run create-admin -- <email> <password> [display name]
 * Uses the same environment as the users service (DATABASE_URL, DATA_DIR, ...).
 */
import 'reflect-metadata';
import { usersConfigFromEnv } from '../subgraphs/users/config';
import { createOperatorAccounts } from '../subgraphs/users/operator';

const [email, password, displayName = 'Administrator'] = process.argv.slice(2);
if (!email || !password) {
  process.stderr.write('usage: npm run create-admin -- <email> <password> [display name]\n');
  process.exit(2);
}

createOperatorAccounts(usersConfigFromEnv(process.env), [
  { email, password, displayName, role: 'ADMIN' },
]).then(
  ([id]) => {
    process.stdout.write(id ? `admin ${email} created (${id})\n` : `${email} already exists\n`);
  },
  (error: unknown) => {
    process.stderr.write(`could not create the admin: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
