import type { Client, ClientOptions } from 'graphql-ws';
import { resignedToken } from '../support/access-tokens';
import { signUp, type SignedIn } from '../support/accounts';
import { CANCEL_ORDER, placeOrder, stockedProduct } from '../support/orders';
import {
  followOrder,
  refusalOf,
  subscriptionClient,
  type Followed,
} from '../support/subscriptions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('subscription limits', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  let productId: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    productId = (await stockedProduct(t, vendor, 10)).product.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t.stop();
  });

  const connect = (token: string | (() => string), options: Partial<ClientOptions> = {}) => {
    const client = subscriptionClient(t, token, options);
    clients.push(client);
    return client;
  };

  /** A customer with an order to follow. */
  async function customerWithOrder(): Promise<{ buyer: SignedIn; orderId: string }> {
    const buyer = await signUp(t);
    const order = await placeOrder(t, buyer, [{ productId, quantity: 1 }]);
    return { buyer, orderId: order.id };
  }

  /** `n` subscriptions on `client`, each answered with the order as it is. */
  async function followMany(client: Client, orderId: string, n: number): Promise<Followed[]> {
    const all = Array.from({ length: n }, () => followOrder(client, orderId));
    await waitFor(() => all.every((f) => f.statuses.length > 0), `${n} subscriptions to start`);
    return all;
  }

  /** Subscribes once more and waits for the answer: started, or refused. */
  async function tryFollow(client: Client, orderId: string): Promise<Followed> {
    const followed = followOrder(client, orderId);
    await waitFor(() => followed.statuses.length > 0 || followed.error !== null, 'an answer');
    return followed;
  }

  async function cancel(buyer: SignedIn, orderId: string) {
    const result = await t.query(CANCEL_ORDER, { id: orderId }, { token: buyer.accessToken });
    expect(result.errors).toBeUndefined();
  }

  it('refuses the 21st subscription on one connection; the first 20 keep working', async () => {
    const { buyer, orderId } = await customerWithOrder();
    const client = connect(buyer.accessToken);
    const first20 = await followMany(client, orderId, 20);

    const refused = await tryFollow(client, orderId);
    expect(refusalOf(refused)).toEqual({
      code: 'SUBSCRIPTION_LIMIT',
      scope: 'connection',
      limit: 20,
    });
    expect(refused.statuses).toEqual([]);

    await cancel(buyer, orderId);
    await waitFor(
      () => first20.every((f) => f.statuses.at(-1) === 'CANCELLED'),
      'all 20 subscriptions to see CANCELLED',
    );
    expect(first20.every((f) => f.error === null)).toBe(true);

    // A slot is freed as soon as one subscription ends.
    first20[0].stop();
    const again = await tryFollow(client, orderId);
    expect(again.error).toBeNull();
    expect(again.statuses).toEqual(['CANCELLED']);
  });

  it('refuses the 51st subscription of one user across connections, not other users', async () => {
    const { buyer, orderId } = await customerWithOrder();
    const [a, b, c] = [
      connect(buyer.accessToken),
      connect(buyer.accessToken),
      connect(buyer.accessToken),
    ];
    const open = [
      ...(await followMany(a, orderId, 20)),
      ...(await followMany(b, orderId, 20)),
      ...(await followMany(c, orderId, 10)),
    ];

    const refused = await tryFollow(c, orderId);
    expect(refusalOf(refused)).toEqual({ code: 'SUBSCRIPTION_LIMIT', scope: 'user', limit: 50 });
    // The order's vendor is another user: not held to the buyer's cap.
    const byVendor = await tryFollow(connect(vendor.accessToken), orderId);
    expect(byVendor.error).toBeNull();

    await cancel(buyer, orderId);
    await waitFor(
      () => [...open, byVendor].every((f) => f.statuses.at(-1) === 'CANCELLED'),
      'all 51 subscriptions to see CANCELLED',
    );

    // Closing a connection frees its 20 slots (once the gateway has seen the socket close).
    await a.dispose();
    await waitFor(async () => {
      const retry = await tryFollow(c, orderId);
      retry.stop();
      return retry.error === null;
    }, 'a subscription to be accepted after a connection closed');
  });

  it('ends a subscription when its access token expires; the client reconnects with a fresh one', async () => {
    const { buyer, orderId } = await customerWithOrder();
    const expiring = await resignedToken(t, buyer, 3);

    const once = connect(expiring);
    const ended = followOrder(once, orderId);

    const tokens = [expiring];
    const closes: Array<{ code: number; reason: string }> = [];
    const reconnecting = connect(() => tokens.shift() ?? buyer.accessToken, {
      retryAttempts: 1,
      retryWait: async () => {},
      on: { closed: (event) => closes.push(event as { code: number; reason: string }) },
    });
    const resumed = followOrder(reconnecting, orderId);
    await waitFor(() => ended.statuses.length > 0 && resumed.statuses.length > 0, 'both to start');

    await waitFor(() => ended.error !== null, 'the subscription to end at expiry', 20_000);
    expect(ended.error).toMatchObject({ code: 4403, reason: 'Access token expired' });
    // The other client was closed the same way, reconnected with a fresh token and resubscribed:
    // the order as it is arrives again.
    await waitFor(() => resumed.statuses.length >= 2, 'the resubscription', 20_000);
    expect(closes[0]).toMatchObject({ code: 4403, reason: 'Access token expired' });
    expect(resumed.error).toBeNull();

    await cancel(buyer, orderId);
    await waitFor(() => resumed.statuses.at(-1) === 'CANCELLED', 'CANCELLED after reconnecting');
  });

  it('refuses a connection whose token never expires', async () => {
    const { buyer, orderId } = await customerWithOrder();
    const forever = followOrder(connect(await resignedToken(t, buyer, null)), orderId);
    await waitFor(() => forever.error !== null, 'the connection to be refused');
    expect(forever.error).toMatchObject({ code: 4403 });
    expect(forever.statuses).toEqual([]);
  });
});
