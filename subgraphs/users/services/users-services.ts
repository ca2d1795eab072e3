import { AccountService } from './account.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';
import type { UsersDeps } from './users-deps';

/** The users subgraph's services, built once at start-up. */
export interface UsersServices {
  accounts: AccountService;
  sessions: SessionService;
  passwords: PasswordService;
}

export function createUsersServices(deps: UsersDeps): UsersServices {
  return {
    accounts: new AccountService(deps),
    sessions: new SessionService(deps),
    passwords: new PasswordService(deps),
  };
}
