import {
  login,
  register,
  signInAsAdmin,
  signUp,
  signUpUnverified,
  verifyFromEmail,
  type SignedIn,
} from '../support/accounts';
import {
  ARCHIVE_PRODUCT,
  CREATE_PRODUCT,
  UPDATE_PRODUCT,
  catalogFingerprint,
  createCategory,
  createProduct,
  newProductInput,
  productEvents,
} from '../support/catalog';
import { errorCode, type GraphQLResult } from '../support/graphql-client';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('products: ownership, lifecycle and events', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  let otherVendor: SignedIn;
  let customer: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    [vendor, otherVendor, customer, admin] = await Promise.all([
      signUp(t, { role: 'VENDOR', displayName: 'Acme Tools' }),
      signUp(t, { role: 'VENDOR' }),
      signUp(t),
      signInAsAdmin(t),
    ]);
  });
  afterAll(() => t.stop());

  const productRow = async (id: string) =>
    (await t.sql('catalog', 'SELECT * FROM products WHERE id = $1', [id]))[0];

  it('creates a DRAFT product by default, owned by the vendor, with product.created in the outbox', async () => {
    const input = newProductInput({ status: undefined, name: '  Claw hammer  ' });
    const result = await t.query(CREATE_PRODUCT, { input }, { token: vendor.accessToken });
    const product = result.data!.createProduct;
    expect(product).toMatchObject({
      name: 'Claw hammer',
      status: 'DRAFT',
      price: input.price,
      category: null,
    });
    expect(await productRow(product.id)).toMatchObject({ vendor_id: vendor.id, status: 'DRAFT' });
    const events = await productEvents(t, product.id);
    expect(events.map((event) => event.type)).toEqual(['product.created']);
    expect(events[0].data).toEqual({
      productId: product.id,
      vendorId: vendor.id,
      name: 'Claw hammer',
      status: 'DRAFT',
      price: input.price,
      categoryId: null,
    });
  });

  it('publishes product events from the outbox to JetStream', async () => {
    const product = await createProduct(t, vendor);
    await waitFor(
      async () => (await productEvents(t, product.id)).every((event) => event.published),
      'product.created to be published',
    );
  });

  it('refuses createProduct to customers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const before = await catalogFingerprint(t);
    const asCustomer = await t.query(
      CREATE_PRODUCT,
      { input: newProductInput() },
      { token: customer.accessToken },
    );
    expect(errorCode(asCustomer)).toBe('FORBIDDEN');
    const anonymous = await t.query(CREATE_PRODUCT, { input: newProductInput() });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('lets the owning vendor change every field, with product.updated carrying the new state', async () => {
    const category = await createCategory(t, admin);
    const product = await createProduct(t, vendor, { status: 'DRAFT' });
    const result = await t.query(
      UPDATE_PRODUCT,
      {
        id: product.id,
        input: {
          name: 'Renamed',
          description: 'Now with a handle',
          categoryId: category.id,
          price: { amount: 2500, currency: 'USD' },
          status: 'ACTIVE',
        },
      },
      { token: vendor.accessToken },
    );
    expect(result.data!.updateProduct).toMatchObject({
      name: 'Renamed',
      description: 'Now with a handle',
      category: { id: category.id },
      price: { amount: 2500, currency: 'USD' },
      status: 'ACTIVE',
    });
    expect(new Date(result.data!.updateProduct.updatedAt).getTime()).toBeGreaterThan(
      new Date(product.updatedAt).getTime(),
    );
    const events = await productEvents(t, product.id);
    expect(events.map((event) => event.type)).toEqual(['product.created', 'product.updated']);
    expect(events[1].data).toMatchObject({
      name: 'Renamed',
      status: 'ACTIVE',
      price: { amount: 2500, currency: 'USD' },
      categoryId: category.id,
    });

    const cleared = await t.query(
      UPDATE_PRODUCT,
      { id: product.id, input: { description: null, categoryId: null } },
      { token: vendor.accessToken },
    );
    expect(cleared.data!.updateProduct).toMatchObject({ description: null, category: null });
  });

  it('writes nothing and sends no event for an update that changes nothing', async () => {
    const product = await createProduct(t, vendor);
    const before = await catalogFingerprint(t);
    const result = await t.query(
      UPDATE_PRODUCT,
      { id: product.id, input: { name: product.name, price: product.price } },
      { token: vendor.accessToken },
    );
    expect(result.data!.updateProduct.updatedAt).toBe(product.updatedAt);
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it("refuses another vendor's update and archive with FORBIDDEN; row and outbox unchanged", async () => {
    const product = await createProduct(t, vendor, { status: 'DRAFT' });
    const row = await productRow(product.id);
    const before = await catalogFingerprint(t);
    const update = await t.query(
      UPDATE_PRODUCT,
      { id: product.id, input: { name: 'Hijacked', status: 'ACTIVE' } },
      { token: otherVendor.accessToken },
    );
    expect(errorCode(update)).toBe('FORBIDDEN');
    expect(update.data).toBeNull();
    const archive = await t.query(
      ARCHIVE_PRODUCT,
      { id: product.id },
      { token: otherVendor.accessToken },
    );
    expect(errorCode(archive)).toBe('FORBIDDEN');
    expect(await productRow(product.id)).toEqual(row);
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('refuses customers and anonymous callers changing a product; row unchanged', async () => {
    const product = await createProduct(t, vendor);
    const row = await productRow(product.id);
    const update = { id: product.id, input: { name: 'Mine now' } };
    expect(errorCode(await t.query(UPDATE_PRODUCT, update, { token: customer.accessToken }))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await t.query(ARCHIVE_PRODUCT, { id: product.id }, { token: customer.accessToken }),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await t.query(UPDATE_PRODUCT, update))).toBe('UNAUTHENTICATED');
    expect(await productRow(product.id)).toEqual(row);
    expect((await productEvents(t, product.id)).map((event) => event.type)).toEqual([
      'product.created',
    ]);
  });

  it('answers NOT_FOUND for an unknown product', async () => {
    const unknown = '8f14e45f-ceea-467a-9575-a5c0b3e1b6f1';
    const update = await t.query(
      UPDATE_PRODUCT,
      { id: unknown, input: { name: 'Ghost' } },
      { token: vendor.accessToken },
    );
    expect(errorCode(update)).toBe('NOT_FOUND');
    const archive = await t.query(ARCHIVE_PRODUCT, { id: unknown }, { token: vendor.accessToken });
    expect(errorCode(archive)).toBe('NOT_FOUND');
  });

  it('archives for good: product.archived, then updates are INVALID_STATE and change nothing', async () => {
    const product = await createProduct(t, vendor);
    const archived = await t.query(
      ARCHIVE_PRODUCT,
      { id: product.id },
      { token: vendor.accessToken },
    );
    expect(archived.data!.archiveProduct.status).toBe('ARCHIVED');
    const row = await productRow(product.id);
    const before = await catalogFingerprint(t);
    for (const input of [{ status: 'ACTIVE' }, { name: 'Back again' }]) {
      const result = await t.query(
        UPDATE_PRODUCT,
        { id: product.id, input },
        { token: vendor.accessToken },
      );
      expect(errorCode(result)).toBe('INVALID_STATE');
    }
    expect(await productRow(product.id)).toEqual(row);
    expect(await catalogFingerprint(t)).toEqual(before);
    const events = await productEvents(t, product.id);
    expect(events.map((event) => event.type)).toEqual(['product.created', 'product.archived']);
    expect(events[1].data).toMatchObject({ productId: product.id, status: 'ARCHIVED' });
  });

  it('archiving an archived product again changes nothing and sends no second event', async () => {
    const product = await createProduct(t, vendor);
    await t.query(ARCHIVE_PRODUCT, { id: product.id }, { token: vendor.accessToken });
    const before = await catalogFingerprint(t);
    const again = await t.query(ARCHIVE_PRODUCT, { id: product.id }, { token: vendor.accessToken });
    expect(again.data!.archiveProduct.status).toBe('ARCHIVED');
    expect(await catalogFingerprint(t)).toEqual(before);
  });

  it('applies a concurrent update and archive one after the other; the events agree', async () => {
    const products = await Promise.all(Array.from({ length: 5 }, () => createProduct(t, vendor)));
    await Promise.all(
      products.map(({ id }) =>
        Promise.all([
          t.query(UPDATE_PRODUCT, { id, input: { name: 'Raced' } }, { token: vendor.accessToken }),
          t.query(ARCHIVE_PRODUCT, { id }, { token: vendor.accessToken }),
        ]),
      ),
    );
    for (const { id } of products) {
      const row = await productRow(id);
      expect(row.status).toBe('ARCHIVED');
      const events = await productEvents(t, id);
      // The update either went first (and is in the archived snapshot) or was refused.
      expect(events.at(-1)!.type).toBe('product.archived');
      expect(events.at(-1)!.data.name).toBe(row.name);
      expect(events.map((event) => event.type)).toEqual(
        row.name === 'Raced'
          ? ['product.created', 'product.updated', 'product.archived']
          : ['product.created', 'product.archived'],
      );
    }
  });

  it("answers Product.vendor's displayName from catalog's copy of it", async () => {
    const product = await createProduct(t, vendor);
    const result = await t.query(
      'query($id: ID!) { product(id: $id) { name vendor { id displayName } } }',
      { id: product.id },
    );
    expect(result.data!.product).toEqual({
      name: product.name,
      vendor: { id: vendor.id, displayName: 'Acme Tools' },
    });
  });

  describe('a vendor whose email is not verified', () => {
    let unverified: SignedIn;
    beforeAll(async () => {
      unverified = await signUpUnverified(t, { role: 'VENDOR' });
    });

    const expectEmailNotVerified = (result: GraphQLResult) => {
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'EMAIL_NOT_VERIFIED',
      });
      expect(result.errors?.[0].message).toMatch(/verify your email address/i);
    };

    it('cannot create an ACTIVE product; nothing is stored or sent', async () => {
      const before = await catalogFingerprint(t);
      const result = await t.query(
        CREATE_PRODUCT,
        { input: newProductInput({ status: 'ACTIVE' }) },
        { token: unverified.accessToken },
      );
      expectEmailNotVerified(result);
      expect(result.data).toBeNull();
      expect(await catalogFingerprint(t)).toEqual(before);
    });

    it('may prepare a DRAFT but cannot set it ACTIVE; the draft stays as it was', async () => {
      const draft = await createProduct(t, unverified, { status: 'DRAFT' });
      await t.query(
        UPDATE_PRODUCT,
        { id: draft.id, input: { name: 'Renamed draft' } },
        { token: unverified.accessToken },
      );
      const before = await catalogFingerprint(t);
      const row = await productRow(draft.id);
      const result = await t.query(
        UPDATE_PRODUCT,
        { id: draft.id, input: { status: 'ACTIVE', name: 'On sale' } },
        { token: unverified.accessToken },
      );
      expectEmailNotVerified(result);
      expect(await productRow(draft.id)).toEqual(row);
      expect(row).toMatchObject({ status: 'DRAFT', name: 'Renamed draft' });
      expect(await catalogFingerprint(t)).toEqual(before);
      expect((await productEvents(t, draft.id)).map((event) => event.type)).toEqual([
        'product.created',
        'product.updated',
      ]);
    });

    it('publishes once the email is verified and the token says so', async () => {
      const account = await register(t, { role: 'VENDOR' });
      const before = await login(t, account.email, account.password);
      const draft = await createProduct(t, before, { status: 'DRAFT' });
      await verifyFromEmail(t, account.email);
      const after = await login(t, account.email, account.password);
      const result = await t.query(
        UPDATE_PRODUCT,
        { id: draft.id, input: { status: 'ACTIVE' } },
        { token: after.accessToken },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateProduct.status).toBe('ACTIVE');
    });
  });
});
