import { signUp, register } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const UPDATE =
  'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName phone } }';

describe('profile', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('updates display name and phone, and removes the phone with null', async () => {
    const session = await signUp(t);
    const updated = await t.query(
      UPDATE,
      { i: { displayName: 'New Name', phone: '+4917612345678' } },
      {
        token: session.accessToken,
      },
    );
    expect(updated.data!.updateProfile).toEqual({
      displayName: 'New Name',
      phone: '+4917612345678',
    });
    const cleared = await t.query(UPDATE, { i: { phone: null } }, { token: session.accessToken });
    expect(cleared.data!.updateProfile).toEqual({ displayName: 'New Name', phone: null });
  });

  it("refuses another account's phone with CONFLICT and keeps the profile", async () => {
    await register(t, { phone: '+4917699999999' });
    const session = await signUp(t, { displayName: 'Keeps Name' });
    const result = await t.query(
      UPDATE,
      { i: { displayName: 'Changed', phone: '+4917699999999' } },
      {
        token: session.accessToken,
      },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.phone' });
    const me = await t.query('{ me { displayName phone } }', {}, { token: session.accessToken });
    expect(me.data!.me).toEqual({ displayName: 'Keeps Name', phone: null });
  });

  it('refuses a display name that carries a link and keeps the old one', async () => {
    const session = await signUp(t, { displayName: 'Plain Name' });
    const result = await t.query(
      UPDATE,
      { i: { displayName: 'Verify at https://evil.example/login' } },
      { token: session.accessToken },
    );
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.displayName',
    });
    const me = await t.query('{ me { displayName } }', {}, { token: session.accessToken });
    expect(me.data!.me).toEqual({ displayName: 'Plain Name' });
    const events = await t.sql(
      'users',
      `SELECT count(*)::int AS n FROM outbox
        WHERE type = 'user.profile_updated' AND envelope->'data'->>'userId' = $1`,
      [session.id],
    );
    expect(events[0].n).toBe(0);
  });

  it('refuses anonymous callers', async () => {
    expect(errorCode(await t.query(UPDATE, { i: { displayName: 'X' } }))).toBe('UNAUTHENTICATED');
  });
});
