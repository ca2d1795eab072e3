import { decodeJwt, importPKCS8, SignJWT } from 'jose';
import { loadOrCreateDevSigningKeys } from '../../lib/auth/signing-keys';
import type { SignedIn } from './accounts';
import type { TestSystem } from './test-system';

/**
 * The same access token as `session`'s (same subject, role, issuer and audience), re-signed with
 * the system's dev key so that it expires `expiresInSeconds` from now instead of in 15 minutes,
 * or never (`null`: a token no Bazaar service issues).
 */
export async function resignedToken(
  t: TestSystem,
  session: SignedIn,
  expiresInSeconds: number | null,
): Promise<string> {
  const { privateKeyPem } = loadOrCreateDevSigningKeys(t.env.DATA_DIR!);
  const { exp: _exp, ...claims } = decodeJwt(session.accessToken);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuedAt();
  if (expiresInSeconds !== null) {
    jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds);
  }
  return jwt.sign(await importPKCS8(privateKeyPem, 'EdDSA'));
}
