import { ApolloServer } from '@apollo/server';
import { safeStringArgumentsPlugin } from './safe-string-arguments';

const typeDefs = `
  input LineInput { name: String! tags: [String!] }
  input OrderInput { note: String lines: [LineInput!]! }
  type Query { search(text: String): [String!]! nested: Nested! }
  type Nested { echo(text: ID): String }
  type Mutation { place(input: OrderInput!): Boolean! }
`;

describe('safeStringArgumentsPlugin', () => {
  const calls: unknown[] = [];
  const server = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: { search: (_: unknown, args: unknown) => (calls.push(args), []), nested: () => ({}) },
      Nested: { echo: (_: unknown, args: { text: string }) => (calls.push(args), args.text) },
      Mutation: { place: (_: unknown, args: unknown) => (calls.push(args), true) },
    },
    plugins: [safeStringArgumentsPlugin(400)],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    calls.length = 0;
  });

  async function run(query: string, variables: Record<string, unknown> = {}) {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  }

  it('refuses a NUL in an inline literal, naming the argument', async () => {
    const result = await run('{ search(text: "a\\u0000b") }');
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['search'],
        extensions: { code: 'BAD_USER_INPUT', field: 'text' },
      }),
    ]);
    expect(calls).toEqual([]);
  });

  it('refuses an unpaired surrogate deep in a variable of input objects and lists', async () => {
    const input = { note: 'ok', lines: [{ name: 'tea' }, { name: 'cup', tags: ['x', 'y\uD800'] }] };
    const result = await run('mutation($input: OrderInput!) { go: place(input: $input) }', {
      input,
    });
    expect(result.errors?.[0]).toMatchObject({
      path: ['go'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.lines.1.tags.1' },
    });
    expect(calls).toEqual([]);
  });

  it('checks arguments of nested fields and inside fragments', async () => {
    const result = await run(
      'query($t: ID) { nested { ...F } } fragment F on Nested { echo(text: $t) }',
      { t: '\uDC00' },
    );
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(calls).toEqual([]);
  });

  it("refuses a NUL in a variable's default value", async () => {
    const result = await run('query($t: String = "x\\u0000") { search(text: $t) }');
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(calls).toEqual([]);
  });

  it('refuses the same unsafe document again (the literal check is remembered per document)', async () => {
    const query = '{ search(text: "a\\u0000b") }';
    await run(query);
    const again = await run(query);
    expect(again.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(calls).toEqual([]);
  });

  it('lets well-formed text through, emoji included', async () => {
    const result = await run('query($t: String) { search(text: $t) }', {
      t: 'green tea \u{1F375}',
    });
    expect(result.errors).toBeUndefined();
    expect(calls).toEqual([{ text: 'green tea \u{1F375}' }]);
  });

  it('leaves variables of the wrong type to the usual coercion error', async () => {
    const result = await run('query($t: String) { search(text: $t) }', { t: { a: '\u0000' } });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.field).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
