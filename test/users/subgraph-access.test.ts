import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { register } from '../support/accounts';
import { graphql } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const DEV_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName role email } } }`;

describe('the users subgraph behind the gateway', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('answers 401 to a client that calls it directly without the secret', async () => {
    const before = await t.sql('users', 'SELECT count(*)::int AS n FROM users');
    const result = await graphql(t.system.urls.users, 'mutation { logout(refreshToken: "x") }');
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const wrong = await graphql(
      t.system.urls.users,
      '{ me { id } }',
      {},
      { headers: { [SECRET_HEADER]: 'guess' } },
    );
    expect(wrong.status).toBe(401);
    expect(await t.sql('users', 'SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('resolves User entities, showing private fields to the account itself only', async () => {
    const alice = await register(t);
    const bob = await register(t);
    const asCaller = (userId: string) => ({
      headers: {
        [SECRET_HEADER]: DEV_SECRET,
        [CALLER_HEADER]: encodeCaller({ userId, role: 'CUSTOMER', emailVerified: true, ip: null }),
      },
    });
    const representations = [{ __typename: 'User', id: alice.id }];

    const own = await graphql(
      t.system.urls.users,
      ENTITIES,
      { r: representations },
      asCaller(alice.id),
    );
    expect(own.data!._entities).toEqual([
      { id: alice.id, displayName: expect.any(String), role: 'CUSTOMER', email: alice.email },
    ]);

    const other = await graphql(
      t.system.urls.users,
      ENTITIES,
      { r: representations },
      asCaller(bob.id),
    );
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(other.errors![0].path).toEqual(['_entities', 0, 'email']);
    expect(JSON.stringify(other.data)).not.toContain(alice.email);

    const publicFields = await graphql(
      t.system.urls.users,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }',
      { r: representations },
      asCaller(bob.id),
    );
    expect(publicFields.data!._entities[0].id).toBe(alice.id);
  });

  it('resolves any number of User entities with one SQL statement', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => register(t)));
    const statementsFor = async (count: number) => {
      resetRequestStatementCounts();
      const result = await graphql(
        t.system.urls.users,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }',
        { r: users.slice(0, count).map(({ id }) => ({ __typename: 'User', id })) },
        { headers: { [SECRET_HEADER]: DEV_SECRET } },
      );
      expect(result.data!._entities).toHaveLength(count);
      return requestStatementCounts()[`${t.prefix}_users`];
    };
    expect(await statementsFor(2)).toBe(1);
    expect(await statementsFor(12)).toBe(1);
  });

  it('masks an unexpected failure without leaking SQL or a stack trace', async () => {
    const result = await graphql(
      t.system.urls.users,
      ENTITIES,
      { r: [{ __typename: 'User', id: 'not-a-uuid' }] },
      { headers: { [SECRET_HEADER]: DEV_SECRET } },
    );
    expect(result.errors![0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toMatch(/uuid|SELECT|stack|QueryFailed/i);
  });

  it('reports health and readiness', async () => {
    const origin = new URL(t.system.urls.users).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const ready = await fetch(`${origin}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { postgres: 'ok', nats: 'ok', outbox: 'ok' },
    });
  });
});
