import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { createAccessTokenSigner, createAccessTokenVerifier } from './access-token';

const keys = () =>
  generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

const USER_ID = '3f1c1a52-2c47-4c89-9a43-1d3c1a1f0b7e';

describe('access tokens', () => {
  const { privateKey, publicKey } = keys();

  /** A token like the users service's, with the parts a test leaves out left out, plus `extra`. */
  async function tokenWithout(
    omit: { exp?: boolean; sub?: boolean },
    privateKeyPem = privateKey,
    extra: JWTPayload = {},
  ) {
    const claims: JWTPayload = { role: 'CUSTOMER', ev: true, ...extra };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('bazaar-users')
      .setAudience('bazaar')
      .setIssuedAt();
    if (!omit.sub) jwt.setSubject(USER_ID);
    if (!omit.exp) jwt.setExpirationTime('5m');
    return jwt.sign(await importPKCS8(privateKeyPem, 'EdDSA'));
  }

  const VENDOR = {
    userId: USER_ID,
    role: 'VENDOR' as const,
    emailVerified: true,
    displayName: 'Acme Tools',
    displayNameAt: 1_764_480_000_123,
  };

  it('accepts what the signer issues, with the display name and when it was read', async () => {
    const sign = await createAccessTokenSigner(privateKey);
    const verify = await createAccessTokenVerifier(publicKey);
    const token = await sign(VENDOR);
    expect(await verify(token)).toEqual(VENDOR);
    expect(decodeJwt(token)).toMatchObject({ name: 'Acme Tools', nameAt: 1_764_480_000_123 });
  });

  it('accepts a token signed before names were, as a caller without a name', async () => {
    const verify = await createAccessTokenVerifier(publicKey);
    expect(await verify(await tokenWithout({}))).toEqual({
      userId: USER_ID,
      role: 'CUSTOMER',
      emailVerified: true,
      displayName: null,
      displayNameAt: null,
    });
  });

  it.each([
    ['a name longer than users allows', { name: 'x'.repeat(81), nameAt: 1 }],
    ['an empty name', { name: '', nameAt: 1 }],
    ['a name that is not a string', { name: 42, nameAt: 1 }],
    ['a name without when it was read', { name: 'Acme Tools' }],
    ['a time without a name', { nameAt: 1 }],
    ['a time that is no time', { name: 'Acme Tools', nameAt: 'yesterday' }],
    ['a fractional time', { name: 'Acme Tools', nameAt: 1.5 }],
  ])('refuses a correctly signed token with %s', async (_case, claims) => {
    const verify = await createAccessTokenVerifier(publicKey);
    expect(await verify(await tokenWithout({}, privateKey, claims))).toBeNull();
  });

  it('accepts a name of exactly the longest length users allows (the control)', async () => {
    const verify = await createAccessTokenVerifier(publicKey);
    const token = await tokenWithout({}, privateKey, { name: 'x'.repeat(80), nameAt: 1 });
    expect(await verify(token)).toMatchObject({ displayName: 'x'.repeat(80), displayNameAt: 1 });
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
    const token = await sign({ ...VENDOR, role: 'CUSTOMER', emailVerified: false });
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
    const token = await sign({ ...VENDOR, role: 'CUSTOMER', emailVerified: false });
    expect(await verify(token)).not.toBeNull();
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(64).toString('base64url')}`;
    expect(await verify(forged)).toBeNull();
  });
});
