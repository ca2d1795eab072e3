import { SUBGRAPHS } from '../../launcher/services';
import { errorCode } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('gateway protections', () => {
  let t: TestSystem;
  let origin: string;
  beforeAll(async () => {
    t = await startTestSystem({ MAX_DEPTH: '2', MAX_ALIASES: '3' });
    origin = new URL(t.system.gatewayUrl).origin;
  });
  afterAll(() => t.stop());

  it('refuses operations deeper than the limit and runs nothing', async () => {
    const shallow = await t.query('{ me { id } }');
    expect(shallow.errors).toBeUndefined();
    const tooDeep = await t.query(
      'mutation { login(input: {login: "nobody@example.test", password: "x"}) { user { id } } }',
    );
    expect(errorCode(tooDeep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors![0].message).toMatch(/depth/i);
    // Not even a failed login was recorded: the operation never reached the subgraph.
    expect(await t.sql('users', 'SELECT count(*)::int AS n FROM rate_limits')).toEqual([{ n: 0 }]);
  });

  it('refuses operations with too many aliases and runs none of them', async () => {
    const aliases = Array.from(
      { length: 4 },
      (_, i) =>
        `a${i}: register(input: {email: "alias${i}@example.test", password: "long enough 1", displayName: "A", role: CUSTOMER}) { id }`,
    );
    const before = await t.sql('users', 'SELECT count(*)::int AS n FROM users');
    const result = await t.query(`mutation { ${aliases.join(' ')} }`);
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(/alias/i);
    expect(await t.sql('users', 'SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('blocks a simple GET that a cross-site page could send (CSRF)', async () => {
    const response = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('blocks a form-encoded POST (CSRF) and changes nothing', async () => {
    const before = await t.sql('users', 'SELECT count(*)::int AS n FROM users');
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        query:
          'mutation { register(input: {email: "csrf@example.test", password: "long enough 1", displayName: "C", role: CUSTOMER}) { id } }',
      }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await t.sql('users', 'SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('reports ready when every subgraph is ready', async () => {
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    const checks = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 'ok']));
    expect(await ready.json()).toEqual({ status: 'ready', checks });
  });

  it('answers introspection and serves the Sandbox landing page outside production', async () => {
    const introspection = await t.query('{ __schema { queryType { name } } }');
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const landing = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(await landing.text()).toMatch(/sandbox/i);
  });
});
