import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signInAsAdmin, signUp, type SignedIn } from '../support/accounts';
import {
  ARCHIVE_PRODUCT,
  LIST_PRODUCTS,
  createCategory,
  createProduct,
  type TestProduct,
} from '../support/catalog';
import { graphql } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';

const DEV_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';

const PRODUCT_ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Product { id name status } }
}`;

const VENDOR_LISTING = `query($id: ID!) {
  product(id: $id) {
    vendor { products(first: 10) { totalCount edges { node { id status } } } }
  }
}`;

describe('who sees DRAFT and ARCHIVED products', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  let otherVendor: SignedIn;
  let customer: SignedIn;
  let active: TestProduct;
  let draft: TestProduct;
  let archived: TestProduct;

  beforeAll(async () => {
    t = await startTestSystem();
    [vendor, otherVendor, customer] = await Promise.all([
      signUp(t, { role: 'VENDOR' }),
      signUp(t, { role: 'VENDOR' }),
      signUp(t),
    ]);
    active = await createProduct(t, vendor, { status: 'ACTIVE' });
    draft = await createProduct(t, vendor, { status: 'DRAFT' });
    archived = await createProduct(t, vendor, { status: 'ACTIVE' });
    await t.query(ARCHIVE_PRODUCT, { id: archived.id }, { token: vendor.accessToken });
  });
  afterAll(() => t.stop());

  /** Anonymous, a customer and another vendor: everyone but the owner. */
  const outsiders = () => [
    ['an anonymous visitor', undefined],
    ['a customer', customer.accessToken],
    ['another vendor', otherVendor.accessToken],
  ];

  it('product(id) answers null for DRAFT and ARCHIVED products to everyone but their vendor', async () => {
    const query = 'query($id: ID!) { product(id: $id) { id status } }';
    for (const [, token] of outsiders()) {
      const shown = await t.query(query, { id: active.id }, { token });
      expect(shown.data!.product).toEqual({ id: active.id, status: 'ACTIVE' });
      for (const hidden of [draft, archived]) {
        const result = await t.query(query, { id: hidden.id }, { token });
        expect(result.errors).toBeUndefined();
        expect(result.data!.product).toBeNull();
      }
    }
    for (const own of [draft, archived]) {
      const result = await t.query(query, { id: own.id }, { token: vendor.accessToken });
      expect(result.data!.product).toEqual({
        id: own.id,
        status: own === draft ? 'DRAFT' : 'ARCHIVED',
      });
    }
  });

  it('products lists ACTIVE products only, whoever asks, and counts only those', async () => {
    for (const token of [undefined, customer.accessToken, vendor.accessToken]) {
      const result = await t.query(
        LIST_PRODUCTS,
        { first: 10, filter: { vendorId: vendor.id } },
        { token },
      );
      const { edges, totalCount } = result.data!.products;
      expect(edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([active.id]);
      expect(totalCount).toBe(1);
    }
  });

  it("User.products shows outsiders the vendor's ACTIVE products only", async () => {
    for (const [who, token] of outsiders()) {
      const result = await t.query(VENDOR_LISTING, { id: active.id }, { token });
      expect([who, result.data!.product.vendor.products]).toEqual([
        who,
        { totalCount: 1, edges: [{ node: { id: active.id, status: 'ACTIVE' } }] },
      ]);
    }
  });

  it('User.products shows the vendor all of its own products, newest first', async () => {
    const result = await t.query(
      '{ me { products { totalCount edges { node { id status } } } } }',
      {},
      { token: vendor.accessToken },
    );
    expect(result.data!.me.products).toEqual({
      totalCount: 3,
      edges: [
        { node: { id: archived.id, status: 'ARCHIVED' } },
        { node: { id: draft.id, status: 'DRAFT' } },
        { node: { id: active.id, status: 'ACTIVE' } },
      ],
    });
  });

  it('resolves Product entities to null when the caller may not see them', async () => {
    const representations = [active, draft, archived].map(({ id }) => ({
      __typename: 'Product',
      id,
    }));
    const asCaller = (userId: string | null) => ({
      headers: {
        [SECRET_HEADER]: DEV_SECRET,
        [CALLER_HEADER]: encodeCaller({
          userId,
          role: userId ? 'VENDOR' : null,
          emailVerified: true,
          ip: null,
        }),
      },
    });
    for (const viewer of [null, otherVendor.id]) {
      const result = await graphql(
        t.system.urls.catalog,
        PRODUCT_ENTITIES,
        { r: representations },
        asCaller(viewer),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([
        { id: active.id, name: active.name, status: 'ACTIVE' },
        null,
        null,
      ]);
      expect(JSON.stringify(result)).not.toContain(draft.name);
    }
    const own = await graphql(
      t.system.urls.catalog,
      PRODUCT_ENTITIES,
      { r: representations },
      asCaller(vendor.id),
    );
    expect(own.data!._entities.map((entity: { status: string }) => entity.status)).toEqual([
      'ACTIVE',
      'DRAFT',
      'ARCHIVED',
    ]);
  });

  it('resolves unknown and malformed Product references to null without an error', async () => {
    const result = await graphql(
      t.system.urls.catalog,
      PRODUCT_ENTITIES,
      {
        r: [
          { __typename: 'Product', id: 'not-a-uuid' },
          { __typename: 'Product', id: '8f14e45f-ceea-467a-9575-a5c0b3e1b6f1' },
        ],
      },
      { headers: { [SECRET_HEADER]: DEV_SECRET } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null, null]);
  });

  it('resolves any number of Product entities with one SQL statement', async () => {
    const more = await Promise.all(
      Array.from({ length: 12 }, () => createProduct(t, otherVendor, { status: 'ACTIVE' })),
    );
    const statementsFor = async (count: number) => {
      resetRequestStatementCounts();
      const result = await graphql(
        t.system.urls.catalog,
        PRODUCT_ENTITIES,
        { r: more.slice(0, count).map(({ id }) => ({ __typename: 'Product', id })) },
        { headers: { [SECRET_HEADER]: DEV_SECRET } },
      );
      expect(result.data!._entities).toHaveLength(count);
      return requestStatementCounts()[`${t.prefix}_catalog`];
    };
    expect(await statementsFor(2)).toBe(1);
    expect(await statementsFor(12)).toBe(1);
  });

  it('answers the product page, its category included, in one catalog statement', async () => {
    const category = await createCategory(t, await signInAsAdmin(t));
    const filed = await createProduct(t, vendor, { categoryId: category.id });
    const hidden = await createProduct(t, vendor, { categoryId: category.id, status: 'DRAFT' });
    const PRODUCT_PAGE = `query($id: ID!) {
      product(id: $id) { id name vendor { displayName } category { id name parent { name } } }
    }`;
    const read = async (id: string, reader: SignedIn) => {
      resetRequestStatementCounts();
      const result = await t.query(PRODUCT_PAGE, { id }, { token: reader.accessToken });
      expect(result.errors).toBeUndefined();
      return {
        product: result.data!.product,
        statements: requestStatementCounts()[`${t.prefix}_catalog`],
      };
    };
    const page = await read(filed.id, customer);
    expect(page.product.category).toEqual({ id: category.id, name: category.name, parent: null });
    expect(page.statements).toBe(1);
    expect((await read(active.id, customer)).product.category).toBeNull();
    expect((await read(hidden.id, customer)).product).toBeNull();
    expect((await read(hidden.id, vendor)).product.category.id).toBe(category.id);
  });
});
