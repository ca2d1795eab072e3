import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { createAccessTokenSigner, createAccessTokenVerifier } from './access-token';

const keys = () =>
  generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

const USER_ID = '3f1c1a52-2c47-4c89-9a43-1d3c1a1f0b7e';

describe('access tokens', () => {
  const { privateKey, publicKey } = keys();

  /** A token like the users service's, with the parts a test leaves out left out. */
  async function tokenWithout(omit: { exp?: boolean; sub?: boolean }, privateKeyPem = privateKey) {
    const claims: JWTPayload = { role: 'CUSTOMER', ev: true };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('bazaar-users')
      .setAudience('bazaar')
      .setIssuedAt();
    if (!omit.sub) jwt.setSubject(USER_ID);
    if (!omit.exp) jwt.setExpirationTime('5m');
    return jwt.sign(await importPKCS8(privateKeyPem, 'EdDSA'));
  }

  it('accepts what the signer issues', async () => {
    const sign = await createAccessTokenSigner(privateKey);
    const verify = await createAccessTokenVerifier(publicKey);
    const token = await sign({ userId: USER_ID, role: 'VENDOR', emailVerified: true });
    expect(await verify(token)).toEqual({ userId: USER_ID, role: 'VENDOR', emailVerified: true });
  });

  it('accepts a complete hand-made token (the control for the refusals below)', async () => {
    const verify = await createAccessTokenVerifier(publicKey);
    expect(await verify(await tokenWithout({}))).toMatchObject({ userId: USER_ID });
  });

  it.each([
    ['without exp', { exp: true }],
    ['without sub', { sub: true }],
    ['without exp and sub', { exp: true, sub: true }],
  ])('refuses a correctly signed token %s', async (_case, omit) => {
    const verify = await createAccessTokenVerifier(publicKey);
    expect(await verify(await tokenWithout(omit))).toBeNull();
  });

  it('refuses a token signed with another key', async () => {
    const verify = await createAccessTokenVerifier(publicKey);
    expect(await verify(await tokenWithout({}, keys().privateKey))).toBeNull();
  });

  it('refuses an expired token', async () => {
    const verify = await createAccessTokenVerifier(publicKey);
    const expired = await new SignJWT({ role: 'CUSTOMER', ev: true })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('bazaar-users')
      .setAudience('bazaar')
      .setSubject(USER_ID)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(await importPKCS8(privateKey, 'EdDSA'));
    expect(await verify(expired)).toBeNull();
  });

  it('refuses a remembered token once it expires', async () => {
    const sign = await createAccessTokenSigner(privateKey);
    const verify = await createAccessTokenVerifier(publicKey);
    const token = await sign({ userId: USER_ID, role: 'CUSTOMER', emailVerified: false });
    expect(await verify(token)).toMatchObject({ userId: USER_ID });
    const expiry = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp;
    jest.useFakeTimers({ now: expiry * 1000, doNotFake: ['nextTick', 'queueMicrotask'] });
    try {
      expect(await verify(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token whose signature was altered after its original was accepted', async () => {
    const sign = await createAccessTokenSigner(privateKey);
    const verify = await createAccessTokenVerifier(publicKey);
    const token = await sign({ userId: USER_ID, role: 'CUSTOMER', emailVerified: false });
    expect(await verify(token)).not.toBeNull();
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(64).toString('base64url')}`;
    expect(await verify(forged)).toBeNull();
  });
});
