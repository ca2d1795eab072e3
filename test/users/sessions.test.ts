import { LOGIN, REFRESH, register, signUp } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('login sessions', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('revokes the whole session when a rotated refresh token is used again', async () => {
    const session = await signUp(t);
    const other = await t.query(LOGIN, {
      input: { login: session.email, password: 'correct horse 42' },
    });
    const otherRefresh = other.data!.login.refreshToken;

    const first = await t.query(REFRESH, { token: session.refreshToken });
    const next = first.data!.refreshToken.refreshToken;

    const reuse = await t.query(REFRESH, { token: session.refreshToken });
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors![0].message).toMatch(/already used/);

    // The legitimate holder's newer token died with the family...
    expect(errorCode(await t.query(REFRESH, { token: next }))).toBe('UNAUTHENTICATED');
    // ...while the same account's other login session lives on.
    expect((await t.query(REFRESH, { token: otherRefresh })).errors).toBeUndefined();

    const family = await t.sql(
      'users',
      `SELECT count(*)::int AS open FROM refresh_tokens
        WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL`,
      [session.id],
    );
    expect(family[0].open).toBe(1);
  });

  it('refuses an expired refresh token', async () => {
    const session = await signUp(t);
    await t.sql(
      'users',
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [session.id],
    );
    expect(errorCode(await t.query(REFRESH, { token: session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a wrong password and an unknown account with the same message', async () => {
    const account = await register(t);
    const wrong = await t.query(LOGIN, {
      input: { login: account.email, password: 'not the password 1' },
    });
    const unknown = await t.query(LOGIN, {
      input: { login: 'nobody@example.test', password: 'whatever 12345' },
    });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
    expect(wrong.data).toBeNull();
  });

  it('lets an unverified account log in with emailVerified false in its token', async () => {
    const account = await register(t);
    const session = await t.query(LOGIN, {
      input: { login: account.email, password: account.password },
    });
    const me = await t.query(
      '{ me { emailVerified } }',
      {},
      { token: session.data!.login.accessToken },
    );
    expect(me.data!.me.emailVerified).toBe(false);
  });
});
