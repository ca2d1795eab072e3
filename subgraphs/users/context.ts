import DataLoader from 'dataloader';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { User } from './entities/user.entity';
import type { UsersServices } from './services/users-services';

/** Per-request context of the users subgraph. */
export interface UsersContext extends RequestContext {
  services: UsersServices;
  loaders: { userById: DataLoader<string, User | null> };
  /** Accounts this request proved it owns (register, login, verifyEmail) before having a token. */
  provenAccounts: Set<string>;
}

export function createUsersContext(base: RequestContext, services: UsersServices): UsersContext {
  // Onto `base` (made for this request) rather than a spread copy, which would also make its
  // lazy child logger.
  return Object.assign(base, {
    services,
    provenAccounts: new Set<string>(),
    loaders: {
      userById: new DataLoader<string, User | null>(async (ids) => {
        const users = await services.accounts.findByIds(ids);
        const byId = new Map(users.map((user) => [user.id, user]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    },
  });
}
