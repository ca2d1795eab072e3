import { LOGIN, register } from '../support/accounts';
import { newClientAddress, queryFrom } from '../support/client-address';
import { countErrorCodes, errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const WRONG = 'definitely wrong 1';
const PER_ACCOUNT = 5;
const PER_IP = 8;

describe('login limits', () => {
  let t: TestSystem;
  beforeAll(async () => {
    // Defaults spelled out, so the numbers below read as the limits they test.
    t = await startTestSystem({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
    });
  });
  afterAll(() => t.stop());

  const loginFrom = (address: string, login: string, password: string) =>
    queryFrom(t, address, LOGIN, { input: { login, password } });

  const sessionsOf = async (userId: string) =>
    (
      await t.sql('users', 'SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1', [
        userId,
      ])
    )[0].n;

  it('checks only 5 of 25 parallel wrong guesses at one account, and then refuses the right password', async () => {
    const account = await register(t);
    // From 25 addresses, so only the account's limit is in play.
    const burst = await Promise.all(
      Array.from({ length: 25 }, () => loginFrom(newClientAddress(), account.email, WRONG)),
    );
    expect(countErrorCodes(burst)).toEqual({
      UNAUTHENTICATED: PER_ACCOUNT,
      RATE_LIMITED: 25 - PER_ACCOUNT,
    });

    const right = await loginFrom(newClientAddress(), account.email, account.password);
    expect(errorCode(right)).toBe('RATE_LIMITED');
    const retry = right.errors![0].extensions!.retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(right.data).toBeNull();
    expect(await sessionsOf(account.id)).toBe(0);
  });

  it('does not log in with the right password sent inside a refused burst', async () => {
    const account = await register(t);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      await loginFrom(newClientAddress(), account.email, WRONG);
    }
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        loginFrom(newClientAddress(), account.email, i === 5 ? account.password : WRONG),
      ),
    );
    expect(countErrorCodes(burst)).toEqual({ RATE_LIMITED: 10 });
    expect(await sessionsOf(account.id)).toBe(0);
  });

  it('counts email and phone of one account together', async () => {
    const account = await register(t, { phone: '+4915200000001' });
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        loginFrom(newClientAddress(), i % 2 ? account.email : '+4915200000001', WRONG),
      ),
    );
    expect(countErrorCodes(burst)).toEqual({
      UNAUTHENTICATED: PER_ACCOUNT,
      RATE_LIMITED: 12 - PER_ACCOUNT,
    });
    const byPhone = await loginFrom(newClientAddress(), '+4915200000001', account.password);
    expect(errorCode(byPhone)).toBe('RATE_LIMITED');
    expect(await sessionsOf(account.id)).toBe(0);
  });

  it('limits guesses at an unknown login the same way', async () => {
    const burst = await Promise.all(
      Array.from({ length: 10 }, () =>
        loginFrom(newClientAddress(), 'nobody-here@example.test', WRONG),
      ),
    );
    expect(countErrorCodes(burst)).toEqual({
      UNAUTHENTICATED: PER_ACCOUNT,
      RATE_LIMITED: 10 - PER_ACCOUNT,
    });
  });

  it('lets the account in again once its window has ended', async () => {
    const account = await register(t);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      await loginFrom(newClientAddress(), account.email, WRONG);
    }
    const address = newClientAddress();
    expect(errorCode(await loginFrom(address, account.email, account.password))).toBe(
      'RATE_LIMITED',
    );
    // The counter's window (epoch milliseconds) ends now.
    await t.sql('users', `UPDATE rate_limits SET expire = $2 WHERE key = $1`, [
      `login-subject:user:${account.id}`,
      Date.now(),
    ]);
    const login = await loginFrom(address, account.email, account.password);
    expect(login.errors).toBeUndefined();
  });

  it('starts an account afresh after a successful login', async () => {
    const account = await register(t);
    const address = newClientAddress();
    for (let i = 0; i < PER_ACCOUNT - 1; i++) await loginFrom(address, account.email, WRONG);
    expect((await loginFrom(address, account.email, account.password)).errors).toBeUndefined();
    for (let i = 0; i < PER_ACCOUNT - 1; i++) {
      expect(errorCode(await loginFrom(newClientAddress(), account.email, WRONG))).toBe(
        'UNAUTHENTICATED',
      );
    }
  });

  it('does not block other accounts', async () => {
    const victim = await register(t);
    const bystander = await register(t);
    for (let i = 0; i < PER_ACCOUNT + 1; i++) {
      await loginFrom(newClientAddress(), victim.email, WRONG);
    }
    const login = await loginFrom(newClientAddress(), bystander.email, bystander.password);
    expect(login.errors).toBeUndefined();
  });

  it('checks only 8 of 25 parallel guesses from one address across many accounts', async () => {
    const account = await register(t);
    const attacker = newClientAddress();
    const burst = await Promise.all(
      Array.from({ length: 25 }, (_, i) => loginFrom(attacker, `guess${i}@example.test`, WRONG)),
    );
    expect(countErrorCodes(burst)).toEqual({ UNAUTHENTICATED: PER_IP, RATE_LIMITED: 25 - PER_IP });

    const blocked = await loginFrom(attacker, account.email, account.password);
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(await sessionsOf(account.id)).toBe(0);
    // The account itself was not touched: its owner, elsewhere, gets in.
    const owner = await loginFrom(newClientAddress(), account.email, account.password);
    expect(owner.errors).toBeUndefined();
  });

  it('does not count successful logins against the address', async () => {
    const account = await register(t);
    const address = newClientAddress();
    for (let i = 0; i < PER_IP + 2; i++) {
      expect((await loginFrom(address, account.email, account.password)).errors).toBeUndefined();
    }
  });
});
