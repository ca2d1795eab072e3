import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../../lib/errors';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import { parseInput } from '../../../lib/validation';
import { User } from '../entities/user.entity';
import { email as emailSchema, givenPassword, newPassword, opaqueToken } from '../validation';
import { subjectKey } from './abuse-limits';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens';
import { hashPassword, passwordMatches } from './password-hasher';
import { revokeAllSessions } from './refresh-tokens';
import type { UsersDeps } from './users-deps';

/** Forgotten, reset and changed passwords. */
export class PasswordService {
  constructor(private readonly deps: UsersDeps) {}

  /**
   * Emails a reset link when the account exists; the answer never says whether it does. Limited
   * per address and per recipient, whether or not it has an account, for the same reason.
   */
  async requestReset(rawEmail: string, requestId: string, ip: string | null): Promise<void> {
    const email = parseInput(emailSchema, rawEmail, 'email');
    await this.deps.limits.accountEmail.consume(subjectKey('recipient', email), ip);
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
  async reset(rawToken: string, rawPassword: string, requestId: string): Promise<void> {
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

  /**
   * Changes the password of the signed-in user after checking the current one. Every attempt is
   * counted per account and per address before the check, so a stolen access token is no
   * unlimited oracle for the password.
   */
  async change(
    userId: string,
    rawCurrent: string,
    rawNew: string,
    requestId: string,
    ip: string | null,
  ): Promise<void> {
    const current = parseInput(givenPassword, rawCurrent, 'currentPassword');
    const password = parseInput(newPassword, rawNew, 'newPassword');
    await this.deps.limits.passwordChange.consume(`user:${userId}`, ip);
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
