import { allow, or, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ForbiddenError } from '../../lib/errors';
import { isAdmin, isAuthenticated } from '../../lib/graphql/rules';
import type { UsersContext } from './context';

/**
 * The user is the caller, or this request just proved it owns the account (register, login,
 * verifyEmail answer with the account before any token is in play).
 */
const isOwnAccount = rule({ cache: 'strict' })(
  (user: { id: string }, _args, ctx: UsersContext) =>
    user.id === ctx.caller.userId || ctx.provenAccounts.has(user.id) || new ForbiddenError(),
);

/** Who may read and call what in the users subgraph; anything unlisted is denied. */
export const usersPermissions: IRules = {
  Query: { me: allow },
  Mutation: {
    register: allow,
    verifyEmail: allow,
    resendVerificationEmail: allow,
    login: allow,
    refreshToken: allow,
    logout: allow,
    requestPasswordReset: allow,
    resetPassword: allow,
    changePassword: isAuthenticated,
    updateProfile: isAuthenticated,
  },
  User: {
    id: allow,
    displayName: allow,
    role: allow,
    createdAt: allow,
    email: or(isOwnAccount, isAdmin),
    phone: or(isOwnAccount, isAdmin),
    emailVerified: or(isOwnAccount, isAdmin),
  },
  AuthPayload: allow,
};
