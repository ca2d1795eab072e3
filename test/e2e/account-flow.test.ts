import { LOGIN, REFRESH, REGISTER, newAccount } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import { tokenFrom } from '../support/smtp-sink';
import { startTestSystem, type TestSystem } from '../support/test-system';

const ME = '{ me { id email displayName role emailVerified } }';

describe('account flow through the gateway', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('registers, verifies by email, logs in, reads me, refreshes and logs out', async () => {
    const input = newAccount({
      displayName: 'Vera Vendor',
      role: 'VENDOR',
      phone: '+4915112345678',
    });

    const registered = await t.query(REGISTER, { input });
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.register).toMatchObject({
      email: input.email,
      phone: '+4915112345678',
      displayName: 'Vera Vendor',
      role: 'VENDOR',
      emailVerified: false,
    });

    const welcome = await t.smtp.waitForEmail(input.email);
    expect(welcome.subject).toMatch(/confirm your email/i);
    expect(welcome.text).toContain('Hello Vera Vendor');
    expect(welcome.html).toContain('verify-email?token=');
    const verified = await t.query(
      'mutation($t: String!) { verifyEmail(token: $t) { id emailVerified } }',
      {
        t: tokenFrom(welcome),
      },
    );
    expect(verified.data!.verifyEmail.emailVerified).toBe(true);

    const byPhone = await t.query(LOGIN, {
      input: { login: '+4915112345678', password: input.password },
    });
    expect(byPhone.errors).toBeUndefined();
    const loggedIn = await t.query(LOGIN, {
      input: { login: input.email.toUpperCase(), password: input.password },
    });
    const { accessToken, refreshToken, expiresIn } = loggedIn.data!.login;
    expect(expiresIn).toBe(900);

    const me = await t.query(ME, {}, { token: accessToken });
    expect(me.data!.me).toEqual({
      id: registered.data!.register.id,
      email: input.email,
      displayName: 'Vera Vendor',
      role: 'VENDOR',
      emailVerified: true,
    });

    const refreshed = await t.query(REFRESH, { token: refreshToken });
    expect(refreshed.errors).toBeUndefined();
    const rotated = refreshed.data!.refreshToken.refreshToken;
    expect(rotated).not.toBe(refreshToken);
    const meAgain = await t.query(ME, {}, { token: refreshed.data!.refreshToken.accessToken });
    expect(meAgain.data!.me.id).toBe(registered.data!.register.id);

    const loggedOut = await t.query('mutation($t: String!) { logout(refreshToken: $t) }', {
      t: rotated,
    });
    expect(loggedOut.data!.logout).toBe(true);
    const afterLogout = await t.query(REFRESH, { token: rotated });
    expect(errorCode(afterLogout)).toBe('UNAUTHENTICATED');
  });

  it('answers me with null for anonymous callers and 401 for a forged token', async () => {
    const anonymous = await t.query(ME);
    expect(anonymous.data).toEqual({ me: null });
    const forged = await t.query(ME, {}, { token: 'eyJhbGciOiJFZERTQSJ9.e30.AAAA' });
    expect(forged.status).toBe(401);
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
  });

  it('serves the dev mailbox only when it is in use', async () => {
    const origin = new URL(t.system.gatewayUrl).origin;
    expect((await fetch(`${origin}/dev/mailbox`)).status).toBe(404);
  });
});
