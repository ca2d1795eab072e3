import { ACCESS_TOKEN_TTL_SECONDS } from '../../../lib/auth/access-token';
import { UnauthenticatedError } from '../../../lib/errors';
import { parseInput } from '../../../lib/validation';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User } from '../entities/user.entity';
import type { LoginInput } from '../generated/resolvers-types';
import { loginInput, opaqueToken } from '../validation';
import { subjectKey } from './abuse-limits';
import { passwordMatches, verifyAgainstDecoy } from './password-hasher';
import { issueRefreshToken, revokeFamily } from './refresh-tokens';
import { hashToken } from './secret-token';
import type { UsersDeps } from './users-deps';

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

/** Login sessions: login, refresh-token rotation with reuse detection, logout. */
export class SessionService {
  constructor(private readonly deps: UsersDeps) {}

  /**
   * Login by email or phone. Each attempt is counted per account and per address BEFORE the
   * password is checked (reserve, then check), so a burst of parallel guesses gets no more
   * checks than the limit allows; a success takes its attempt back.
   */
  async login(rawInput: LoginInput, ip: string | null): Promise<AuthPayload> {
    const input = parseInput(loginInput, rawInput, 'input');
    const users = this.deps.dataSource.getRepository(User);
    const readAt = Date.now();
    const user = input.login.startsWith('+')
      ? await users.findOneBy({ phone: input.login })
      : await users.findOneBy({ email: input.login.toLowerCase() });
    // Email and phone of one account share its count; unknown logins are counted by name, so
    // probing for accounts is limited too.
    const subject = user ? `user:${user.id}` : subjectKey('login', input.login.toLowerCase());
    await this.deps.limits.login.consume(subject, ip);
    const valid = user
      ? await passwordMatches(user.passwordHash, input.password)
      : await verifyAgainstDecoy(input.password).then(() => false);
    if (!user || !valid) throw new UnauthenticatedError('Wrong login or password');
    await this.deps.limits.login.forgive(subject, ip);
    const refreshToken = await this.deps.dataSource.transaction((manager) =>
      issueRefreshToken(manager, user.id, this.deps.config.refreshTokenTtlMs),
    );
    return this.payload(user, readAt, refreshToken);
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already exchanged means it was
   * copied: the whole session is revoked and the caller must log in again.
   */
  async refresh(rawToken: string): Promise<AuthPayload> {
    const token = parseInput(opaqueToken, rawToken, 'refreshToken');
    const outcome = await this.deps.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(RefreshToken, {
        where: { tokenHash: hashToken(token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current || current.revokedAt || current.expiresAt <= new Date())
        return 'invalid' as const;
      if (current.usedAt) {
        await revokeFamily(manager, current.familyId);
        return 'reused' as const;
      }
      current.usedAt = new Date();
      await manager.save(current);
      const readAt = Date.now();
      const user = await manager.findOneByOrFail(User, { id: current.userId });
      const next = await issueRefreshToken(
        manager,
        user.id,
        this.deps.config.refreshTokenTtlMs,
        current.familyId,
      );
      return { user, readAt, next };
    });
    if (outcome === 'reused') {
      throw new UnauthenticatedError(
        'This refresh token was already used; the session has been ended',
      );
    }
    if (outcome === 'invalid') throw new UnauthenticatedError('Invalid or expired refresh token');
    return this.payload(outcome.user, outcome.readAt, outcome.next);
  }

  /** Ends the session the token belongs to. Answers true for unknown tokens too. */
  async logout(rawToken: string): Promise<boolean> {
    const token = parseInput(opaqueToken, rawToken, 'refreshToken');
    await this.deps.dataSource.transaction(async (manager) => {
      const current = await manager.findOneBy(RefreshToken, { tokenHash: hashToken(token) });
      if (current) await revokeFamily(manager, current.familyId);
    });
    return true;
  }

  /** `readAt`: taken just before `user` was read, so no later rename is older than it. */
  private async payload(user: User, readAt: number, refreshToken: string): Promise<AuthPayload> {
    const accessToken = await this.deps.signAccessToken({
      userId: user.id,
      role: user.role,
      emailVerified: user.emailVerifiedAt !== null,
      displayName: user.displayName,
      displayNameAt: readAt,
    });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user };
  }
}
