import { signInAsAdmin } from '../support/accounts';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('accounts created by an operator', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('creates a verified admin who can sign in, and tells them by email without a confirm link', async () => {
    const admin = await signInAsAdmin(t);
    const me = await t.query('{ me { role emailVerified } }', {}, { token: admin.accessToken });
    expect(me.data!.me).toEqual({ role: 'ADMIN', emailVerified: true });

    const email = await t.smtp.waitForEmail(admin.email);
    expect(email.subject).toBe('Your Bazaar account is ready');
    expect(email.text).not.toContain('token=');
    const [event] = await t.sql(
      'users',
      `SELECT envelope FROM outbox WHERE type = 'user.registered'`,
    );
    expect(event.envelope.data).toMatchObject({ role: 'ADMIN', verificationToken: null });
  });
});
