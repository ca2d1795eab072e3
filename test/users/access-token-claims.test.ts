import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { loadOrCreateDevSigningKeys } from '../../lib/auth/signing-keys';
import { REFRESH, signUp, type SignedIn } from '../support/accounts';
import { startTestSystem, type TestSystem } from '../support/test-system';

const UPDATE = 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName } }';

describe('access-token claims at the gateway', () => {
  let t: TestSystem;
  let session: SignedIn;
  beforeAll(async () => {
    t = await startTestSystem();
    session = await signUp(t, { displayName: 'Original Name' });
  });
  afterAll(() => t.stop());

  /**
   * `session`'s token re-signed with `privateKeyPem` (default: the system's real key), minus
   * `omit`, with `extra` claims over its own.
   */
  async function resigned(
    omit: Array<'exp' | 'sub'>,
    privateKeyPem?: string,
    extra: JWTPayload = {},
  ): Promise<string> {
    const key = privateKeyPem ?? loadOrCreateDevSigningKeys(t.env.DATA_DIR!).privateKeyPem;
    const { exp, sub, ...claims } = decodeJwt(session.accessToken);
    const jwt = new SignJWT({ ...claims, ...extra }).setProtectedHeader({ alg: 'EdDSA' });
    if (!omit.includes('exp')) jwt.setExpirationTime(exp!);
    if (!omit.includes('sub')) jwt.setSubject(sub!);
    return jwt.sign(await importPKCS8(key, 'EdDSA'));
  }

  const forgedKey = () =>
    generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;

  it('carries the display name, and when users read it, so a subgraph needs not ask', async () => {
    const before = Date.now();
    const other = await signUp(t, { displayName: 'Named In Token' });
    const { name, nameAt, iat } = decodeJwt(other.accessToken);
    expect(name).toBe('Named In Token');
    expect(nameAt).toBeGreaterThanOrEqual(before);
    expect(nameAt).toBeLessThanOrEqual(iat! * 1000 + 999);

    const renamed = await t.query(
      UPDATE,
      { i: { displayName: 'Renamed In Token' } },
      { token: other.accessToken },
    );
    expect(renamed.errors).toBeUndefined();
    const refreshed = await t.query(REFRESH, { token: other.refreshToken });
    const next = decodeJwt(refreshed.data!.refreshToken.accessToken);
    expect(next.name).toBe('Renamed In Token');
    expect(next.nameAt).toBeGreaterThan(nameAt as number);
  });

  it('accepts the token re-signed with every claim (the control)', async () => {
    const me = await t.query('{ me { id } }', {}, { token: await resigned([]) });
    expect(me.data!.me).toEqual({ id: session.id });
  });

  it.each([
    ['without exp', ['exp'] as const],
    ['without sub', ['sub'] as const],
  ])('refuses a token signed with the users key %s exactly like a forged one', async (_, omit) => {
    const forged = await t.query(
      UPDATE,
      { i: { displayName: 'Hijacked' } },
      { token: await resigned([], forgedKey()) },
    );
    const incomplete = await t.query(
      UPDATE,
      { i: { displayName: 'Hijacked' } },
      { token: await resigned([...omit]) },
    );
    expect(forged.status).toBe(401);
    expect(forged.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(incomplete).toEqual(forged);

    const [row] = await t.sql('users', 'SELECT display_name FROM users WHERE id = $1', [
      session.id,
    ]);
    expect(row.display_name).toBe('Original Name');
    const updates = await t.sql(
      'users',
      `SELECT count(*)::int AS n FROM outbox
        WHERE type = 'user.profile_updated' AND envelope->'data'->>'userId' = $1`,
      [session.id],
    );
    expect(updates[0].n).toBe(0);
  });

  it('refuses a token signed with the users key whose name is longer than users allows', async () => {
    const overlong = await resigned([], undefined, { name: 'x'.repeat(81) });
    const result = await t.query(UPDATE, { i: { displayName: 'Hijacked' } }, { token: overlong });
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const [row] = await t.sql('users', 'SELECT display_name FROM users WHERE id = $1', [
      session.id,
    ]);
    expect(row.display_name).toBe('Original Name');
  });
});
