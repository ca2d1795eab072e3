import { randomUUID } from 'node:crypto';
import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import { resolveSubgraphSecret } from '../../lib/config/common-env';
import { encodeCursor } from '../../lib/graphql/pagination';
import { newAccount, REGISTER, signUp, type SignedIn } from '../support/accounts';
import {
  catalogFingerprint,
  CREATE_PRODUCT,
  createProduct,
  LIST_PRODUCTS,
  newProductInput,
} from '../support/catalog';
import { graphql, type GraphQLResult } from '../support/graphql-client';
import { MY_ORDERS, ordersFingerprint, PLACE_ORDER } from '../support/orders';
import { followOrder, subscriptionClient } from '../support/subscriptions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

/** The refusal every hostile value must get: BAD_USER_INPUT naming the argument, nothing run. */
function expectRefused(result: GraphQLResult, field: string) {
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(result.data ?? null).toBeNull();
}

describe('hostile strings and cursors are BAD_USER_INPUT, never a database error', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    await createProduct(t, vendor, { name: 'Green tea' });
  });
  afterAll(() => t.stop());

  describe('NUL bytes and unpaired surrogates', () => {
    it('refuses register with a NUL in the display name: no account, no event', async () => {
      const count = () =>
        t.sql('users', 'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM outbox) AS n');
      const before = await count();
      const input = newAccount({ displayName: 'Eve\u0000' });
      const result = await t.query(REGISTER, { input });
      expect(result.status).toBe(400);
      expectRefused(result, 'input.displayName');
      expect(result.errors![0].path).toEqual(['register']);
      expect(await count()).toEqual(before);
    });

    it('refuses createProduct with a lone surrogate in the name, and a NUL inline', async () => {
      const before = await catalogFingerprint(t);
      const input = newProductInput({ name: 'Tea \uD83C' });
      expectRefused(
        await t.query(CREATE_PRODUCT, { input }, { token: vendor.accessToken }),
        'input.name',
      );
      const inline = await t.query(
        'mutation { createProduct(input: {name: "Tea", description: "x\\u0000", price: {amount: 100, currency: "EUR"}}) { id } }',
        {},
        { token: vendor.accessToken },
      );
      expectRefused(inline, 'input.description');
      expect(await catalogFingerprint(t)).toEqual(before);
    });

    it('refuses a NUL in an id nested in a list of input objects (placeOrder)', async () => {
      const buyer = await signUp(t);
      const before = await ordersFingerprint(t);
      const items = [
        { productId: randomUUID(), quantity: 1 },
        { productId: 'x\u0000', quantity: 1 },
      ];
      const result = await t.query(
        PLACE_ORDER,
        { input: { items, idempotencyKey: 'hostile-1' } },
        { token: buyer.accessToken },
      );
      expectRefused(result, 'input.items.1.productId');
      expect(await ordersFingerprint(t)).toEqual(before);
    });

    it('refuses the product search with a NUL, inline or in a variable', async () => {
      expectRefused(
        await t.query('{ products(filter: {search: "tea\\u0000"}) { totalCount } }'),
        'filter.search',
      );
      expectRefused(
        await t.query(LIST_PRODUCTS, { filter: { search: '\uDC00tea' } }),
        'filter.search',
      );
      const fine = await t.query(LIST_PRODUCTS, { filter: { search: 'tea \u{1F375}' } });
      expect(fine.errors).toBeUndefined();
    });

    it('refuses a NUL in a subscription argument as BAD_USER_INPUT', async () => {
      const buyer = await signUp(t);
      const client = subscriptionClient(t, buyer.accessToken);
      try {
        const followed = followOrder(client, `${randomUUID()}\u0000`);
        await waitFor(() => followed.statuses.length > 0 || followed.completed, 'an answer');
        expect(followed.statuses).toEqual([]);
        expect(followed.received[0]?.errors?.[0]).toMatchObject({
          extensions: { code: 'BAD_USER_INPUT', field: 'orderId' },
        });
        expect(followed.error).toBeNull();
      } finally {
        await client.dispose();
      }
    });

    it('refuses them at a subgraph called directly too', async () => {
      const result = await graphql(
        t.system.urls.catalog,
        'query($s: String) { products(filter: {search: $s}) { totalCount } }',
        { s: 'tea\u0000' },
        {
          headers: {
            [SECRET_HEADER]: resolveSubgraphSecret('test', undefined),
            [CALLER_HEADER]: encodeCaller({
              userId: null,
              role: null,
              emailVerified: false,
              ip: null,
            }),
          },
        },
      );
      expectRefused(result, 'filter.search');
    });
  });

  describe('tampered cursors', () => {
    const ROW = randomUUID();

    it.each([
      ['a year-0000 date', 'NEWEST', ['NEWEST', '0000-01-01T00:00:00.000000Z', ROW]],
      ['February 30', 'NEWEST', ['NEWEST', '2026-02-30T10:00:00.000000Z', ROW]],
      ['a NUL in the name key', 'NAME_ASC', ['NAME_ASC', 'tea\u0000', ROW]],
      ['a price past the range', 'PRICE_ASC', ['PRICE_ASC', 2 ** 53, ROW]],
      ['an id that is not a uuid', 'NEWEST', ['NEWEST', '2026-01-01T00:00:00.000000Z', 'x']],
    ])('refuses a products cursor with %s', async (_what, sort, position) => {
      const result = await t.query(LIST_PRODUCTS, { sort, after: encodeCursor(position) });
      expectRefused(result, 'after');
    });

    it('refuses an orders cursor with a sequence past bigint', async () => {
      const buyer = await signUp(t);
      const after = encodeCursor(['orders', '9223372036854775808']);
      const result = await t.query(MY_ORDERS, { first: 5, after }, { token: buyer.accessToken });
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it('still follows a real cursor', async () => {
      const first = await t.query(LIST_PRODUCTS, { first: 1, sort: 'NAME_ASC' });
      const after = first.data!.products.pageInfo.endCursor;
      const next = await t.query(LIST_PRODUCTS, { first: 1, sort: 'NAME_ASC', after });
      expect(next.errors).toBeUndefined();
    });
  });
});
