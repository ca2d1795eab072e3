import type { EntityManager } from 'typeorm';
import type { Role } from '../../../lib/auth/caller';
import { readRows, uniqueViolation } from '../../../lib/db/database';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../lib/errors';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import { parseInput } from '../../../lib/validation';
import { User } from '../entities/user.entity';
import type { RegisterInput, UpdateProfileInput } from '../generated/resolvers-types';
import {
  email as emailSchema,
  registerInput,
  updateProfileInput,
  opaqueToken,
} from '../validation';
import { subjectKey } from './abuse-limits';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens';
import { hashPassword } from './password-hasher';
import type { UsersDeps } from './users-deps';

/** Accounts: registration, email verification, profile. */
export class AccountService {
  constructor(private readonly deps: UsersDeps) {}

  /** Registrations are limited per client address; a refused one stores and sends nothing. */
  async register(rawInput: RegisterInput, requestId: string, ip: string | null): Promise<User> {
    const input = parseInput(registerInput, rawInput, 'input');
    await this.deps.limits.register.consume(null, ip);
    return this.createAccount({ ...input, phone: input.phone ?? null }, false, requestId);
  }

  /**
   * An account made by an operator (seeding, the admin CLI): any role, already verified. It goes
   * through the same rules, constraints and `user.registered` event as a registration.
   */
  async createVerifiedAccount(
    rawInput: Omit<RegisterInput, 'role'>,
    role: Role,
    requestId = 'operator',
  ): Promise<User> {
    const input = parseInput(registerInput.omit({ role: true }), rawInput, 'input');
    return this.createAccount({ ...input, phone: input.phone ?? null, role }, true, requestId);
  }

  private async createAccount(
    input: {
      email: string;
      phone: string | null;
      password: string;
      displayName: string;
      role: Role;
    },
    verified: boolean,
    requestId: string,
  ): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return this.withUniqueFields('input', () =>
      transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
        const user = await manager.save(
          manager.create(User, {
            email: input.email,
            phone: input.phone,
            passwordHash,
            displayName: input.displayName,
            role: input.role,
            emailVerifiedAt: verified ? new Date() : null,
          }),
        );
        const verificationToken = verified
          ? null
          : await this.issueVerificationToken(manager, user.id);
        await enqueueEvent(
          manager,
          'user.registered',
          {
            userId: user.id,
            email: user.email,
            displayName: user.displayName,
            role: user.role,
            verificationToken,
          },
          requestId,
        );
        return user;
      }),
    );
  }

  async verifyEmail(rawToken: string, requestId: string): Promise<User> {
    const token = parseInput(opaqueToken, rawToken, 'token');
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const userId = await consumeOneTimeToken(manager, token, 'EMAIL_VERIFICATION');
      if (!userId)
        throw new BadUserInputError('token', 'This verification link is invalid or has expired');
      const user = await manager.findOneByOrFail(User, { id: userId });
      if (!user.emailVerifiedAt) {
        user.emailVerifiedAt = new Date();
        await manager.save(user);
        await enqueueEvent(
          manager,
          'user.email_verified',
          { userId, email: user.email },
          requestId,
        );
      }
      return user;
    });
  }

  /**
   * Sends a fresh link to an unverified account; silent otherwise, so addresses can't be probed.
   * Limited per address and per recipient (whether or not it has an account, for the same reason).
   */
  async resendVerification(rawEmail: string, requestId: string, ip: string | null): Promise<void> {
    const email = parseInput(emailSchema, rawEmail, 'email');
    await this.deps.limits.accountEmail.consume(subjectKey('recipient', email), ip);
    await transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const user = await manager.findOneBy(User, { email });
      if (!user || user.emailVerifiedAt) return;
      const verificationToken = await this.issueVerificationToken(manager, user.id);
      await enqueueEvent(
        manager,
        'user.verification_requested',
        { userId: user.id, email, displayName: user.displayName, verificationToken },
        requestId,
      );
    });
  }

  async updateProfile(
    userId: string,
    rawInput: UpdateProfileInput,
    requestId: string,
  ): Promise<User> {
    const input = parseInput(updateProfileInput, rawInput, 'input');
    return this.withUniqueFields('input', () =>
      transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
        const user = await manager.findOneBy(User, { id: userId });
        if (!user) throw new NotFoundError('User');
        if (input.displayName !== undefined) user.displayName = input.displayName;
        if (input.phone !== undefined) user.phone = input.phone;
        await manager.save(user);
        await enqueueEvent(
          manager,
          'user.profile_updated',
          { userId, displayName: user.displayName, phone: user.phone },
          requestId,
        );
        return user;
      }),
    );
  }

  /**
   * Accounts by id in one statement (the DataLoader's batch). Plain SQL into the entity's shape:
   * TypeORM's query building and hydration were about a tenth of this subgraph's CPU per
   * storefront page.
   */
  findByIds(ids: readonly string[]): Promise<User[]> {
    return readRows<User>(
      this.deps.dataSource,
      `SELECT id, email, phone, password_hash AS "passwordHash", display_name AS "displayName",
              role, email_verified_at AS "emailVerifiedAt", created_at AS "createdAt",
              updated_at AS "updatedAt"
         FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  private issueVerificationToken(manager: EntityManager, userId: string): Promise<string> {
    return issueOneTimeToken(
      manager,
      userId,
      'EMAIL_VERIFICATION',
      this.deps.config.verificationTokenTtlMs,
    );
  }

  /** Turns a unique violation on email or phone into `CONFLICT` naming the field. */
  private async withUniqueFields<T>(argument: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'users_email_key') {
        throw new ConflictError(`${argument}.email`, 'An account with this email already exists');
      }
      if (constraint === 'users_phone_key') {
        throw new ConflictError(
          `${argument}.phone`,
          'An account with this phone number already exists',
        );
      }
      throw error;
    }
  }
}
