import { importPKCS8, importSPKI, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { LRUCache } from 'lru-cache';
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
}

/** Signs access tokens with the users service's private key (PKCS#8 PEM, Ed25519). */
export async function createAccessTokenSigner(privateKeyPem: string) {
  const key: KeyLike = await importPKCS8(privateKeyPem, ALGORITHM);
  return async (claims: AccessTokenClaims): Promise<string> =>
    new SignJWT({ role: claims.role, ev: claims.emailVerified })
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
      if (!payload.sub || !ROLES.includes(role)) return null;
      const claims = Object.freeze({
        userId: payload.sub,
        role,
        emailVerified: payload.ev === true,
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
