import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  me: (_parent, _args, ctx) =>
    ctx.caller.userId ? ctx.loaders.userById.load(ctx.caller.userId) : null,
};
