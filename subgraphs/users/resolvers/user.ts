import type { UsersContext } from '../context';
import type { User as UserEntity } from '../entities/user.entity';

export const User = {
  __resolveReference: (reference: { id: string }, ctx: UsersContext) =>
    ctx.loaders.userById.load(reference.id),
  emailVerified: (user: UserEntity) => user.emailVerifiedAt !== null,
};
