import { generateKeyPairSync } from 'node:crypto';
import { ed25519PrivateKeyPem, ed25519PublicKeyPem } from './pem-key';

const ed25519 = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('PEM keys from the environment', () => {
  it('accepts an Ed25519 pair, also written on one line with \\n escapes', () => {
    expect(ed25519PrivateKeyPem().parse(ed25519.privateKey)).toBe(ed25519.privateKey);
    const oneLine = ed25519.publicKey.replace(/\n/g, '\\n');
    expect(ed25519PublicKeyPem().parse(oneLine)).toBe(ed25519.publicKey);
  });

  it('refuses text, the wrong half and other algorithms', () => {
    const rsa = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    for (const bad of ['not a key', ed25519.publicKey, rsa.privateKey])
      expect(ed25519PrivateKeyPem().safeParse(bad).success).toBe(false);
    for (const bad of ['not a key', rsa.publicKey, ed25519.privateKey])
      expect(ed25519PublicKeyPem().safeParse(bad).success).toBe(false);
  });
});
