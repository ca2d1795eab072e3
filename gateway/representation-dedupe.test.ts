import {
  copyJson,
  dedupeRepresentations,
  expandEntities,
  representationKey,
} from './representation-dedupe';

const user = (id: string) => ({ __typename: 'User', id });

describe('representation dedupe', () => {
  it('sends each distinct representation once and remembers where each came from', () => {
    const { unique, positions } = dedupeRepresentations([user('a'), user('b'), user('a')]);
    expect(unique).toEqual([user('a'), user('b')]);
    expect(positions).toEqual([0, 1, 0]);
  });

  it('spreads the answer back in the original order, repeats as separate copies', () => {
    const expanded = expandEntities(
      { data: { _entities: [{ displayName: 'A', address: { city: 'X' } }, { displayName: 'B' }] } },
      [0, 1, 0],
    );
    const entities = expanded.data!._entities as Array<Record<string, unknown>>;
    expect(entities).toEqual([
      { displayName: 'A', address: { city: 'X' } },
      { displayName: 'B' },
      { displayName: 'A', address: { city: 'X' } },
    ]);
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2].address).not.toBe(entities[0].address);
  });

  it('repeats an entity error for every original entity it concerns, other errors once', () => {
    const expanded = expandEntities(
      {
        data: { _entities: [null, { displayName: 'B' }] },
        errors: [
          { message: 'gone', path: ['_entities', 0, 'displayName'] },
          { message: 'elsewhere', path: ['other'] },
        ],
      },
      [0, 1, 0],
    );
    expect(expanded.data!._entities).toEqual([null, { displayName: 'B' }, null]);
    expect(expanded.errors).toEqual([
      { message: 'gone', path: ['_entities', 0, 'displayName'] },
      { message: 'gone', path: ['_entities', 2, 'displayName'] },
      { message: 'elsewhere', path: ['other'] },
    ]);
  });
});

describe('copyJson', () => {
  it('copies parsed JSON deeply: equal, and no object shared with the original', () => {
    const original = { a: 1, b: 'x', c: null, d: true, e: [{ f: [1, { g: 'h' }] }], i: { j: {} } };
    const copy = copyJson(original) as typeof original;
    expect(copy).toEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.e).not.toBe(original.e);
    expect(copy.e[0].f[1]).not.toBe(original.e[0].f[1]);
    expect(copy.i.j).not.toBe(original.i.j);
  });
});

describe('representationKey', () => {
  it('keys equal representations alike and different ones apart, whatever their shape', () => {
    const keys = [
      user('a'),
      user('b'),
      { __typename: 'Product', id: 'a' },
      { __typename: 'User', id: 'a', email: 'x' },
      { __typename: 'User', id: 1 },
      { __typename: 'User', id: '1' },
      { __typename: 'User\na', id: '' },
      { __typename: 'User', id: 'a\n' },
    ].map(representationKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(representationKey(user('a'))).toBe(representationKey({ __typename: 'User', id: 'a' }));
    expect(representationKey({ a: [1, { b: 2 }] })).toBe(JSON.stringify({ a: [1, { b: 2 }] }));
  });
});
