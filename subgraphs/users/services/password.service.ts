import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../../lib/errors';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import { parseInput } from '../../../lib/validation';
import { User } from '../entities/user.entity';
import { email as emailSchema, givenPassword, newPassword, opaqueToken } from '../validation';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens';
import { hashPassword, passwordMatches } from './password-hasher';
import { revokeAllSessions } from './refresh-tokens';
import type { UsersDeps } from './users-deps';

/** Forgotten, reset and changed passwords. */
export class PasswordService {
  constructor(private readonly deps: UsersDeps) {}

  /** Emails a reset link when the account exists; the answer never says whether it does. */
  async requestReset(rawEmail: unknown, requestId: string): Promise<void> {
    const email = parseInput(emailSchema, rawEmail, 'email');
    await transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const user = await manager.findOneBy(User, { email });
      if (!user) return;
      const resetToken = await issueOneTimeToken(
        manager,
        user.id,
        'PASSWORD_RESET',
        this.deps.config.passwordResetTtlMs,
      );
      await enqueueEvent(
        manager,
        'user.password_reset_requested',
        { userId: user.id, email, displayName: user.displayName, resetToken },
        requestId,
      );
    });
  }

  /** Sets a new password with a reset token (single use) and ends every session. */
  async reset(rawToken: unknown, rawPassword: unknown, requestId: string): Promise<void> {
    const token = parseInput(opaqueToken, rawToken, 'token');
    const password = parseInput(newPassword, rawPassword, 'newPassword');
    const passwordHash = await hashPassword(password);
    await transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const userId = await consumeOneTimeToken(manager, token, 'PASSWORD_RESET');
      if (!userId)
        throw new BadUserInputError('token', 'This reset link is invalid or has expired');
      await this.setPassword(manager, userId, passwordHash, requestId);
    });
  }

  /** Changes the password of the signed-in user after checking the current one. */
  async change(
    userId: string,
    rawCurrent: unknown,
    rawNew: unknown,
    requestId: string,
  ): Promise<void> {
    const current = parseInput(givenPassword, rawCurrent, 'currentPassword');
    const password = parseInput(newPassword, rawNew, 'newPassword');
    const user = await this.deps.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    if (!(await passwordMatches(user.passwordHash, current))) {
      throw new BadUserInputError('currentPassword', 'The current password is not correct');
    }
    const passwordHash = await hashPassword(password);
    await transactionWithEvents(this.deps.dataSource, this.deps.publisher, (manager) =>
      this.setPassword(manager, userId, passwordHash, requestId),
    );
  }

  private async setPassword(
    manager: EntityManager,
    userId: string,
    passwordHash: string,
    requestId: string,
  ): Promise<void> {
    const user = await manager.findOneByOrFail(User, { id: userId });
    user.passwordHash = passwordHash;
    await manager.save(user);
    await revokeAllSessions(manager, userId);
    await enqueueEvent(manager, 'user.password_changed', { userId, email: user.email }, requestId);
  }
}
