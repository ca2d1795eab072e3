import type { Role } from '../../lib/auth/caller';
import { createAccessTokenSigner } from '../../lib/auth/access-token';
import { openDatabase } from '../../lib/db/database';
import { withEventTables } from '../../lib/events/event-tables';
import { createLogger } from '../../lib/logger';
import type { UsersConfig } from './config';
import { usersDatabase } from './database';
import { AbuseLimits } from './services/abuse-limits';
import { AccountService } from './services/account.service';

export interface OperatorAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

/**
 * Creates verified accounts straight in the users database, as an operator would (ADMIN is never
 * a registration choice). Events go to the outbox; the running users service publishes them.
 * Returns the ids in order; accounts whose email already exists are skipped (null).
 */
export async function createOperatorAccounts(
  config: UsersConfig,
  accounts: OperatorAccount[],
): Promise<Array<string | null>> {
  const logger = createLogger('users-operator', config.logLevel);
  const dataSource = await openDatabase({
    url: config.databaseUrl,
    ...withEventTables(usersDatabase),
    logger,
  });
  try {
    const service = new AccountService({
      dataSource,
      config,
      signAccessToken: await createAccessTokenSigner(config.signingKeys.privateKeyPem),
      publisher: { kick: () => {} },
      limits: new AbuseLimits(dataSource, config.abuseLimits),
    });
    const ids: Array<string | null> = [];
    for (const { role, ...input } of accounts) {
      try {
        ids.push((await service.createVerifiedAccount(input, role)).id);
      } catch (error) {
        if ((error as { extensions?: { code?: string } }).extensions?.code !== 'CONFLICT')
          throw error;
        ids.push(null);
      }
    }
    return ids;
  } finally {
    await dataSource.destroy();
  }
}
