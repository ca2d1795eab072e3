import type { UsersContext } from '../context';
import type { User } from '../entities/user.entity';

export const Query = {
  me: (_parent: unknown, _args: unknown, ctx: UsersContext): Promise<User | null> | null =>
    ctx.caller.userId ? ctx.loaders.userById.load(ctx.caller.userId) : null,
};
