import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { UNKNOWN_VENDOR_NAME } from '../../subgraphs/catalog/services/user-names';
import { usersConfigFromEnv } from '../../subgraphs/users/config';
import { republishVendorNames } from '../../subgraphs/users/operator';
import { signUp, type SignedIn } from '../support/accounts';
import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import { CREATE_PRODUCT, createProduct, newProductInput } from '../support/catalog';
import { errorCode, graphql } from '../support/graphql-client';
import { waitUntilCaughtUp } from '../support/caught-up';
import { newEnvelope, publishEnvelope, testLogger } from '../support/event-streams';
import { TEST_NATS_URL, testEnv } from '../support/test-env';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import { scrape, valueOf } from '../telemetry/prometheus-text';

const STOREFRONT = `query($first: Int, $filter: ProductFilter) {
  products(first: $first, filter: $filter) {
    edges { node { id name price { amount currency } vendor { id displayName } category { name } stock { available } } }
  }
}`;

const DEV_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';

const RENAME = 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName } }';

const UPDATE_PRODUCT = `mutation($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) { vendor { displayName } }
}`;

/** A user event of `type` naming `userId` `displayName`, as having occurred at `occurredAt`. */
function nameEvent(
  type: 'user.registered' | 'user.profile_updated',
  userId: string,
  displayName: string,
  occurredAt: Date,
) {
  const envelope =
    type === 'user.registered'
      ? newEnvelope(type, {
          userId,
          email: `${userId}@example.test`,
          displayName,
          role: 'VENDOR',
          verificationToken: null,
        })
      : newEnvelope(type, { userId, displayName, phone: null });
  return { ...envelope, occurredAt: occurredAt.toISOString() };
}

