import { LOGIN, PASSWORD, REGISTER, login, newAccount, verifyFromEmail } from '../support/accounts';
import { newClientAddress, queryFrom } from '../support/client-address';
import { countErrorCodes, errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESEND = 'mutation($e: String!) { resendVerificationEmail(email: $e) }';
const CHANGE =
  'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const WRONG = 'not my password 1';

describe('abuse limits on account mutations', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({
      REGISTER_MAX_PER_IP: '3',
      ACCOUNT_EMAIL_MAX_PER_RECIPIENT: '2',
      ACCOUNT_EMAIL_MAX_PER_IP: '4',
      PASSWORD_CHANGE_MAX_PER_ACCOUNT: '3',
      PASSWORD_CHANGE_MAX_PER_IP: '5',
    });
  });
  afterAll(() => t.stop());

  /** Registers from an address of its own, so the registration limit never gets in the way. */
  async function registerFresh(overrides: Record<string, unknown> = {}) {
    const input = newAccount(overrides);
    const result = await queryFrom(t, newClientAddress(), REGISTER, { input });
    if (result.errors) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
    return { id: result.data!.register.id as string, email: input.email };
  }

  async function signUpFresh() {
    const account = await registerFresh();
    await verifyFromEmail(t, account.email);
    return login(t, account.email);
  }

  const count = async (text: string, params: unknown[] = []) =>
    (await t.sql('users', `SELECT count(*)::int AS n FROM ${text}`, params))[0].n as number;

  const footprint = async () => ({
    users: await count('users'),
    outbox: await count('outbox'),
    tokens: await count('one_time_tokens'),
  });

  const passwordHash = async (userId: string) =>
    (await t.sql('users', 'SELECT password_hash FROM users WHERE id = $1', [userId]))[0]
      .password_hash as string;

  const openSessions = (userId: string) =>
    count('refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [userId]);

  describe('register', () => {
    it('accepts only 3 of 10 parallel sign-ups from one address and stores nothing for the rest', async () => {
      const before = await footprint();
      const address = newClientAddress();
      const inputs = Array.from({ length: 10 }, () => newAccount());
      const results = await Promise.all(
        inputs.map((input) => queryFrom(t, address, REGISTER, { input })),
      );
      expect(countErrorCodes(results)).toEqual({ ok: 3, RATE_LIMITED: 7 });
      const refused = results.find((result) => errorCode(result) === 'RATE_LIMITED')!;
      expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60 * 60);
      expect(refused.data).toBeNull();

      expect(await footprint()).toEqual({
        users: before.users + 3,
        outbox: before.outbox + 3,
        tokens: before.tokens + 3,
      });
      const accepted = inputs.filter((_, i) => !results[i].errors);
      for (const input of accepted) await t.smtp.waitForEmail(input.email);
      const refusedEmails = inputs.filter((_, i) => results[i].errors).map((input) => input.email);
      expect(refusedEmails.flatMap((email) => t.smtp.to(email))).toEqual([]);
    });

    it('still lets other addresses register', async () => {
      const address = newClientAddress();
      for (let i = 0; i < 3; i++) {
        await queryFrom(t, address, REGISTER, { input: newAccount() });
      }
      const elsewhere = await queryFrom(t, newClientAddress(), REGISTER, { input: newAccount() });
      expect(elsewhere.errors).toBeUndefined();
    });
  });

  describe('password-reset and verification emails', () => {
    const resetEvents = (userId: string) =>
      count(
        `outbox WHERE type = 'user.password_reset_requested' AND envelope->'data'->>'userId' = $1`,
        [userId],
      );

    it('sends one recipient at most 2 reset emails, whichever addresses ask', async () => {
      const account = await registerFresh();
      await t.smtp.waitForEmail(account.email); // welcome
      for (let i = 0; i < 2; i++) {
        const asked = await queryFrom(t, newClientAddress(), REQUEST_RESET, { e: account.email });
        expect(asked.data).toEqual({ requestPasswordReset: true });
      }
      const before = await footprint();
      const third = await queryFrom(t, newClientAddress(), REQUEST_RESET, { e: account.email });
      expect(errorCode(third)).toBe('RATE_LIMITED');
      expect(third.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);

      expect(await footprint()).toEqual(before);
      expect(await resetEvents(account.id)).toBe(2);
      await t.smtp.waitForEmail(account.email, 3);
      expect(t.smtp.to(account.email).filter((email) => /reset/i.test(email.subject))).toHaveLength(
        2,
      );
    });

    it('refuses the third request for an address without an account the same way', async () => {
      const nobody = 'no-account-here@example.test';
      for (let i = 0; i < 2; i++) {
        await queryFrom(t, newClientAddress(), REQUEST_RESET, { e: nobody });
      }
      const third = await queryFrom(t, newClientAddress(), REQUEST_RESET, { e: nobody });
      expect(errorCode(third)).toBe('RATE_LIMITED');
    });

    it('limits one client address across recipients, without using up the victim’s count', async () => {
      const account = await registerFresh();
      const address = newClientAddress();
      for (let i = 0; i < 4; i++) {
        const asked = await queryFrom(t, address, REQUEST_RESET, { e: `spray${i}@example.test` });
        expect(asked.errors).toBeUndefined();
      }
      const refused = await queryFrom(t, address, REQUEST_RESET, { e: account.email });
      expect(errorCode(refused)).toBe('RATE_LIMITED');
      expect(await resetEvents(account.id)).toBe(0);

      const owner = await queryFrom(t, newClientAddress(), REQUEST_RESET, { e: account.email });
      expect(owner.errors).toBeUndefined();
      expect(await resetEvents(account.id)).toBe(1);
    });

    it('counts verification resends and reset requests for one recipient together', async () => {
      const account = await registerFresh();
      await t.smtp.waitForEmail(account.email); // welcome
      expect((await queryFrom(t, newClientAddress(), RESEND, { e: account.email })).errors).toBe(
        undefined,
      );
      expect(
        (await queryFrom(t, newClientAddress(), REQUEST_RESET, { e: account.email })).errors,
      ).toBeUndefined();
      const before = await footprint();

      const resend = await queryFrom(t, newClientAddress(), RESEND, { e: account.email });
      expect(errorCode(resend)).toBe('RATE_LIMITED');
      expect(await footprint()).toEqual(before);
      expect(
        await count(`one_time_tokens WHERE user_id = $1 AND purpose = 'EMAIL_VERIFICATION'`, [
          account.id,
        ]),
      ).toBe(2);
      await t.smtp.waitForEmail(account.email, 3); // welcome, resend, reset
      expect(t.smtp.to(account.email)).toHaveLength(3);
    });
  });

  describe('changePassword', () => {
    it('gives a stolen access token 3 guesses, then refuses even the right password', async () => {
      const victim = await signUpFresh();
      const hash = await passwordHash(victim.id);
      const attacker = newClientAddress();
      for (let i = 0; i < 3; i++) {
        const guess = await queryFrom(
          t,
          attacker,
          CHANGE,
          { c: `${WRONG}${i}`, n: 'taken over 123' },
          victim.accessToken,
        );
        expect(guess.errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'currentPassword',
        });
      }
      const right = await queryFrom(
        t,
        newClientAddress(),
        CHANGE,
        { c: PASSWORD, n: 'taken over 123' },
        victim.accessToken,
      );
      expect(errorCode(right)).toBe('RATE_LIMITED');
      expect(right.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);

      expect(await passwordHash(victim.id)).toBe(hash);
      expect(await openSessions(victim.id)).toBe(1);
      const oldPassword = await t.query(LOGIN, {
        input: { login: victim.email, password: PASSWORD },
      });
      expect(oldPassword.errors).toBeUndefined();
    });

    it('checks only 3 of 10 parallel guesses made with one token', async () => {
      const victim = await signUpFresh();
      const hash = await passwordHash(victim.id);
      const guesses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          queryFrom(
            t,
            newClientAddress(),
            CHANGE,
            { c: `${WRONG}${i}`, n: 'taken over 123' },
            victim.accessToken,
          ),
        ),
      );
      expect(countErrorCodes(guesses)).toEqual({ BAD_USER_INPUT: 3, RATE_LIMITED: 7 });
      expect(await passwordHash(victim.id)).toBe(hash);
      expect(await openSessions(victim.id)).toBe(1);
    });

    it('limits one client address across accounts', async () => {
      const first = await signUpFresh();
      const second = await signUpFresh();
      const hash = await passwordHash(second.id);
      const address = newClientAddress();
      const change = (session: typeof first, current: string) =>
        queryFrom(t, address, CHANGE, { c: current, n: 'taken over 123' }, session.accessToken);
      for (let i = 0; i < 3; i++) await change(first, WRONG);
      for (let i = 0; i < 2; i++)
        expect(errorCode(await change(second, WRONG))).toBe('BAD_USER_INPUT');

      expect(errorCode(await change(second, PASSWORD))).toBe('RATE_LIMITED');
      expect(await passwordHash(second.id)).toBe(hash);
      expect(await openSessions(second.id)).toBe(1);
    });
  });
});
