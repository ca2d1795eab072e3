import { callerId } from '../../../lib/graphql/request-context';
import type { UsersContext } from '../context';
import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation: MutationResolvers = {
  register: async (_, args, ctx) =>
    proven(ctx, await ctx.services.accounts.register(args.input, ctx.requestId, ctx.caller.ip)),

  verifyEmail: async (_, args, ctx) =>
    proven(ctx, await ctx.services.accounts.verifyEmail(args.token, ctx.requestId)),

  resendVerificationEmail: async (_, args, ctx) => {
    await ctx.services.accounts.resendVerification(args.email, ctx.requestId, ctx.caller.ip);
    return true;
  },

  login: async (_, args, ctx) => {
    const payload = await ctx.services.sessions.login(args.input, ctx.caller.ip);
    proven(ctx, payload.user);
    return payload;
  },

  refreshToken: async (_, args, ctx) => {
    const payload = await ctx.services.sessions.refresh(args.refreshToken);
    proven(ctx, payload.user);
    return payload;
  },

  logout: (_, args, ctx) => ctx.services.sessions.logout(args.refreshToken),

  requestPasswordReset: async (_, args, ctx) => {
    await ctx.services.passwords.requestReset(args.email, ctx.requestId, ctx.caller.ip);
    return true;
  },

  resetPassword: async (_, args, ctx) => {
    await ctx.services.passwords.reset(args.token, args.newPassword, ctx.requestId);
    return true;
  },

  changePassword: async (_, args, ctx) => {
    await ctx.services.passwords.change(
      callerId(ctx),
      args.currentPassword,
      args.newPassword,
      ctx.requestId,
      ctx.caller.ip,
    );
    return true;
  },

  updateProfile: (_, args, ctx) =>
    ctx.services.accounts.updateProfile(callerId(ctx), args.input, ctx.requestId),
};

/** Lets the rest of this response show the account's private fields. */
function proven<T extends { id: string }>(ctx: UsersContext, user: T): T {
  ctx.provenAccounts.add(user.id);
  return user;
}
