import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signUp, type SignedIn } from '../support/accounts';
import { createWarehouse, receive, stockableProduct } from '../support/inventory';
import { startTestSystem, type TestSystem } from '../support/test-system';

const STOREFRONT = `query($first: Int, $vendorId: ID) {
  products(first: $first, filter: { vendorId: $vendorId }) {
    edges { node { id name price { amount } stock { available lowStock } } }
  }
}`;

const DASHBOARD = `query($first: Int) {
  me {
    products(first: $first) {
      edges { node { id stock { onHand lowStock levels { onHand available warehouse { code active } } } } }
    }
  }
}`;

describe('Product.stock through the gateway', () => {
  let t: TestSystem;
  let vendor: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    const warehouses = [await createWarehouse(t, vendor), await createWarehouse(t, vendor)];
    const products = await Promise.all(
      Array.from({ length: 50 }, () => stockableProduct(t, vendor, { status: 'ACTIVE' })),
    );
    await Promise.all(
      products.flatMap((product, i) =>
        warehouses.map((warehouse) => receive(t, vendor, product.id, warehouse.id, i + 1)),
      ),
    );
  });
  afterAll(() => t.stop());

  /** Inventory's SQL statements for one operation, after checking it returned `first` products. */
  async function inventoryStatements(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<number> {
    resetRequestStatementCounts();
    const result = await t.query(query, variables, { token });
    expect(result.errors).toBeUndefined();
    const connection = result.data!.products ?? result.data!.me.products;
    expect(connection.edges).toHaveLength(variables.first as number);
    return requestStatementCounts()[`${t.prefix}_inventory`];
  }

  it('answers a storefront page with one inventory statement, whatever its size', async () => {
    const variables = { vendorId: vendor.id };
    expect(await inventoryStatements(STOREFRONT, { ...variables, first: 10 })).toBe(1);
    expect(await inventoryStatements(STOREFRONT, { ...variables, first: 50 })).toBe(1);
  });

  it('answers a vendor dashboard page with stock levels in two inventory statements, whatever its size', async () => {
    expect(await inventoryStatements(DASHBOARD, { first: 10 }, vendor.accessToken)).toBe(2);
    expect(await inventoryStatements(DASHBOARD, { first: 50 }, vendor.accessToken)).toBe(2);
  });

  it('gives every product its own totals and levels', async () => {
    const result = await t.query(DASHBOARD, { first: 50 }, { token: vendor.accessToken });
    const nodes = result.data!.me.products.edges.map((edge: any) => edge.node);
    // Newest first: the last product created received 50 units in each warehouse.
    for (const node of nodes) {
      const [a, b] = node.stock.levels;
      expect(a.onHand).toBe(b.onHand);
      expect(node.stock.onHand).toBe(a.onHand * 2);
      expect(node.stock.lowStock).toBe(node.stock.onHand <= 5);
    }
    expect(new Set(nodes.map((node: any) => node.stock.onHand)).size).toBe(50);
  });
});
