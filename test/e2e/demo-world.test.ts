import { DEMO_PASSWORD, seedDemoWorld } from '../../launcher/demo-world';
import { testLogger } from '../support/event-streams';
import { testEnv, TEST_DATABASE_URL } from '../support/test-env';
import { startTestSystem, type TestSystem } from '../support/test-system';

const STOREFRONT = `{
  products(first: 50, sort: PRICE_ASC) {
    totalCount
    edges { node { name price { amount currency } category { name parent { name } } vendor { displayName } stock { available } } }
  }
}`;

const DASHBOARD = `{
  me {
    displayName
    products(first: 50) {
      edges { node { name stock { available lowStock levels { warehouse { code } onHand } } } }
    }
  }
}`;

describe('the demo world', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  const seed = () =>
    seedDemoWorld(
      t.system.gatewayUrl,
      testEnv(t.prefix, { DATABASE_URL: TEST_DATABASE_URL }),
      testLogger(),
    );

  it('creates vendors, products with stock and a customer that a storefront can browse', async () => {
    const world = await seed();
    expect(world!.logins.map((login) => login.role)).toEqual([
      'ADMIN',
      'VENDOR',
      'VENDOR',
      'CUSTOMER',
    ]);

    const storefront = await t.query(STOREFRONT);
    expect(storefront.errors).toBeUndefined();
    expect(storefront.data!.products.totalCount).toBe(26);
    const teapot = storefront
      .data!.products.edges.map((edge: any) => edge.node)
      .find((node: any) => node.name === 'Cast Iron Teapot 0.8 l');
    expect(teapot).toEqual({
      name: 'Cast Iron Teapot 0.8 l',
      price: { amount: 4990, currency: 'EUR' },
      category: { name: 'Teaware', parent: { name: 'Kitchen' } },
      vendor: { displayName: 'Leaf & Kettle' },
      stock: { available: 7 },
    });
  });

  it('lets a demo vendor see stock per warehouse and low-stock flags', async () => {
    const login = await t.query('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { login: 'tea@bazaar.test', password: DEMO_PASSWORD },
    });
    const dashboard = await t.query(DASHBOARD, {}, { token: login.data!.login.accessToken });
    expect(dashboard.errors).toBeUndefined();
    const products = dashboard.data!.me.products.edges.map((edge: any) => edge.node);
    expect(products).toHaveLength(14);
    const earlGrey = products.find((p: any) => p.name === 'Earl Grey Tea 100 g');
    expect(earlGrey.stock).toMatchObject({ available: 3, lowStock: true });
    expect(earlGrey.stock.levels.map((level: any) => level.warehouse.code).sort()).toEqual([
      'BER-1',
    ]);
  });

  it('runs once: a second seeding changes nothing', async () => {
    const before = await t.sql('catalog', 'SELECT count(*)::int AS n FROM products');
    expect(await seed()).toBeNull();
    expect(await t.sql('catalog', 'SELECT count(*)::int AS n FROM products')).toEqual(before);
  });
});
