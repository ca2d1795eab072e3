import { signUp, type SignedIn } from '../support/accounts';
import {
  ARCHIVE_PRODUCT,
  CREATE_PRODUCT,
  LIST_PRODUCTS,
  UPDATE_PRODUCT,
  catalogFingerprint,
  createProduct,
  newProductInput,
} from '../support/catalog';
import { errorCode, type GraphQLResult } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const UNKNOWN_ID = '8f14e45f-ceea-467a-9575-a5c0b3e1b6f1';

describe('catalog input validation', () => {
  let t: TestSystem;
  let vendor: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
  });
  afterAll(() => t.stop());

  function expectBadInput(result: GraphQLResult, field: string) {
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions!.field).toBe(field);
    // A nullable root field answers null beside the error; a non-null one nulls all of data.
    expect(Object.values(result.data ?? {}).filter((value) => value !== null)).toEqual([]);
  }

  it.each([
    ['a zero price', { price: { amount: 0, currency: 'EUR' } }, 'input.price.amount'],
    ['a negative price', { price: { amount: -100, currency: 'EUR' } }, 'input.price.amount'],
    [
      'a price above 100000000',
      { price: { amount: 100_000_001, currency: 'EUR' } },
      'input.price.amount',
    ],
    ['a lower-case currency', { price: { amount: 100, currency: 'eur' } }, 'input.price.currency'],
    [
      'a four-letter currency',
      { price: { amount: 100, currency: 'EURO' } },
      'input.price.currency',
    ],
    [
      'a code ISO-4217 does not have (ZZZ)',
      { price: { amount: 100, currency: 'ZZZ' } },
      'input.price.currency',
    ],
    ['a test currency (XTS)', { price: { amount: 100, currency: 'XTS' } }, 'input.price.currency'],
    ['a blank name', { name: '   ' }, 'input.name'],
    ['a 201-character name', { name: 'n'.repeat(201) }, 'input.name'],
    ['a 5001-character description', { description: 'd'.repeat(5001) }, 'input.description'],
    ['a malformed category id', { categoryId: 'shoes' }, 'input.categoryId'],
    ['an unknown category', { categoryId: UNKNOWN_ID }, 'input.categoryId'],
    ['the ARCHIVED status', { status: 'ARCHIVED' }, 'input.status'],
  ])('refuses to create a product with %s, storing nothing', async (_case, override, field) => {
    const before = await catalogFingerprint(t);
    const result = await t.query(
      CREATE_PRODUCT,
      { input: newProductInput(override) },
      { token: vendor.accessToken },
    );
    expectBadInput(result, field);
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('accepts the limits themselves: 200-character name, 5000-character description, 1 and 100000000', async () => {
    for (const amount of [1, 100_000_000]) {
      const product = await createProduct(t, vendor, {
        name: 'n'.repeat(200),
        description: 'd'.repeat(5000),
        price: { amount, currency: 'JPY' },
      });
      expect(product.price).toEqual({ amount, currency: 'JPY' });
    }
  });

  it.each([
    ['a null name', { name: null }, 'input.name'],
    ['an oversized name', { name: 'n'.repeat(201) }, 'input.name'],
    ['a zero price', { price: { amount: 0, currency: 'EUR' } }, 'input.price.amount'],
    ['a null price', { price: null }, 'input.price'],
    ['a bad currency', { price: { amount: 5, currency: 'E1R' } }, 'input.price.currency'],
    ['a made-up currency', { price: { amount: 5, currency: 'ZZZ' } }, 'input.price.currency'],
    ['an unknown category', { categoryId: UNKNOWN_ID }, 'input.categoryId'],
    ['the ARCHIVED status', { status: 'ARCHIVED' }, 'input.status'],
  ])('refuses to update a product with %s, changing nothing', async (_case, input, field) => {
    const product = await createProduct(t, vendor);
    const before = await catalogFingerprint(t);
    const result = await t.query(
      UPDATE_PRODUCT,
      { id: product.id, input },
      { token: vendor.accessToken },
    );
    expectBadInput(result, field);
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('refuses malformed product ids with BAD_USER_INPUT on id', async () => {
    const before = await catalogFingerprint(t);
    const token = vendor.accessToken;
    expectBadInput(
      await t.query(UPDATE_PRODUCT, { id: 'p-1', input: { name: 'x' } }, { token }),
      'id',
    );
    expectBadInput(await t.query(ARCHIVE_PRODUCT, { id: '1234' }, { token }), 'id');
    expectBadInput(await t.query('{ product(id: "not-an-id") { id } }'), 'id');
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it.each([
    ['first = 0', { first: 0 }, 'first'],
    ['first = 101', { first: 101 }, 'first'],
    ['a cursor that is not one', { after: 'bm90IGEgY3Vyc29y' }, 'after'],
    ['a malformed category id', { filter: { categoryId: 'garden' } }, 'filter.categoryId'],
    ['a malformed vendor id', { filter: { vendorId: '42' } }, 'filter.vendorId'],
    ['a negative minimum price', { filter: { minPrice: -1 } }, 'filter.minPrice'],
    [
      'a maximum below the minimum',
      { filter: { minPrice: 500, maxPrice: 499 } },
      'filter.maxPrice',
    ],
    ['an oversized search', { filter: { search: 's'.repeat(201) } }, 'filter.search'],
  ])('refuses to list products with %s', async (_case, variables, field) => {
    expectBadInput(await t.query(LIST_PRODUCTS, { first: 10, ...variables }), field);
  });

  it('refuses a cursor of another sort order', async () => {
    await createProduct(t, vendor);
    await createProduct(t, vendor);
    const page = await t.query(LIST_PRODUCTS, { first: 1, sort: 'PRICE_ASC' });
    const cursor = page.data!.products.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    expectBadInput(
      await t.query(LIST_PRODUCTS, { first: 1, after: cursor, sort: 'NEWEST' }),
      'after',
    );
    const next = await t.query(LIST_PRODUCTS, { first: 1, after: cursor, sort: 'PRICE_ASC' });
    expect(next.errors).toBeUndefined();
  });

  it("refuses out-of-range page sizes on a vendor's own listing", async () => {
    const result = await t.query(
      '{ me { products(first: 500) { totalCount } } }',
      {},
      { token: vendor.accessToken },
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions!.field).toBe('first');
  });
});
