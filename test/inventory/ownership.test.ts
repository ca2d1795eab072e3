import { randomUUID } from 'node:crypto';
import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signUp, signUpUnverified, type SignedIn } from '../support/accounts';
import type { TestProduct } from '../support/catalog';
import { errorCode, graphql } from '../support/graphql-client';
import {
  ADJUST_STOCK,
  CREATE_WAREHOUSE,
  PRODUCT_STOCK,
  RECEIVE_STOCK,
  SET_THRESHOLD,
  STOCK_MOVEMENTS,
  TRANSFER_STOCK,
  UPDATE_WAREHOUSE,
  createWarehouse,
  inventoryFingerprint,
  receive,
  stockableProduct,
  type TestWarehouse,
} from '../support/inventory';
import { startTestSystem, type TestSystem } from '../support/test-system';

const DEV_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';

describe('inventory ownership and visibility', () => {
  let t: TestSystem;
  let owner: SignedIn;
  let rival: SignedIn;
  let customer: SignedIn;
  let product: TestProduct;
  let home: TestWarehouse;
  let second: TestWarehouse;
  let rivalWarehouse: TestWarehouse;

  beforeAll(async () => {
    t = await startTestSystem();
    [owner, rival, customer] = await Promise.all([
      signUp(t, { role: 'VENDOR' }),
      signUp(t, { role: 'VENDOR' }),
      signUp(t),
    ]);
    product = await stockableProduct(t, owner, { status: 'ACTIVE' });
    home = await createWarehouse(t, owner, { code: 'HOME' });
    second = await createWarehouse(t, owner, { code: 'SECOND' });
    rivalWarehouse = await createWarehouse(t, rival, { code: 'HOME' });
    await receive(t, owner, product.id, home.id, 12);
  });
  afterAll(() => t.stop());

  /** Each operation a vendor may do only to its own products and warehouses. */
  const operations = () => [
    {
      name: 'receiveStock',
      query: RECEIVE_STOCK,
      variables: { input: { productId: product.id, warehouseId: home.id, quantity: 1 } },
    },
    {
      name: 'adjustStock',
      query: ADJUST_STOCK,
      variables: {
        input: { productId: product.id, warehouseId: home.id, delta: -1, reason: 'Theft' },
      },
    },
    {
      name: 'transferStock',
      query: TRANSFER_STOCK,
      variables: {
        input: {
          productId: product.id,
          fromWarehouseId: home.id,
          toWarehouseId: second.id,
          quantity: 1,
        },
      },
    },
    {
      name: 'setLowStockThreshold',
      query: SET_THRESHOLD,
      variables: { productId: product.id, threshold: 1 },
    },
    {
      name: 'updateWarehouse',
      query: UPDATE_WAREHOUSE,
      variables: { id: home.id, input: { active: false } },
    },
  ];

  it.each(['another vendor', 'a customer', 'an anonymous visitor'])(
    'refuses every stock operation on a vendor’s product to %s, and changes nothing',
    async (who) => {
      const caller = { 'another vendor': rival, 'a customer': customer }[who as 'a customer'];
      const expected = caller ? 'FORBIDDEN' : 'UNAUTHENTICATED';
      for (const operation of operations()) {
        const before = await inventoryFingerprint(t);
        const result = await t.query(operation.query, operation.variables, {
          token: caller?.accessToken,
        });
        expect([operation.name, errorCode(result)]).toEqual([operation.name, expected]);
        expect(await inventoryFingerprint(t)).toEqual(before);
      }
    },
  );

  it('refuses a warehouse to a vendor whose email is not verified, and stores nothing', async () => {
    const unverified = await signUpUnverified(t, { role: 'VENDOR' });
    const before = await inventoryFingerprint(t);
    const result = await t.query(
      CREATE_WAREHOUSE,
      { input: { name: 'Unverified depot', code: 'UNVERIFIED-1' } },
      { token: unverified.accessToken },
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'EMAIL_NOT_VERIFIED',
    });
    expect(result.errors?.[0].message).toMatch(/verify your email address/i);
    expect(result.data).toBeNull();
    expect(await inventoryFingerprint(t)).toEqual(before);
    const warehouses = await t.sql('inventory', 'SELECT 1 FROM warehouses WHERE vendor_id = $1', [
      unverified.id,
    ]);
    expect(warehouses).toEqual([]);
    const asCustomer = await t.query(
      CREATE_WAREHOUSE,
      { input: { name: 'Shop', code: 'SHOP-1' } },
      { token: customer.accessToken },
    );
    expect(errorCode(asCustomer)).toBe('FORBIDDEN');
    expect(await inventoryFingerprint(t)).toEqual(before);
  });

  it('refuses a vendor’s stock in another vendor’s warehouse, and another vendor’s product in its own', async () => {
    const before = await inventoryFingerprint(t);
    const intoRival = await t.query(
      RECEIVE_STOCK,
      { input: { productId: product.id, warehouseId: rivalWarehouse.id, quantity: 1 } },
      { token: owner.accessToken },
    );
    expect(errorCode(intoRival)).toBe('FORBIDDEN');
    const toRival = await t.query(
      TRANSFER_STOCK,
      {
        input: {
          productId: product.id,
          fromWarehouseId: home.id,
          toWarehouseId: rivalWarehouse.id,
          quantity: 1,
        },
      },
      { token: owner.accessToken },
    );
    expect(errorCode(toRival)).toBe('FORBIDDEN');
    const rivalsOwnWarehouse = await t.query(
      RECEIVE_STOCK,
      { input: { productId: product.id, warehouseId: rivalWarehouse.id, quantity: 1 } },
      { token: rival.accessToken },
    );
    expect(errorCode(rivalsOwnWarehouse)).toBe('FORBIDDEN');
    expect(await inventoryFingerprint(t)).toEqual(before);
  });

  it('answers NOT_FOUND for products and warehouses inventory does not know', async () => {
    const before = await inventoryFingerprint(t);
    const unknownProduct = await t.query(
      RECEIVE_STOCK,
      { input: { productId: randomUUID(), warehouseId: home.id, quantity: 1 } },
      { token: owner.accessToken },
    );
    expect(errorCode(unknownProduct)).toBe('NOT_FOUND');
    const unknownWarehouse = await t.query(
      RECEIVE_STOCK,
      { input: { productId: product.id, warehouseId: randomUUID(), quantity: 1 } },
      { token: owner.accessToken },
    );
    expect(errorCode(unknownWarehouse)).toBe('NOT_FOUND');
    const movements = await t.query(
      STOCK_MOVEMENTS,
      { productId: randomUUID() },
      { token: owner.accessToken },
    );
    expect(errorCode(movements)).toBe('NOT_FOUND');
    expect(await inventoryFingerprint(t)).toEqual(before);
  });

  it('shows stock movements to the owning vendor only', async () => {
    const own = await t.query(
      STOCK_MOVEMENTS,
      { productId: product.id },
      { token: owner.accessToken },
    );
    expect(own.data!.stockMovements.length).toBeGreaterThan(0);
    for (const caller of [rival, customer]) {
      const result = await t.query(
        STOCK_MOVEMENTS,
        { productId: product.id },
        { token: caller.accessToken },
      );
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    expect(errorCode(await t.query(STOCK_MOVEMENTS, { productId: product.id }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('shows everyone the stock totals but only the owner the levels per warehouse', async () => {
    const mine = await t.query(PRODUCT_STOCK, { id: product.id }, { token: owner.accessToken });
    expect(mine.data!.product.stock.levels.map((l: any) => l.warehouse.code)).toEqual(['HOME']);
    for (const token of [rival.accessToken, customer.accessToken, undefined]) {
      const result = await t.query(PRODUCT_STOCK, { id: product.id }, { token });
      expect(result.errors).toBeUndefined();
      expect(result.data!.product.stock).toEqual({ ...mine.data!.product.stock, levels: [] });
    }
  });

  it('lists only the caller’s own warehouses, to vendors only', async () => {
    const mine = await t.query('{ myWarehouses { id } }', {}, { token: owner.accessToken });
    expect(mine.data!.myWarehouses.map((w: { id: string }) => w.id).sort()).toEqual(
      [home.id, second.id].sort(),
    );
    const theirs = await t.query('{ myWarehouses { id } }', {}, { token: rival.accessToken });
    expect(theirs.data!.myWarehouses).toEqual([{ id: rivalWarehouse.id }]);
    const asCustomer = await t.query(
      '{ myWarehouses { id } }',
      {},
      { token: customer.accessToken },
    );
    expect(errorCode(asCustomer)).toBe('FORBIDDEN');
  });

  it('resolves Warehouse entities for their owner only', async () => {
    const entities = (userId: string) =>
      graphql(
        t.system.urls.inventory,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Warehouse { id code vendor { id } } } }',
        { r: [{ __typename: 'Warehouse', id: home.id }] },
        {
          headers: {
            [SECRET_HEADER]: DEV_SECRET,
            [CALLER_HEADER]: encodeCaller({
              userId,
              role: 'VENDOR',
              emailVerified: true,
              ip: null,
            }),
          },
        },
      );
    const own = await entities(owner.id);
    expect(own.data!._entities).toEqual([{ id: home.id, code: 'HOME', vendor: { id: owner.id } }]);
    const other = await entities(rival.id);
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(JSON.stringify(other.data)).not.toContain('HOME');
  });

  it('resolves any number of Warehouse entities with one SQL statement', async () => {
    const extra: TestWarehouse[] = [];
    for (let i = 0; i < 10; i += 1) extra.push(await createWarehouse(t, owner));
    const statementsFor = async (count: number) => {
      resetRequestStatementCounts();
      const result = await graphql(
        t.system.urls.inventory,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Warehouse { id vendor { id } } } }',
        { r: extra.slice(0, count).map(({ id }) => ({ __typename: 'Warehouse', id })) },
        {
          headers: {
            [SECRET_HEADER]: DEV_SECRET,
            [CALLER_HEADER]: encodeCaller({
              userId: owner.id,
              role: 'VENDOR',
              emailVerified: true,
              ip: null,
            }),
          },
        },
      );
      expect(result.data!._entities).toHaveLength(count);
      return requestStatementCounts()[`${t.prefix}_inventory`];
    };
    expect(await statementsFor(2)).toBe(1);
    expect(await statementsFor(10)).toBe(1);
  });
});
