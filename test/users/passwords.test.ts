import { LOGIN, PASSWORD, REFRESH, register, signUp } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import { tokenFrom } from '../support/smtp-sink';
import { waitUntilCaughtUp } from '../support/caught-up';
import { startTestSystem, type TestSystem } from '../support/test-system';

const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';
const CHANGE =
  'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

describe('passwords', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  async function resetEmailToken(email: string, nth: number): Promise<string> {
    await t.query(REQUEST_RESET, { e: email });
    const emails = await t.smtp.waitForEmail(email, nth);
    expect(emails.subject).toMatch(/reset/i);
    return tokenFrom(emails);
  }

  it('answers a reset request for an unknown address exactly like one for a real account', async () => {
    const account = await register(t);
    const known = await t.query(REQUEST_RESET, { e: account.email });
    const unknown = await t.query(REQUEST_RESET, { e: 'no-such-account@example.test' });
    expect(unknown).toEqual(known);
    expect(known.data).toEqual({ requestPasswordReset: true });

    await t.smtp.waitForEmail(account.email, 2); // welcome + reset
    await waitUntilCaughtUp(t, ['users', 'mailer']);
    expect(t.smtp.to('no-such-account@example.test')).toHaveLength(0);
    const events = await t.sql(
      'users',
      `SELECT envelope FROM outbox WHERE type = 'user.password_reset_requested'`,
    );
    expect(events.map((row) => row.envelope.data.email)).toEqual([account.email]);
  });

  it('resets with a token once, ends every session, and refuses the token the second time', async () => {
    const session = await signUp(t);
    const token = await resetEmailToken(session.email, 2);

    const reset = await t.query(RESET, { t: token, p: 'a brand new secret 9' });
    expect(reset.data).toEqual({ resetPassword: true });
    expect(errorCode(await t.query(REFRESH, { token: session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );

    const again = await t.query(RESET, { t: token, p: 'yet another secret 8' });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].extensions!.field).toBe('token');
    // The first reset stands, the second changed nothing.
    const login = await t.query(LOGIN, {
      input: { login: session.email, password: 'a brand new secret 9' },
    });
    expect(login.errors).toBeUndefined();
  });

  it('refuses an expired reset token and keeps the old password', async () => {
    const account = await register(t);
    await t.smtp.waitForEmail(account.email, 1);
    const token = await resetEmailToken(account.email, 2);
    await t.sql(
      'users',
      `UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'`,
      [account.id],
    );
    const expired = await t.query(RESET, { t: token, p: 'a brand new secret 9' });
    expect(errorCode(expired)).toBe('BAD_USER_INPUT');
    expect(expired.errors![0].extensions!.field).toBe('token');
    const login = await t.query(LOGIN, { input: { login: account.email, password: PASSWORD } });
    expect(login.errors).toBeUndefined();
  });

  it('makes an earlier reset link useless once a newer one is sent', async () => {
    const account = await register(t);
    await t.smtp.waitForEmail(account.email, 1);
    const older = await resetEmailToken(account.email, 2);
    const newer = await resetEmailToken(account.email, 3);
    expect(errorCode(await t.query(RESET, { t: older, p: 'a brand new secret 9' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await t.query(RESET, { t: newer, p: 'a brand new secret 9' })).errors).toBeUndefined();
  });

  it('changes the password only with the right current one', async () => {
    const session = await signUp(t);
    const wrong = await t.query(
      CHANGE,
      { c: 'not my password 1', n: 'another secret 77' },
      { token: session.accessToken },
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].extensions!.field).toBe('currentPassword');
    expect((await t.query(REFRESH, { token: session.refreshToken })).errors).toBeUndefined();

    const weak = await t.query(CHANGE, { c: PASSWORD, n: 'short' }, { token: session.accessToken });
    expect(weak.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newPassword',
    });

    const changed = await t.query(
      CHANGE,
      { c: PASSWORD, n: 'another secret 77' },
      { token: session.accessToken },
    );
    expect(changed.data).toEqual({ changePassword: true });
    const oldLogin = await t.query(LOGIN, { input: { login: session.email, password: PASSWORD } });
    expect(errorCode(oldLogin)).toBe('UNAUTHENTICATED');
  });

  it('refuses changePassword to anonymous callers', async () => {
    const result = await t.query(CHANGE, { c: PASSWORD, n: 'another secret 77' });
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });
});
