import { SECRET_HEADER } from '../../lib/auth/caller';
import { resolveSubgraphSecret } from '../../lib/config/common-env';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** A raw POST, to send what no GraphQL client would. */
async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text };
}

/** The answer is a GraphQL-style JSON error with `code`, and shows nothing of the server. */
function expectJsonError(answer: Awaited<ReturnType<typeof post>>, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/json/);
  expect(answer.text).not.toMatch(/<html|<pre|node_modules|\/work\/|at \w+ \(/i);
  const body = JSON.parse(answer.text) as { errors: Array<{ extensions: { code: string } }> };
  expect(body.errors[0].extensions.code).toBe(code);
}

const register = (email: string) =>
  `mutation { register(input: {email: "${email}", password: "long enough 1", displayName: "H", role: CUSTOMER}) { id } }`;

describe('clean HTTP errors for malformed requests', () => {
  let t: TestSystem;
  let gateway: string;
  let origin: string;
  const users = () => t.sql('users', 'SELECT count(*)::int AS n FROM users');
  beforeAll(async () => {
    t = await startTestSystem({ MAX_TOKENS: '200', MAX_ALIASES: '3' });
    gateway = t.system.gatewayUrl;
    origin = new URL(gateway).origin;
  });
  afterAll(() => t.stop());

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    expectJsonError(
      await post(gateway, JSON.stringify({ query: '{ me { id ' })),
      400,
      'GRAPHQL_PARSE_FAILED',
    );
  });

  it('refuses an operation over the token limit with 400 and runs none of it', async () => {
    const before = await users();
    const padding = Array.from({ length: 100 }, (_, i) => `f${i}: __typename`).join(' ');
    const answer = await post(
      gateway,
      JSON.stringify({
        query: register('tokens@example.test').replace('{ id }', `{ id ${padding} }`),
      }),
    );
    expectJsonError(answer, 400, 'GRAPHQL_PARSE_FAILED');
    expect(answer.text).toMatch(/200 tokens/);
    expect(await users()).toEqual(before);
  });

  it('refuses an operation over an armor limit (aliases) with 400 and runs none of it', async () => {
    const before = await users();
    const aliases = ['a', 'b', 'c', 'd'].map((alias) => `${alias}: id`).join(' ');
    const query = register('aliases@example.test').replace('{ id }', `{ id ${aliases} }`);
    expectJsonError(
      await post(gateway, JSON.stringify({ query })),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(await users()).toEqual(before);
  });

  it('answers malformed JSON with a JSON 400, not an HTML stack trace', async () => {
    const before = await users();
    expectJsonError(await post(gateway, '{"query": "mutation {'), 400, 'BAD_REQUEST');
    expect(await users()).toEqual(before);
  });

  it('answers an oversized body with a JSON 413', async () => {
    const before = await users();
    const body = JSON.stringify({
      query: register('big@example.test'),
      variables: { pad: 'x'.repeat(1_200_000) },
    });
    expectJsonError(await post(gateway, body), 413, 'PAYLOAD_TOO_LARGE');
    expect(await users()).toEqual(before);
  });

  it('answers an oversized webhook with a JSON 413', async () => {
    const answer = await post(`${origin}/webhooks/stripe`, 'x'.repeat(1_200_000), {
      'stripe-signature': 't=1,v1=00',
    });
    expectJsonError(answer, 413, 'PAYLOAD_TOO_LARGE');
    expect(await t.sql('payments', 'SELECT count(*)::int AS n FROM payments')).toEqual([{ n: 0 }]);
  });

  describe('at a subgraph called directly', () => {
    const withSecret = { [SECRET_HEADER]: resolveSubgraphSecret('test', undefined) };

    it('answers malformed JSON and oversized bodies with JSON errors', async () => {
      const before = await users();
      const url = t.system.urls.users;
      expectJsonError(await post(url, '{"query": ', withSecret), 400, 'BAD_REQUEST');
      const big = JSON.stringify({
        query: register('big2@example.test'),
        variables: { pad: 'x'.repeat(1_200_000) },
      });
      expectJsonError(await post(url, big, withSecret), 413, 'PAYLOAD_TOO_LARGE');
      expect(await users()).toEqual(before);
    });

    it('answers a JSON body that is not an object with a JSON 400', async () => {
      const before = await users();
      const url = t.system.urls.users;
      expectJsonError(await post(url, '"mutation { x }"', withSecret), 400, 'BAD_REQUEST');
      expectJsonError(await post(url, 'null', withSecret), 400, 'BAD_REQUEST');
      expect(await users()).toEqual(before);
    });

    it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
      const answer = await post(
        t.system.urls.catalog,
        JSON.stringify({ query: '{ products {' }),
        withSecret,
      );
      expectJsonError(answer, 400, 'GRAPHQL_PARSE_FAILED');
    });
  });
});
