import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import { signInAsAdmin, signUp, type SignedIn } from '../support/accounts';
import {
  CREATE_CATEGORY,
  UPDATE_CATEGORY,
  catalogFingerprint,
  createCategory,
  createProduct,
} from '../support/catalog';
import { errorCode, graphql, type GraphQLResult } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const CATEGORIES = '{ categories { id name slug parent { id } children { id } } }';

describe('the category tree', () => {
  let t: TestSystem;
  let admin: SignedIn;
  let vendor: SignedIn;
  let customer: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    [admin, vendor, customer] = await Promise.all([
      signInAsAdmin(t),
      signUp(t, { role: 'VENDOR' }),
      signUp(t),
    ]);
  });
  afterAll(() => t.stop());

  const asAdmin = () => ({ token: admin.accessToken });
  const categoryRow = async (id: string) =>
    (await t.sql('catalog', 'SELECT * FROM categories WHERE id = $1', [id]))[0];

  function expectBadInput(result: GraphQLResult, field: string) {
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions!.field).toBe(field);
  }

  it('builds a tree that categories shows with parents and children', async () => {
    const home = await createCategory(t, admin, { name: 'Home', slug: 'home' });
    const kitchen = await createCategory(t, admin, {
      name: 'Kitchen',
      slug: 'kitchen',
      parentId: home.id,
    });
    const bath = await createCategory(t, admin, { name: 'Bath', slug: 'bath', parentId: home.id });
    const result = await t.query(CATEGORIES);
    const byId = new Map(
      result.data!.categories.map((category: { id: string }) => [category.id, category]),
    );
    expect(byId.get(home.id)).toEqual({
      id: home.id,
      name: 'Home',
      slug: 'home',
      parent: null,
      children: [{ id: bath.id }, { id: kitchen.id }],
    });
    expect(byId.get(kitchen.id)).toMatchObject({ parent: { id: home.id }, children: [] });
  });

  it('lets admins rename and move categories, to the top level with a null parent', async () => {
    const a = await createCategory(t, admin);
    const b = await createCategory(t, admin);
    const moved = await t.query(
      UPDATE_CATEGORY,
      { id: b.id, input: { parentId: a.id, name: 'Renamed', slug: 'renamed-b' } },
      asAdmin(),
    );
    expect(moved.data!.updateCategory).toEqual({
      id: b.id,
      name: 'Renamed',
      slug: 'renamed-b',
      parent: { id: a.id },
    });
    const top = await t.query(UPDATE_CATEGORY, { id: b.id, input: { parentId: null } }, asAdmin());
    expect(top.data!.updateCategory.parent).toBeNull();
  });

  it('refuses vendors and customers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const existing = await createCategory(t, admin);
    const before = await catalogFingerprint(t);
    const create = { input: { name: 'Sneaky', slug: 'sneaky' } };
    const update = { id: existing.id, input: { name: 'Sneaky' } };
    for (const token of [vendor.accessToken, customer.accessToken]) {
      expect(errorCode(await t.query(CREATE_CATEGORY, create, { token }))).toBe('FORBIDDEN');
      expect(errorCode(await t.query(UPDATE_CATEGORY, update, { token }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.query(CREATE_CATEGORY, create))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.query(UPDATE_CATEGORY, update))).toBe('UNAUTHENTICATED');
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('refuses a slug that is taken with CONFLICT on input.slug', async () => {
    const taken = await createCategory(t, admin);
    const other = await createCategory(t, admin);
    const before = await catalogFingerprint(t);
    const create = await t.query(
      CREATE_CATEGORY,
      { input: { name: 'Copy', slug: taken.slug } },
      asAdmin(),
    );
    expect(create.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    const update = await t.query(
      UPDATE_CATEGORY,
      { id: other.id, input: { slug: taken.slug } },
      asAdmin(),
    );
    expect(update.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it.each([
    ['a blank name', { name: ' ', slug: 'blank-name' }, 'input.name'],
    ['a 101-character name', { name: 'n'.repeat(101), slug: 'long-name' }, 'input.name'],
    ['a slug with capitals', { name: 'Shoes', slug: 'Shoes' }, 'input.slug'],
    ['a slug with spaces', { name: 'Shoes', slug: 'red shoes' }, 'input.slug'],
    ['a 101-character slug', { name: 'Shoes', slug: 's'.repeat(101) }, 'input.slug'],
    ['a malformed parent id', { name: 'Shoes', slug: 'shoes', parentId: 'x' }, 'input.parentId'],
    [
      'an unknown parent',
      { name: 'Shoes', slug: 'shoes', parentId: '8f14e45f-ceea-467a-9575-a5c0b3e1b6f1' },
      'input.parentId',
    ],
  ])('refuses to create a category with %s, storing nothing', async (_case, input, field) => {
    const before = await catalogFingerprint(t);
    expectBadInput(await t.query(CREATE_CATEGORY, { input }, asAdmin()), field);
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('refuses to move a category under itself or its descendants; nothing changes', async () => {
    const top = await createCategory(t, admin);
    const middle = await createCategory(t, admin, { parentId: top.id });
    const bottom = await createCategory(t, admin, { parentId: middle.id });
    const before = await catalogFingerprint(t);
    for (const parentId of [top.id, middle.id, bottom.id]) {
      expectBadInput(
        await t.query(UPDATE_CATEGORY, { id: top.id, input: { parentId } }, asAdmin()),
        'input.parentId',
      );
    }
    expect(await categoryRow(top.id)).toMatchObject({ parent_id: null });
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('never lets two concurrent moves make a cycle: one of them is refused', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 5 }, async () => [
        await createCategory(t, admin),
        await createCategory(t, admin),
      ]),
    );
    const results = await Promise.all(
      pairs.flatMap(([a, b]) => [
        t.query(UPDATE_CATEGORY, { id: a.id, input: { parentId: b.id } }, asAdmin()),
        t.query(UPDATE_CATEGORY, { id: b.id, input: { parentId: a.id } }, asAdmin()),
      ]),
    );
    for (let i = 0; i < pairs.length; i += 1) {
      const codes = [results[2 * i], results[2 * i + 1]].map((result) => errorCode(result));
      expect(codes.sort()).toEqual(['BAD_USER_INPUT', undefined]);
      const [a, b] = await Promise.all(pairs[i].map(({ id }) => categoryRow(id)));
      expect([a.parent_id === b.id, b.parent_id === a.id].filter(Boolean)).toHaveLength(1);
    }
  });

  it('answers NOT_FOUND for an unknown category and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = await t.query(
      UPDATE_CATEGORY,
      { id: '8f14e45f-ceea-467a-9575-a5c0b3e1b6f1', input: { name: 'Ghost' } },
      asAdmin(),
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expectBadInput(await t.query(UPDATE_CATEGORY, { id: 'x', input: {} }, asAdmin()), 'id');
  });

  it("resolves a product's category through the gateway", async () => {
    const parent = await createCategory(t, admin, { name: 'Outdoor' });
    const category = await createCategory(t, admin, { name: 'Tents', parentId: parent.id });
    const product = await createProduct(t, vendor, { categoryId: category.id });
    const result = await t.query(
      'query($id: ID!) { product(id: $id) { category { name parent { name } } } }',
      { id: product.id },
    );
    expect(result.data!.product.category).toEqual({ name: 'Tents', parent: { name: 'Outdoor' } });
  });

  it('resolves Category entities, null for unknown ones', async () => {
    const category = await createCategory(t, admin, { name: 'Lighting' });
    const result = await graphql(
      t.system.urls.catalog,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Category { id name } } }',
      {
        r: [
          { __typename: 'Category', id: category.id },
          { __typename: 'Category', id: 'nope' },
        ],
      },
      {
        headers: {
          [SECRET_HEADER]: 'bazaar-dev-subgraph-secret-not-for-production',
          [CALLER_HEADER]: encodeCaller({
            userId: null,
            role: null,
            emailVerified: false,
            ip: null,
          }),
        },
      },
    );
    expect(result.data!._entities).toEqual([{ id: category.id, name: 'Lighting' }, null]);
  });
});
