import type { Role } from '../../lib/auth/caller';
import { createAccessTokenSigner } from '../../lib/auth/access-token';
import { openDatabase } from '../../lib/db/database';
import { withEventTables } from '../../lib/events/event-tables';
import { enqueueEvent } from '../../lib/events/outbox';
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
  const dataSource = await openUsersDatabase(config);
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

/**
 * Republishes `user.profile_updated` with the current name and phone of every vendor, once after
 * the upgrade that gave catalog its copy of display names: catalog learns a name from user events
 * and vendors' tokens, and a vendor whose events left the stream before then (and who changes no
 * product) would otherwise stay unknown there. Safe to run again: it states the present. The rows
 * are read `FOR SHARE` in the transaction that writes the events, so a rename waits for it and
 * occurs after them. Events go to the outbox; the running users service publishes them.
 * Returns how many vendors it republished.
 */
export async function republishVendorNames(config: UsersConfig): Promise<number> {
  const dataSource = await openUsersDatabase(config);
  try {
    return await dataSource.transaction(async (manager) => {
      const vendors: Array<{ id: string; display_name: string; phone: string | null }> =
        await manager.query(
          `SELECT id, display_name, phone FROM users WHERE role = 'VENDOR' ORDER BY id FOR SHARE`,
        );
      for (const vendor of vendors) {
        await enqueueEvent(
          manager,
          'user.profile_updated',
          { userId: vendor.id, displayName: vendor.display_name, phone: vendor.phone },
          'operator',
        );
      }
      return vendors.length;
    });
  } finally {
    await dataSource.destroy();
  }
}

function openUsersDatabase(config: UsersConfig) {
  return openDatabase({
    url: config.databaseUrl,
    ...withEventTables(usersDatabase),
    logger: createLogger('users-operator', config.logLevel),
  });
}
