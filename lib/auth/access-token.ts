import { importPKCS8, importSPKI, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { LRUCache } from 'lru-cache';
import { MAX_DISPLAY_NAME_LENGTH } from '../display-name';
import { ROLES, type Role } from './caller';

const ALGORITHM = 'EdDSA';
const ISSUER = 'bazaar-users';
const AUDIENCE = 'bazaar';

/** Lifetime of an access token: 15 minutes. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessTokenClaims {
  userId: string;
  role: Role;
  emailVerified: boolean;
  /**
   * The account's public display name (claim `name`), so a subgraph that shows it (catalog, for
   * a product's vendor) has it from the very first request, before any `user.*` event reached it.
   * Null only in tokens signed before names were (valid for at most 15 minutes after the upgrade).
   */
  displayName: string | null;
  /**
   * When users read that name from the account (claim `nameAt`, ms since the epoch), taken before
   * the read: a rename committed after it occurred later, so its event wins over this token.
   * Not `iat`: a login signs only after the password check, ~100 ms after reading the account,
   * and a rename in between would otherwise lose to the older name.
   */
  displayNameAt: number | null;
}

/** Signs access tokens with the users service's private key (PKCS#8 PEM, Ed25519). */
export async function createAccessTokenSigner(privateKeyPem: string) {
  const key: KeyLike = await importPKCS8(privateKeyPem, ALGORITHM);
  return async (claims: AccessTokenClaims): Promise<string> =>
    new SignJWT({
      role: claims.role,
      ev: claims.emailVerified,
      ...(claims.displayName === null
        ? {}
        : { name: claims.displayName, nameAt: claims.displayNameAt }),
    })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(key);
}

export type AccessTokenSigner = Awaited<ReturnType<typeof createAccessTokenSigner>>;

/**
 * How many verified tokens a verifier remembers (the least recently presented forgotten first): a signature check costs
 * about a tenth of the gateway's CPU per signed-in request, and a client sends its token with
 * every request for up to its 15 minutes.
 */
const REMEMBERED_TOKENS = 2_000;

/**
 * Verifies access tokens with the public key (SPKI PEM); resolves to null when invalid or expired.
 * A token must carry `exp` and `sub`: one without an expiry would be valid for ever, and the
 * users service never signs one, so such a token is treated exactly like a forged one.
 *
 * A token that verified is remembered until its `exp` (a token is immutable and valid until then
 * whoever presents it, so the answer cannot change); only valid tokens are remembered.
 */
export async function createAccessTokenVerifier(publicKeyPem: string) {
  const key: KeyLike = await importSPKI(publicKeyPem, ALGORITHM);
  const verified = new LRUCache<string, { claims: AccessTokenClaims; expiresAtMs: number }>({
    max: REMEMBERED_TOKENS,
  });
  return async (token: string): Promise<AccessTokenClaims | null> => {
    const known = verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.claims;
    if (known) verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'sub'],
      });
      const role = payload.role as Role;
      const name = nameClaims(payload);
      if (!payload.sub || !ROLES.includes(role) || !name) return null;
      const claims = Object.freeze({
        userId: payload.sub,
        role,
        emailVerified: payload.ev === true,
        ...name,
      });
      // jose accepts a token while the current second is before `exp`.
      verified.set(token, { claims, expiresAtMs: payload.exp! * 1000 });
      return claims;
    } catch {
      return null;
    }
  };
}

export type AccessTokenVerifier = Awaited<ReturnType<typeof createAccessTokenVerifier>>;

type NameClaims = Pick<AccessTokenClaims, 'displayName' | 'displayNameAt'>;

/**
 * The token's name and when it was read; both absent in a token older than them. Anything else
 * (one without the other, an empty or overlong name, a time that is no time) is no token users
 * signs, so it is refused like a forged one: undefined.
 */
function nameClaims(payload: Record<string, unknown>): NameClaims | undefined {
  const { name, nameAt } = payload;
  if (name === undefined && nameAt === undefined) return { displayName: null, displayNameAt: null };
  const validName =
    typeof name === 'string' && name.length > 0 && name.length <= MAX_DISPLAY_NAME_LENGTH;
  const validTime = typeof nameAt === 'number' && Number.isSafeInteger(nameAt) && nameAt >= 0;
  return validName && validTime ? { displayName: name, displayNameAt: nameAt } : undefined;
}