describe("vendors' display names, answered by catalog with their products", () => {
  let t: TestSystem;
  let bus: EventBus;
  beforeAll(async () => {
    t = await startTestSystem();
    bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix: t.prefix,
      name: 'test',
      logger: testLogger(),
    });
  });
  afterAll(async () => {
    await bus.close();
    await t.stop();
  });

  /** The vendor names the storefront shows on a page of `vendor`'s products. */
  async function storefrontNames(vendor: SignedIn): Promise<string[]> {
    const page = await t.query(
      STOREFRONT,
      { first: 20, filter: { vendorId: vendor.id } },
      { token: vendor.accessToken },
    );
    expect(page.errors).toBeUndefined();
    return page.data!.products.edges.map(
      (edge: { node: { vendor: { displayName: string } } }) => edge.node.vendor.displayName,
    );
  }

  /** Catalog's copy of a user's name, or undefined when it has none. */
  async function catalogCopy(userId: string) {
    const [row] = await t.sql<{ display_name: string; as_of: Date }>(
      'catalog',
      'SELECT display_name, as_of FROM user_names WHERE user_id = $1',
      [userId],
    );
    return row;
  }

  /** As if catalog had never seen the user's events (they left the stream, or are late). */
  const forgetName = (userId: string) =>
    t.sql('catalog', 'DELETE FROM user_names WHERE user_id = $1', [userId]);

  it('keeps the newest name whatever order user events arrive in, each maybe twice', async () => {
    const event = fc.record({
      type: fc.constantFrom('user.registered' as const, 'user.profile_updated' as const),
      copies: fc.integer({ min: 1, max: 2 }),
    });
    // Distinct times, published in the order generated: not the order they occurred in.
    const arrivals = fc.uniqueArray(fc.tuple(fc.nat({ max: 10_000 }), event), {
      minLength: 1,
      maxLength: 6,
      selector: ([minute]) => minute,
    });
    await fc.assert(
      fc.asyncProperty(arrivals, async (events) => {
        const userId = randomUUID();
        for (const [minute, { type, copies }] of events) {
          const at = new Date(Date.UTC(2026, 0, 1) + minute * 60_000);
          const envelope = nameEvent(type, userId, `Name ${minute}`, at);
          // A second copy is a redelivery of the same event (another message id, same event id).
          for (let copy = 0; copy < copies; copy += 1) {
            await publishEnvelope(bus, envelope, copy ? randomUUID() : envelope.id);
          }
        }
        await waitUntilCaughtUp(t, ['catalog']);
        const newest = Math.max(...events.map(([minute]) => minute));
        expect((await catalogCopy(userId))?.display_name).toBe(`Name ${newest}`);
      }),
      { numRuns: 15 },
    );
  });

  it('shows a rename through the API on the storefront', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Before Rename' });
    await createProduct(t, vendor);
    expect(await storefrontNames(vendor)).toEqual(['Before Rename']);
    const renamed = await t.query(
      RENAME,
      { i: { displayName: 'After Rename' } },
      { token: vendor.accessToken },
    );
    expect(renamed.errors).toBeUndefined();
    await waitFor(
      async () => (await storefrontNames(vendor)).every((name) => name === 'After Rename'),
      'the new name on the storefront',
    );
  });

  it('keeps a later rename when a product is then changed with a token older than it', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Old Token Name' });
    const product = await createProduct(t, vendor);
    await t.query(RENAME, { i: { displayName: 'Renamed Since' } }, { token: vendor.accessToken });
    await waitFor(
      async () => (await catalogCopy(vendor.id))?.display_name === 'Renamed Since',
      'the rename in catalog',
    );
    const updated = await t.query(
      UPDATE_PRODUCT,
      { id: product.id, input: { name: 'Changed with the old token' } },
      { token: vendor.accessToken },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProduct.vendor.displayName).toBe('Renamed Since');
    expect(await storefrontNames(vendor)).toEqual(['Renamed Since']);
  });

  it('shows the name of a vendor who registers and at once puts a product on sale', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Quick Starter' });
    await createProduct(t, vendor, { status: 'ACTIVE' });
    expect(await storefrontNames(vendor)).toEqual(['Quick Starter']);
  });

  it("records the name from the vendor's token when no user event has reached catalog", async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Token Only' });
    await waitUntilCaughtUp(t, ['catalog']);
    await forgetName(vendor.id);
    await createProduct(t, vendor);
    expect(await storefrontNames(vendor)).toEqual(['Token Only']);
    const { nameAt } = decodeJwt(vendor.accessToken);
    expect((await catalogCopy(vendor.id))?.as_of.getTime()).toBe(nameAt);
  });

  it('answers a page whose vendor has no known name, and learns it from the republished names', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Forgotten Vendor' });
    const other = await signUp(t, { role: 'VENDOR', displayName: 'Remembered Vendor' });
    await Promise.all([createProduct(t, vendor), createProduct(t, other)]);
    await waitUntilCaughtUp(t, ['catalog']);
    await forgetName(vendor.id);
    expect(await storefrontNames(vendor)).toEqual([UNKNOWN_VENDOR_NAME]);
    expect(await storefrontNames(other)).toEqual(['Remembered Vendor']);

    expect(
      await republishVendorNames(usersConfigFromEnv(testEnv(t.prefix))),
    ).toBeGreaterThanOrEqual(2);
    await waitFor(
      async () => (await storefrontNames(vendor))[0] === 'Forgotten Vendor',
      'the republished name on the storefront',
    );
  });

  it('costs the signed-in storefront 2 subgraph fetches and no users statement, at any page size', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Counted Vendor' });
    await Promise.all(Array.from({ length: 3 }, () => createProduct(t, vendor)));
    const gateway = new URL(t.system.gatewayUrl).origin;
    const fetches = async () => {
      const samples = await scrape(gateway);
      const count = (subgraph: string) =>
        valueOf(samples, 'bazaar_gateway_subgraph_fetch_duration_seconds_count', { subgraph });
      return { catalog: count('catalog'), inventory: count('inventory'), users: count('users') };
    };
    for (const first of [2, 20]) {
      const before = await fetches();
      resetRequestStatementCounts();
      const page = await t.query(STOREFRONT, { first }, { token: vendor.accessToken });
      expect(page.errors).toBeUndefined();
      expect(page.data!.products.edges.length).toBeGreaterThanOrEqual(2);
      expect(requestStatementCounts()[`${t.prefix}_users`]).toBeUndefined();
      const after = await fetches();
      expect({
        catalog: after.catalog - before.catalog,
        inventory: after.inventory - before.inventory,
        users: after.users - before.users,
      }).toEqual({ catalog: 1, inventory: 1, users: 0 });
    }
  });

  it('reads a caller header whose name is longer than users allows as anonymous', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Header Vendor' });
    await waitUntilCaughtUp(t, ['catalog']);
    const before = await catalogCopy(vendor.id);
    const createAs = (displayName: string) =>
      graphql(
        t.system.urls.catalog,
        CREATE_PRODUCT,
        { input: newProductInput() },
        {
          headers: {
            [SECRET_HEADER]: DEV_SECRET,
            [CALLER_HEADER]: encodeCaller({
              userId: vendor.id,
              role: 'VENDOR',
              emailVerified: true,
              ip: null,
              displayName,
              displayNameAt: Date.now(),
            }),
          },
        },
      );
    const overlong = await createAs('x'.repeat(81));
    expect(errorCode(overlong)).toBe('UNAUTHENTICATED');
    const products = () =>
      t.sql('catalog', 'SELECT id FROM products WHERE vendor_id = $1', [vendor.id]);
    expect(await products()).toEqual([]);
    expect(await catalogCopy(vendor.id)).toEqual(before);

    // The control: the longest name users allows goes through.
    expect((await createAs('x'.repeat(80))).errors).toBeUndefined();
    expect(await products()).toHaveLength(1);
  });
});
