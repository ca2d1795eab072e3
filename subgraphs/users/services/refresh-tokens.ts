import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { RefreshToken } from '../entities/refresh-token.entity';
import { newSecretToken } from './secret-token';

/** Issues the next refresh token of a session; a new session when `familyId` is omitted. */
export async function issueRefreshToken(
  manager: EntityManager,
  userId: string,
  ttlMs: number,
  familyId: string = randomUUID(),
): Promise<string> {
  const { token, hash } = newSecretToken();
  await manager.insert(RefreshToken, {
    userId,
    familyId,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + ttlMs),
    usedAt: null,
    revokedAt: null,
  });
  return token;
}

/** Ends one login session: every token of the family stops working. */
export async function revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
  await manager.update(
    RefreshToken,
    { familyId, revokedAt: IsNull() },
    { revokedAt: () => 'now()' },
  );
}

/** Ends every login session of a user (password changed or reset). */
export async function revokeAllSessions(manager: EntityManager, userId: string): Promise<void> {
  await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
}
