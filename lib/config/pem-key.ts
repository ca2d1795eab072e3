import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';

/**
 * A PEM key in an environment variable. `.env` files and secret stores often carry it on one line
 * with `\n` escapes; those become real line breaks before the key is checked.
 */
function pemKey(kind: 'private' | 'public', format: string) {
  // PKCS#8 and SPKI have these labels; Node would also derive a public key from a private one.
  const label = `-----BEGIN ${kind.toUpperCase()} KEY-----`;
  return z
    .string()
    .transform((pem) => pem.replace(/\\n/g, '\n'))
    .refine(
      (pem) => {
        if (!pem.trimStart().startsWith(label)) return false;
        try {
          const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
          return key.asymmetricKeyType === 'ed25519' && key.type === kind;
        } catch {
          return false;
        }
      },
      { message: `not an Ed25519 ${kind} key (${format} PEM)` },
    );
}

/** The users service's access-token signing key: Ed25519, PKCS#8 PEM. */
export const ed25519PrivateKeyPem = () => pemKey('private', 'PKCS#8');

/** The public half the gateway verifies access tokens with: Ed25519, SPKI PEM. */
export const ed25519PublicKeyPem = () => pemKey('public', 'SPKI');
