import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { OneTimeToken, type OneTimeTokenPurpose } from '../entities/one-time-token.entity';
import { hashToken, newSecretToken } from './secret-token';

/**
 * Issues a single-use token for `purpose`, retiring any earlier unused one of the same purpose so
 * only the newest link works. Returns the raw token for the email.
 */
export async function issueOneTimeToken(
  manager: EntityManager,
  userId: string,
  purpose: OneTimeTokenPurpose,
  ttlMs: number,
): Promise<string> {
  await manager.update(
    OneTimeToken,
    { userId, purpose, usedAt: IsNull() },
    { usedAt: () => 'now()' },
  );
  const { token, hash } = newSecretToken();
  await manager.insert(OneTimeToken, {
    userId,
    purpose,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + ttlMs),
    usedAt: null,
  });
  return token;
}

/**
 * Marks a valid token used and returns its user id, or null when the token is unknown, used,
 * expired or for another purpose. The row lock makes two concurrent uses succeed at most once.
 */
export async function consumeOneTimeToken(
  manager: EntityManager,
  token: string,
  purpose: OneTimeTokenPurpose,
): Promise<string | null> {
  const found = await manager.findOne(OneTimeToken, {
    where: {
      tokenHash: hashToken(token),
      purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    },
    lock: { mode: 'pessimistic_write' },
  });
  if (!found) return null;
  const { affected } = await manager.update(
    OneTimeToken,
    { id: found.id, usedAt: IsNull() },
    { usedAt: () => 'now()' },
  );
  return affected ? found.userId : null;
}
