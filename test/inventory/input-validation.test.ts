import { signUp, type SignedIn } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import {
  ADJUST_STOCK,
  CREATE_WAREHOUSE,
  RECEIVE_STOCK,
  SET_THRESHOLD,
  STOCK_MOVEMENTS,
  TRANSFER_STOCK,
  UPDATE_WAREHOUSE,
  createWarehouse,
  inventoryFingerprint,
  receive,
  stockableProduct,
} from '../support/inventory';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('inventory input validation', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  let productId: string;
  let warehouseId: string;
  let otherWarehouseId: string;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    productId = (await stockableProduct(t, vendor)).id;
    warehouseId = (await createWarehouse(t, vendor)).id;
    otherWarehouseId = (await createWarehouse(t, vendor)).id;
    await receive(t, vendor, productId, warehouseId, 10);
  });
  afterAll(() => t.stop());

  const receiveInput = (overrides: Record<string, unknown>) => ({
    input: { productId, warehouseId, quantity: 1, ...overrides },
  });
  const adjustInput = (overrides: Record<string, unknown>) => ({
    input: { productId, warehouseId, delta: -1, reason: 'Stocktake', ...overrides },
  });
  const transferInput = (overrides: Record<string, unknown>) => ({
    input: {
      productId,
      fromWarehouseId: warehouseId,
      toWarehouseId: otherWarehouseId,
      quantity: 1,
      ...overrides,
    },
  });
  const warehouseInput = (overrides: Record<string, unknown>) => ({
    input: { name: 'Depot', code: 'DEPOT-1', ...overrides },
  });

  // [what, operation, variables (built lazily: ids exist only after beforeAll), field]
  const cases: Array<[string, string, () => Record<string, unknown>, string]> = [
    ['a zero quantity', RECEIVE_STOCK, () => receiveInput({ quantity: 0 }), 'input.quantity'],
    ['a negative quantity', RECEIVE_STOCK, () => receiveInput({ quantity: -5 }), 'input.quantity'],
    [
      'a quantity over 1,000,000',
      RECEIVE_STOCK,
      () => receiveInput({ quantity: 1_000_001 }),
      'input.quantity',
    ],
    [
      'a malformed product id',
      RECEIVE_STOCK,
      () => receiveInput({ productId: 'p-1' }),
      'input.productId',
    ],
    [
      'a malformed warehouse id',
      RECEIVE_STOCK,
      () => receiveInput({ warehouseId: '42' }),
      'input.warehouseId',
    ],
    ['a zero delta', ADJUST_STOCK, () => adjustInput({ delta: 0 }), 'input.delta'],
    [
      'a delta beyond -1,000,000',
      ADJUST_STOCK,
      () => adjustInput({ delta: -1_000_001 }),
      'input.delta',
    ],
    ['a blank reason', ADJUST_STOCK, () => adjustInput({ reason: '   ' }), 'input.reason'],
    [
      'a reason over 500 characters',
      ADJUST_STOCK,
      () => adjustInput({ reason: 'r'.repeat(501) }),
      'input.reason',
    ],
    [
      'a transfer to the same warehouse',
      TRANSFER_STOCK,
      () => transferInput({ toWarehouseId: warehouseId }),
      'input.toWarehouseId',
    ],
    ['a zero transfer', TRANSFER_STOCK, () => transferInput({ quantity: 0 }), 'input.quantity'],
    [
      'a malformed source warehouse',
      TRANSFER_STOCK,
      () => transferInput({ fromWarehouseId: 'x' }),
      'input.fromWarehouseId',
    ],
    ['a blank warehouse name', CREATE_WAREHOUSE, () => warehouseInput({ name: ' ' }), 'input.name'],
    [
      'a warehouse name over 100 characters',
      CREATE_WAREHOUSE,
      () => warehouseInput({ name: 'n'.repeat(101) }),
      'input.name',
    ],
    ['a lower-case code', CREATE_WAREHOUSE, () => warehouseInput({ code: 'ber-1' }), 'input.code'],
    [
      'a code over 20 characters',
      CREATE_WAREHOUSE,
      () => warehouseInput({ code: 'C'.repeat(21) }),
      'input.code',
    ],
    [
      'a code with a space',
      CREATE_WAREHOUSE,
      () => warehouseInput({ code: 'BER 1' }),
      'input.code',
    ],
    ['an empty code', CREATE_WAREHOUSE, () => warehouseInput({ code: '' }), 'input.code'],
    [
      'a malformed warehouse id to update',
      UPDATE_WAREHOUSE,
      () => ({ id: 'w', input: { active: false } }),
      'id',
    ],
    [
      'a renamed warehouse over 100 characters',
      UPDATE_WAREHOUSE,
      () => ({ id: warehouseId, input: { name: 'n'.repeat(101) } }),
      'input.name',
    ],
    ['a negative threshold', SET_THRESHOLD, () => ({ productId, threshold: -1 }), 'threshold'],
    [
      'a threshold over 1,000,000',
      SET_THRESHOLD,
      () => ({ productId, threshold: 1_000_001 }),
      'threshold',
    ],
    [
      'a malformed product id for a threshold',
      SET_THRESHOLD,
      () => ({ productId: 'nope', threshold: 3 }),
      'productId',
    ],
  ];

  it.each(cases)(
    'refuses %s with BAD_USER_INPUT on the field and changes nothing',
    async (_what, operation, variables, field) => {
      const before = await inventoryFingerprint(t);
      const result = await t.query(operation, variables(), { token: vendor.accessToken });
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.data).toBeNull();
      expect(await inventoryFingerprint(t)).toEqual(before);
    },
  );

  it.each([
    ['a malformed product id', { productId: 'x' }, 'productId'],
    ['a page of 0', { first: 0 }, 'first'],
    ['a page over 200', { first: 201 }, 'first'],
  ])('refuses stockMovements with %s', async (_what, variables, field) => {
    const result = await t.query(
      STOCK_MOVEMENTS,
      { productId, ...variables },
      { token: vendor.accessToken },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  // GraphQL's Int refuses these while coercing variables at the gateway, before any resolver
  // runs; that error names the path in its message but carries no `extensions.field`.
  it.each([
    [
      'a fractional quantity',
      RECEIVE_STOCK,
      () => receiveInput({ quantity: 1.5 }),
      'input.quantity',
    ],
    [
      'a quantity beyond 32 bits',
      RECEIVE_STOCK,
      () => receiveInput({ quantity: 2 ** 31 }),
      'input.quantity',
    ],
    ['a fractional delta', ADJUST_STOCK, () => adjustInput({ delta: -0.5 }), 'input.delta'],
  ])(
    'refuses %s before any subgraph runs, and changes nothing',
    async (_what, operation, variables, path) => {
      const before = await inventoryFingerprint(t);
      const result = await t.query(operation, variables(), { token: vendor.accessToken });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toContain(`"${path}"`);
      expect(await inventoryFingerprint(t)).toEqual(before);
    },
  );
});
