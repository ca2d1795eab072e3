import { randomUUID } from 'node:crypto';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signInAsAdmin, signUp, type SignedIn } from '../support/accounts';
import {
  LIST_PRODUCTS,
  allPages,
  createCategory,
  createProduct,
  type TestProduct,
} from '../support/catalog';
import { startTestSystem, type TestSystem } from '../support/test-system';

type Sort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC';

/**
 * The order PostgreSQL must produce: the sort key, then the id, in the same direction. For NEWEST
 * the products must be listed in the order they were created, one after the other (createdAt on
 * the wire has milliseconds only, too coarse to sort by).
 */
function expectedOrder(products: TestProduct[], sort: Sort): string[] {
  const key = (p: TestProduct): string | number =>
    sort === 'NEWEST'
      ? products.indexOf(p)
      : sort === 'NAME_ASC'
        ? p.name.toLowerCase()
        : p.price.amount;
  const descending = sort === 'NEWEST' || sort === 'PRICE_DESC';
  return [...products]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      const order = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return descending ? -order : order;
    })
    .map((p) => p.id);
}

const ids = (nodes: Array<{ id: string }>) => nodes.map((node) => node.id);

describe('product listings: keyset pages, filters, search and sorts', () => {
  let t: TestSystem;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    admin = await signInAsAdmin(t);
  });
  afterAll(() => t.stop());

  const newVendor = () => signUp(t, { role: 'VENDOR' });

  describe('pagination', () => {
    let vendor: SignedIn;
    let products: TestProduct[];

    beforeAll(async () => {
      vendor = await newVendor();
      const specs: Array<[string, number]> = [
        ['banana', 500],
        ['Apple', 300],
        ['cherry', 300],
        ['apple pie', 900],
        ['Date', 100],
        ['elderberry', 300],
        ['Fig', 700],
      ];
      products = [];
      for (const [name, amount] of specs) {
        products.push(await createProduct(t, vendor, { name, price: { amount, currency: 'EUR' } }));
      }
    });

    it.each<Sort>(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME_ASC'])(
      'walks every page sorted %s with no duplicates or gaps, in order',
      async (sort) => {
        const nodes = await allPages(t, { first: 3, sort, filter: { vendorId: vendor.id } });
        expect(ids(nodes)).toEqual(expectedOrder(products, sort));
      },
    );

    it('reports the total over all pages and where the last page ends', async () => {
      const filter = { vendorId: vendor.id };
      const first = await t.query(LIST_PRODUCTS, { first: 5, filter });
      expect(first.data!.products.totalCount).toBe(7);
      expect(first.data!.products.edges).toHaveLength(5);
      expect(first.data!.products.pageInfo.hasNextPage).toBe(true);
      const { endCursor } = first.data!.products.pageInfo;
      const last = await t.query(LIST_PRODUCTS, { first: 5, after: endCursor, filter });
      expect(last.data!.products.totalCount).toBe(7);
      expect(last.data!.products.edges).toHaveLength(2);
      expect(last.data!.products.pageInfo).toEqual({
        hasNextPage: false,
        endCursor: last.data!.products.edges[1].cursor,
      });
      const empty = await t.query(LIST_PRODUCTS, {
        first: 5,
        filter: { vendorId: (await newVendor()).id },
      });
      expect(empty.data!.products).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
        totalCount: 0,
      });
    });

    it('accepts a page size of 100', async () => {
      const result = await t.query(LIST_PRODUCTS, { first: 100, filter: { vendorId: vendor.id } });
      expect(result.data!.products.edges).toHaveLength(7);
    });
  });

  it('stays stable when newer products are inserted between page fetches (NEWEST)', async () => {
    const vendor = await newVendor();
    const original: TestProduct[] = [];
    for (let i = 0; i < 6; i += 1) original.push(await createProduct(t, vendor));
    const inserted: string[] = [];
    const nodes = await allPages(t, { first: 2, filter: { vendorId: vendor.id } }, async () => {
      inserted.push((await createProduct(t, vendor)).id);
    });
    expect(inserted).toHaveLength(2);
    // Offset paging would repeat a row for every product inserted at the front.
    expect(ids(nodes)).toEqual(expectedOrder(original, 'NEWEST'));
  });

  it('stays stable when products are inserted on both sides of the cursor (PRICE_ASC)', async () => {
    const vendor = await newVendor();
    const at = (amount: number) => createProduct(t, vendor, { price: { amount, currency: 'EUR' } });
    const original: TestProduct[] = [];
    for (const amount of [100, 200, 300, 400, 500, 600]) original.push(await at(amount));
    const behind: string[] = [];
    const ahead: TestProduct[] = [];
    const nodes = await allPages(
      t,
      { first: 2, sort: 'PRICE_ASC', filter: { vendorId: vendor.id } },
      async (page) => {
        if (page > 2) return;
        behind.push((await at(page * 200 - 50)).id); // 150, 350: before the cursor
        ahead.push(await at(page * 200 + 250)); // 450, 650: still to come
      },
    );
    expect(ids(nodes)).toEqual(expectedOrder([...original, ...ahead], 'PRICE_ASC'));
    expect(behind).toHaveLength(2);
    expect(ids(nodes)).toEqual(expect.not.arrayContaining(behind));
    expect(new Set(ids(nodes)).size).toBe(nodes.length);
  });

  it('pages through products created in the same instant or microseconds apart, none lost', async () => {
    // Written straight to the table: the API cannot create products this close together.
    const vendorId = randomUUID();
    const rows = await t.sql<{ id: string }>(
      'catalog',
      `INSERT INTO products (vendor_id, name, price_amount, price_currency, status, created_at)
       SELECT $1, 'Twin ' || n, 100, 'EUR', 'ACTIVE',
              '2026-11-01T10:00:00.123456Z'::timestamptz + (n / 3) * interval '1 microsecond'
         FROM generate_series(1, 7) AS n
       RETURNING id`,
      [vendorId],
    );
    const nodes = await allPages(t, { first: 2, filter: { vendorId } });
    expect(ids(nodes).sort()).toEqual(ids(rows).sort());
    expect(new Set(ids(nodes)).size).toBe(7);
  });

  describe('filters and search', () => {
    let vendor: SignedIn;
    let other: SignedIn;

    beforeAll(async () => {
      [vendor, other] = await Promise.all([newVendor(), newVendor()]);
    });

    const search = async (filter: Record<string, unknown>, sort: Sort = 'PRICE_ASC') =>
      ids(await allPages(t, { first: 50, sort, filter }));

    it('lists a category with all its descendants', async () => {
      const tools = await createCategory(t, admin);
      const handTools = await createCategory(t, admin, { parentId: tools.id });
      const hammers = await createCategory(t, admin, { parentId: handTools.id });
      const garden = await createCategory(t, admin);
      const inCategory = (category: { id: string } | null, amount: number) =>
        createProduct(t, vendor, {
          categoryId: category?.id ?? null,
          price: { amount, currency: 'EUR' },
        });
      const toolbox = await inCategory(tools, 10);
      const saw = await inCategory(handTools, 20);
      const hammer = await inCategory(hammers, 30);
      const rake = await inCategory(garden, 40);
      await inCategory(null, 50);

      expect(await search({ categoryId: tools.id })).toEqual([toolbox.id, saw.id, hammer.id]);
      expect(await search({ categoryId: handTools.id })).toEqual([saw.id, hammer.id]);
      expect(await search({ categoryId: hammers.id })).toEqual([hammer.id]);
      expect(await search({ categoryId: garden.id })).toEqual([rake.id]);
      expect(await search({ categoryId: '8f14e45f-ceea-467a-9575-a5c0b3e1b6f1' })).toEqual([]);
    });

    it('searches names and descriptions with web-search syntax', async () => {
      const product = (name: string, description: string) =>
        createProduct(t, vendor, { name, description });
      const redLamp = await product('Zanzibar red lamp', 'A brass reading light');
      const blueLamp = await product('Zanzibar blue lamp', 'Desk light, red switch');
      const chair = await product('Zanzibar red chair', 'Solid oak');

      const found = (text: string) => search({ search: text }, 'NEWEST');
      expect(await found('zanzibar lamp')).toEqual([blueLamp.id, redLamp.id]);
      expect(await found('ZANZIBAR')).toEqual([chair.id, blueLamp.id, redLamp.id]);
      expect(await found('"red lamp"')).toEqual([redLamp.id]);
      expect(await found('zanzibar -lamp')).toEqual([chair.id]);
      expect(await found('brass')).toEqual([redLamp.id]);
      expect(await found('zanzibar or oak')).toEqual([chair.id, blueLamp.id, redLamp.id]);
      expect(await found('nothing-like-this')).toEqual([]);
    });

    it('treats a blank search as no search', async () => {
      const all = await search({ vendorId: vendor.id });
      expect(await search({ vendorId: vendor.id, search: '   ' })).toEqual(all);
    });

    it('filters by an inclusive price range and by vendor', async () => {
      const priced = await Promise.all(
        [1111, 2222, 3333].map((amount) =>
          createProduct(t, other, { price: { amount, currency: 'EUR' } }),
        ),
      );
      const [low, mid, high] = priced.map((p) => p.id);
      const mine = { vendorId: other.id };
      expect(await search({ ...mine, minPrice: 2222 })).toEqual([mid, high]);
      expect(await search({ ...mine, maxPrice: 2222 })).toEqual([low, mid]);
      expect(await search({ ...mine, minPrice: 2222, maxPrice: 2222 })).toEqual([mid]);
      expect(await search({ ...mine, minPrice: 1112, maxPrice: 3332 })).toEqual([mid]);
      expect(await search({ minPrice: 1111, maxPrice: 3333, vendorId: vendor.id })).toEqual(
        expect.not.arrayContaining([low, mid, high]),
      );
    });

    it('combines filters with a sort', async () => {
      const lamps = await createCategory(t, admin);
      const make = (name: string, amount: number) =>
        createProduct(t, vendor, {
          name,
          categoryId: lamps.id,
          price: { amount, currency: 'EUR' },
        });
      const cheap = await make('Quokka lamp small', 900);
      const dear = await make('Quokka lamp large', 4900);
      await make('Quokka shade', 1500);
      await make('Quokka lamp huge', 99000);
      expect(
        await search(
          { categoryId: lamps.id, search: 'quokka lamp', maxPrice: 5000, vendorId: vendor.id },
          'PRICE_DESC',
        ),
      ).toEqual([dear.id, cheap.id]);
    });
  });

  it('answers a storefront page with as many SQL statements for 50 products as for 10', async () => {
    const root = await createCategory(t, admin);
    const leaf = await createCategory(t, admin, { parentId: root.id });
    const vendors = await Promise.all(Array.from({ length: 5 }, () => newVendor()));
    await Promise.all(
      vendors.map(async (vendor) => {
        for (let i = 0; i < 10; i += 1) await createProduct(t, vendor, { categoryId: leaf.id });
      }),
    );
    const STOREFRONT = `query($first: Int, $filter: ProductFilter) {
      products(first: $first, filter: $filter) {
        totalCount
        edges { node {
          id name price { amount currency }
          category { name parent { name children { id } } }
          vendor { displayName products(first: 2) { totalCount edges { node { id } } } }
        } }
      }
    }`;
    const statementsFor = async (first: number) => {
      resetRequestStatementCounts();
      const result = await t.query(STOREFRONT, { first, filter: { categoryId: root.id } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.products.edges).toHaveLength(first);
      const node = result.data!.products.edges[0].node;
      expect(node.category.parent.name).toBe(root.name);
      expect(node.vendor.products.totalCount).toBe(10);
      const counts = requestStatementCounts();
      return [counts[`${t.prefix}_catalog`], counts[`${t.prefix}_users`] ?? 0];
    };
    const small = await statementsFor(10);
    expect(await statementsFor(50)).toEqual(small);
    // products (page + total, with the vendors' names and categories), parent, children,
    // User.products; none for the users subgraph.
    expect(small).toEqual([5, 0]);
  });

  it('answers the storefront page, categories included, in one catalog statement', async () => {
    const category = await createCategory(t, admin);
    const vendor = await newVendor();
    const filed = await createProduct(t, vendor, { categoryId: category.id });
    const loose = await createProduct(t, vendor);
    const STOREFRONT = `query($vendorId: ID!) {
      products(first: 20, filter: { vendorId: $vendorId }) {
        edges { node { id name price { amount currency } vendor { displayName } category { id name } } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    resetRequestStatementCounts();
    const result = await t.query(STOREFRONT, { vendorId: vendor.id });
    expect(result.errors).toBeUndefined();
    expect(requestStatementCounts()[`${t.prefix}_catalog`]).toBe(1);
    const edges: Array<{ node: { id: string; category: unknown } }> = result.data!.products.edges;
    const categoryOf = new Map(edges.map((edge) => [edge.node.id, edge.node.category]));
    expect(categoryOf).toEqual(
      new Map([
        [loose.id, null],
        [filed.id, { id: category.id, name: category.name }],
      ]),
    );
  });
});
