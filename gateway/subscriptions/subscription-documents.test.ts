import { buildSchema, GraphQLError, type DocumentNode } from 'graphql';
import { SubscriptionDocuments } from './subscription-documents';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Subscription { ticks(from: Int!): Int }
`);
const TICKS = 'subscription($from: Int!) { ticks(from: $from) }';

describe('SubscriptionDocuments', () => {
  it('hands every subscriber of one text the same document, without locations', () => {
    const documents = new SubscriptionDocuments();
    const first = documents.get(schema, TICKS);
    expect(documents.get(schema, TICKS)).toBe(first);
    expect(first).toMatchObject({ kind: 'Document' });
    expect((first as DocumentNode).loc).toBeUndefined();
  });

  it('answers a syntax error with its location, and keeps nothing', () => {
    const documents = new SubscriptionDocuments();
    const errors = documents.get(schema, 'subscription {') as GraphQLError[];
    expect(errors[0]).toBeInstanceOf(GraphQLError);
    expect(errors[0].message).toMatch(/^Syntax Error/);
    expect(errors[0].locations).toEqual([{ line: 1, column: 15 }]);
    expect(documents.size).toBe(0);
  });

  it('answers an invalid document with located errors, and keeps nothing', () => {
    const documents = new SubscriptionDocuments();
    const errors = documents.get(schema, 'subscription { nope }') as GraphQLError[];
    expect(errors.map((error) => [error.message, error.locations])).toEqual([
      ['Cannot query field "nope" on type "Subscription".', [{ line: 1, column: 16 }]],
    ]);
    expect(documents.size).toBe(0);
  });

  it('refuses a query that is not a string', () => {
    const documents = new SubscriptionDocuments();
    expect(documents.get(schema, 42)).toEqual([expect.any(GraphQLError)]);
    expect(documents.size).toBe(0);
  });

  it('lets the least recently used text go beyond its capacity', () => {
    const documents = new SubscriptionDocuments(2);
    const kept = documents.get(schema, TICKS);
    documents.get(schema, '{ ok }');
    documents.get(schema, TICKS);
    documents.get(schema, 'query Again { ok }');
    expect(documents.size).toBe(2);
    expect(documents.get(schema, TICKS)).toBe(kept);
  });

  it('parses afresh for a new schema', () => {
    const documents = new SubscriptionDocuments();
    const before = documents.get(schema, TICKS);
    const next = buildSchema(
      'type Query { ok: Boolean } type Subscription { ticks(from: Int!): Int }',
    );
    expect(documents.get(next, TICKS)).not.toBe(before);
    expect(documents.size).toBe(1);
  });
});
