import { callerId } from '../../../lib/graphql/request-context';
import type { UsersContext } from '../context';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation = {
  register: async (_: unknown, args: { input: unknown }, ctx: UsersContext) =>
    proven(ctx, await ctx.services.accounts.register(args.input, ctx.requestId, ctx.caller.ip)),

  verifyEmail: async (_: unknown, args: { token: unknown }, ctx: UsersContext) =>
    proven(ctx, await ctx.services.accounts.verifyEmail(args.token, ctx.requestId)),

  resendVerificationEmail: async (_: unknown, args: { email: unknown }, ctx: UsersContext) => {
    await ctx.services.accounts.resendVerification(args.email, ctx.requestId, ctx.caller.ip);
    return true;
  },

  login: async (_: unknown, args: { input: unknown }, ctx: UsersContext) => {
    const payload = await ctx.services.sessions.login(args.input, ctx.caller.ip);
    proven(ctx, payload.user);
    return payload;
  },

  refreshToken: async (_: unknown, args: { refreshToken: unknown }, ctx: UsersContext) => {
    const payload = await ctx.services.sessions.refresh(args.refreshToken);
    proven(ctx, payload.user);
    return payload;
  },

  logout: (_: unknown, args: { refreshToken: unknown }, ctx: UsersContext) =>
    ctx.services.sessions.logout(args.refreshToken),

  requestPasswordReset: async (_: unknown, args: { email: unknown }, ctx: UsersContext) => {
    await ctx.services.passwords.requestReset(args.email, ctx.requestId, ctx.caller.ip);
    return true;
  },

  resetPassword: async (
    _: unknown,
    args: { token: unknown; newPassword: unknown },
    ctx: UsersContext,
  ) => {
    await ctx.services.passwords.reset(args.token, args.newPassword, ctx.requestId);
    return true;
  },

  changePassword: async (
    _: unknown,
    args: { currentPassword: unknown; newPassword: unknown },
    ctx: UsersContext,
  ) => {
    await ctx.services.passwords.change(
      callerId(ctx),
      args.currentPassword,
      args.newPassword,
      ctx.requestId,
      ctx.caller.ip,
    );
    return true;
  },

  updateProfile: (_: unknown, args: { input: unknown }, ctx: UsersContext) =>
    ctx.services.accounts.updateProfile(callerId(ctx), args.input, ctx.requestId),
};

/** Lets the rest of this response show the account's private fields. */
function proven<T extends { id: string }>(ctx: UsersContext, user: T): T {
  ctx.provenAccounts.add(user.id);
  return user;
}
