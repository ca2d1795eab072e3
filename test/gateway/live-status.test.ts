import type { Client } from 'graphql-ws';
import { signUp, type SignedIn } from '../support/accounts';
import { FakeStripe } from '../support/fake-stripe';
import { CANCEL_ORDER, FULFILL, orderReaches, placeOrder, stockedProduct } from '../support/orders';
import { payThroughStripe } from '../support/payments';
import { followOrder, subscriptionClient, type Followed } from '../support/subscriptions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import { scrape, valueOf } from '../telemetry/prometheus-text';

describe('live order status: one NATS subscription, shared answers', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let vendor: SignedIn;
  let productId: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    vendor = await signUp(t, { role: 'VENDOR' });
    productId = (await stockedProduct(t, vendor, 50)).product.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t.stop();
    await stripe.stop();
  });

  const connect = (token: string) => {
    const client = subscriptionClient(t, token);
    clients.push(client);
    return client;
  };

  /** The gateway's live-subscription series, as Prometheus would scrape them. */
  async function gauges() {
    const samples = await scrape(new URL(t.system.gatewayUrl).origin);
    return {
      live: valueOf(samples, 'bazaar_gateway_live_subscriptions'),
      audiences: valueOf(samples, 'bazaar_gateway_live_audiences'),
      nats: valueOf(samples, 'bazaar_gateway_nats_subscriptions'),
      changeQueries: valueOf(samples, 'bazaar_gateway_order_change_queries_total'),
    };
  }

  /** An order of a new customer, once it awaits payment. */
  async function awaitingOrder(): Promise<{ buyer: SignedIn; orderId: string }> {
    const buyer = await signUp(t);
    const order = await placeOrder(t, buyer, [{ productId, quantity: 1 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    return { buyer, orderId: order.id };
  }

  async function started(all: Followed[]): Promise<Followed[]> {
    await waitFor(() => all.every((f) => f.statuses.length > 0), 'every subscription to start');
    return all;
  }

  it('releases everything when clients go, finished orders included: NATS keeps its one subscription', async () => {
    const baseline = await gauges();
    expect(baseline.nats).toBe(1);
    const finished = await awaitingOrder();
    const cancelled = await t.query(
      CANCEL_ORDER,
      { id: finished.orderId },
      { token: finished.buyer.accessToken },
    );
    expect(cancelled.errors).toBeUndefined();
    const open = await awaitingOrder();

    const leaving = connect(finished.buyer.accessToken);
    const staying = connect(open.buyer.accessToken);
    const onFinished = await started(
      Array.from({ length: 15 }, () => followOrder(leaving, finished.orderId)),
    );
    const onOpen = await started([
      ...Array.from({ length: 15 }, () => followOrder(staying, open.orderId)),
      followOrder(connect(vendor.accessToken), open.orderId),
    ]);
    expect(onFinished.every((f) => f.statuses[0] === 'CANCELLED')).toBe(true);
    expect(await gauges()).toMatchObject({ live: baseline.live + 31, nats: 1 });

    // Some complete one by one, the rest go with their socket.
    for (const followed of onOpen) followed.stop();
    await leaving.dispose();
    await waitFor(async () => (await gauges()).live === baseline.live, 'every subscription gone');
    expect(await gauges()).toMatchObject({ audiences: baseline.audiences, nats: 1 });
  });

  it('answers every change exactly once to each of many subscribers, one query per change and audience', async () => {
    const { buyer, orderId } = await awaitingOrder();
    const start = await gauges();
    const asCustomer = [connect(buyer.accessToken), connect(buyer.accessToken)];
    const customers = await started(
      Array.from({ length: 20 }, (_, i) => followOrder(asCustomer[i % 2], orderId)),
    );
    const asVendor = connect(vendor.accessToken);
    const vendors = await started(Array.from({ length: 5 }, () => followOrder(asVendor, orderId)));
    const before = await gauges();
    // The customer's and the vendor's: each sees only what they may.
    expect(before.audiences - start.audiences).toBe(2);

    expect((await payThroughStripe(t, stripe, orderId)).status).toBe(200);
    await orderReaches(t, orderId, 'PAID');
    const fulfilled = await t.query(FULFILL, { id: orderId }, { token: vendor.accessToken });
    expect(fulfilled.errors).toBeUndefined();
    const everyone = [...customers, ...vendors];
    await waitFor(
      () => everyone.every((f) => f.statuses.at(-1) === 'FULFILLED'),
      'FULFILLED for every subscriber',
    );

    for (const followed of everyone) {
      expect(followed.error).toBeNull();
      expect(followed.statuses).toEqual(['AWAITING_PAYMENT', 'PAID', 'FULFILLED']);
    }
    // Two changes, two audiences (the customer's 20 and the vendor's 5): four queries, not 50.
    expect((await gauges()).changeQueries - before.changeQueries).toBe(4);
  });

  it('shows a vendor only its own lines while the customer sees them all', async () => {
    const other = await signUp(t, { role: 'VENDOR' });
    const otherProductId = (await stockedProduct(t, other, 5)).product.id;
    const buyer = await signUp(t);
    const order = await placeOrder(t, buyer, [
      { productId, quantity: 1 },
      { productId: otherProductId, quantity: 1 },
    ]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    const lines = (client: Client) => {
      const received: Array<Array<{ id: string }>> = [];
      client.subscribe<{ orderStatusChanged: { items: Array<{ id: string }> } }>(
        {
          query: `subscription($id: ID!) { orderStatusChanged(orderId: $id) { status items { id } } }`,
          variables: { id: order.id },
        },
        {
          next: (m) => void received.push(m.data!.orderStatusChanged.items),
          error: () => {},
          complete: () => {},
        },
      );
      return received;
    };
    const byCustomer = lines(connect(buyer.accessToken));
    const byVendor = lines(connect(vendor.accessToken));
    await waitFor(() => byCustomer.length > 0 && byVendor.length > 0, 'both to start');
    await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
    await waitFor(() => byCustomer.length === 2 && byVendor.length === 2, 'the change for both');
    expect(byCustomer.map((items) => items.length)).toEqual([2, 2]);
    expect(byVendor.map((items) => items.length)).toEqual([1, 1]);
  });
});
