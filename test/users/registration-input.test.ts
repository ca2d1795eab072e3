import { REGISTER, newAccount, register } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('registration input', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  /** Rows that a rejected registration must not have touched. */
  async function footprint() {
    const [users] = await t.sql('users', 'SELECT count(*)::int AS n FROM users');
    const [outbox] = await t.sql('users', 'SELECT count(*)::int AS n FROM outbox');
    const [tokens] = await t.sql('users', 'SELECT count(*)::int AS n FROM one_time_tokens');
    return { users: users.n, outbox: outbox.n, tokens: tokens.n };
  }

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'input.email'],
    ['an oversized email', { email: `${'a'.repeat(250)}@example.test` }, 'input.email'],
    ['a short password', { password: 'short1' }, 'input.password'],
    ['a password without digits or symbols', { password: 'onlyletterspassword' }, 'input.password'],
    ['an oversized password', { password: `${'a1'.repeat(100)}` }, 'input.password'],
    ['an empty display name', { displayName: '   ' }, 'input.displayName'],
    ['an oversized display name', { displayName: 'x'.repeat(81) }, 'input.displayName'],
    ['a malformed phone number', { phone: '0151 123' }, 'input.phone'],
    [
      'a display name with a link',
      { displayName: 'Reset at https://evil.example' },
      'input.displayName',
    ],
    ['a display name with www.', { displayName: 'see www.evil' }, 'input.displayName'],
    ['a display name with a host name', { displayName: 'Support paypal.com' }, 'input.displayName'],
    ['a display name with markup', { displayName: '<b>Ann</b>' }, 'input.displayName'],
    ['a display name with a line break', { displayName: 'Ann\nClick below' }, 'input.displayName'],
  ])(
    'refuses %s with BAD_USER_INPUT on the field and stores nothing',
    async (_case, override, field) => {
      const before = await footprint();
      const result = await t.query(REGISTER, { input: newAccount(override) });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions!.field).toBe(field);
      expect(result.data).toBeNull();
      expect(await footprint()).toEqual(before);
    },
  );

  it('refuses to let anyone register as an admin', async () => {
    const before = await footprint();
    const result = await t.query(REGISTER, { input: newAccount({ role: 'ADMIN' }) });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a duplicate email, whatever its case, with CONFLICT and stores nothing', async () => {
    const first = await register(t);
    const before = await footprint();
    const result = await t.query(REGISTER, {
      input: newAccount({ email: first.email.toUpperCase() }),
    });
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
    expect(await footprint()).toEqual(before);
  });

  it('refuses a duplicate phone with CONFLICT and stores nothing', async () => {
    await register(t, { phone: '+4930123456789' });
    const before = await footprint();
    const result = await t.query(REGISTER, { input: newAccount({ phone: '+4930123456789' }) });
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.phone' });
    expect(await footprint()).toEqual(before);
  });

  it('never returns stack traces or SQL in errors', async () => {
    const first = await register(t);
    const result = await t.query(REGISTER, { input: newAccount({ email: first.email }) });
    const body = JSON.stringify(result);
    expect(body).not.toMatch(/stacktrace|duplicate key|INSERT INTO|QueryFailedError/i);
  });
});
