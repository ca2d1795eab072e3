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
  return {
    ...base,
    services,
    provenAccounts: new Set(),
    loaders: {
      userById: new DataLoader(async (ids) => {
        const users = await services.accounts.findByIds(ids);
        const byId = new Map(users.map((user) => [user.id, user]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    },
  };
}
