import { LOGIN, register } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const WRONG = 'definitely wrong 1';

describe('failed-login limits per account', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_IP: '100',
    });
  });
  afterAll(() => t.stop());

  it('blocks an account after too many failures, even with the right password, and says how long', async () => {
    const account = await register(t);
    for (let i = 0; i < 3; i++) {
      expect(
        errorCode(await t.query(LOGIN, { input: { login: account.email, password: WRONG } })),
      ).toBe('UNAUTHENTICATED');
    }
    const blocked = await t.query(LOGIN, {
      input: { login: account.email, password: account.password },
    });
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    const retry = blocked.errors![0].extensions!.retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(blocked.data).toBeNull();
    // Blocked attempts are not counted and issue nothing.
    const sessions = await t.sql(
      'users',
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1',
      [account.id],
    );
    expect(sessions[0].n).toBe(0);
  });

  it('lets the account in again once its failures age out of the window', async () => {
    const account = await register(t);
    for (let i = 0; i < 3; i++)
      await t.query(LOGIN, { input: { login: account.email, password: WRONG } });
    await t.sql(
      'users',
      `UPDATE login_failures SET failed_at = failed_at - interval '16 minutes' WHERE key = $1`,
      [`account:${account.email}`],
    );
    const login = await t.query(LOGIN, {
      input: { login: account.email, password: account.password },
    });
    expect(login.errors).toBeUndefined();
  });

  it('does not block other accounts', async () => {
    const victim = await register(t);
    const bystander = await register(t);
    for (let i = 0; i < 4; i++)
      await t.query(LOGIN, { input: { login: victim.email, password: WRONG } });
    const login = await t.query(LOGIN, {
      input: { login: bystander.email, password: bystander.password },
    });
    expect(login.errors).toBeUndefined();
  });
});

describe('failed-login limits per client address', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
      LOGIN_MAX_FAILURES_PER_IP: '4',
    });
  });
  afterAll(() => t.stop());

  it('blocks an address that guesses across many accounts', async () => {
    const account = await register(t);
    for (let i = 0; i < 4; i++) {
      await t.query(LOGIN, { input: { login: `guess${i}@example.test`, password: WRONG } });
    }
    const blocked = await t.query(LOGIN, {
      input: { login: account.email, password: account.password },
    });
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
  });
});
