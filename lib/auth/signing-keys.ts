import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SigningKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The access-token key pair for development: generated once and kept under
 * `<dataDir>/keys`, so tokens survive restarts. Production passes keys explicitly.
 */
export function loadOrCreateDevSigningKeys(dataDir: string): SigningKeys {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, 'access-token.private.pem');
  const publicPath = join(dir, 'access-token.public.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateKeyPem: readFileSync(privatePath, 'utf8'),
      publicKeyPem: readFileSync(publicPath, 'utf8'),
    };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(privatePath, privateKey, { mode: 0o600 });
  writeFileSync(publicPath, publicKey);
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
