import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signUp, type SignedIn } from '../support/accounts';
import { FakeStripe, deliverWebhook, stripeEvent } from '../support/fake-stripe';
import {
  FULFILL,
  placeOrder,
  orderReaches,
  stockedProduct,
  type StockedProduct,
} from '../support/orders';
import { paymentOf, waitForPaymentStatus } from '../support/payments';
import { startFromEnv as startGateway } from '../../gateway/main';
import type { RunningService } from '../../lib/process/run-service';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const FOLLOW = `subscription($id: ID!) {
  orderStatusChanged(orderId: $id) { id status total { amount currency } items { productName quantity } }
}`;

interface Followed {
  statuses: string[];
  errors: unknown[];
  done: Promise<void>;
  stop(): void;
}

describe('checkout end to end: two vendors, Stripe, live status', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  const clients: Client[] = [];
  let buyer: SignedIn;
  let secondGateway: RunningService | undefined;
  let tea: StockedProduct;
  let books: StockedProduct;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t, { displayName: 'Casey Buyer' });
    tea = await stockedProduct(
      t,
      await signUp(t, { role: 'VENDOR', displayName: 'Tea Vendor' }),
      5,
      {
        name: 'Sencha',
        price: { amount: 890, currency: 'EUR' },
      },
    );
    books = await stockedProduct(
      t,
      await signUp(t, { role: 'VENDOR', displayName: 'Book Vendor' }),
      3,
      {
        name: 'Piranesi',
        price: { amount: 1499, currency: 'EUR' },
      },
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await secondGateway?.stop();
    await t.stop();
    await stripe.stop();
  });

  function follow(orderId: string, token: string, gatewayUrl = t.system.gatewayUrl): Followed {
    const url = gatewayUrl.replace(/^http/, 'ws');
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const statuses: string[] = [];
    const errors: unknown[] = [];
    let stop = () => {};
    const done = new Promise<void>((resolve) => {
      stop = client.subscribe<{ orderStatusChanged: { status: string } }>(
        { query: FOLLOW, variables: { id: orderId } },
        {
          next: (message) => {
            if (message.errors) errors.push(...message.errors);
            if (message.data) statuses.push(message.data.orderStatusChanged.status);
          },
          error: (error) => {
            errors.push(error);
            resolve();
          },
          complete: resolve,
        },
      );
    });
    clients.push(client);
    return { statuses, errors, done, stop };
  }

  it('orders from two vendors, follows AWAITING_PAYMENT then PAID live, sells the stock and mails everyone', async () => {
    const order = await placeOrder(t, buyer, [
      { productId: tea.product.id, quantity: 2 },
      { productId: books.product.id, quantity: 1 },
    ]);
    expect(order.total).toEqual({ amount: 2 * 890 + 1499, currency: 'EUR' });
    const live = follow(order.id, buyer.accessToken);

    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    const payment = await waitForPaymentStatus(t, order.id, 'OPEN');
    const checkout = await t.query(
      'query($id: ID!) { order(id: $id) { payment { status checkoutUrl amount { amount currency } } } }',
      { id: order.id },
      { token: buyer.accessToken },
    );
    expect(checkout.data!.order.payment).toMatchObject({
      status: 'OPEN',
      amount: { amount: 3279, currency: 'EUR' },
      checkoutUrl: expect.stringMatching(/^https?:\/\//),
    });
    await waitFor(
      () => live.statuses.includes('AWAITING_PAYMENT'),
      'AWAITING_PAYMENT over the subscription',
    );

    const session = stripe.pay(payment!.checkout_session_id);
    expect(
      (
        await deliverWebhook(
          t.system.gatewayUrl,
          stripeEvent('checkout.session.completed', session),
        )
      ).status,
    ).toBe(200);
    await waitFor(() => live.statuses.includes('PAID'), 'PAID over the subscription');
    expect(live.errors).toEqual([]);
    const seen = live.statuses.filter((status, i) => status !== live.statuses[i - 1]);
    expect(seen.slice(seen.indexOf('AWAITING_PAYMENT'))).toEqual(['AWAITING_PAYMENT', 'PAID']);

    // Stock left the warehouses it was reserved in.
    await waitFor(async () => {
      const levels = await t.sql(
        'inventory',
        'SELECT warehouse_id, on_hand, reserved FROM stock_levels WHERE product_id = ANY($1) ORDER BY on_hand',
        [[tea.product.id, books.product.id]],
      );
      return (
        JSON.stringify(levels) ===
        JSON.stringify([
          { warehouse_id: books.warehouse.id, on_hand: 2, reserved: 0 },
          { warehouse_id: tea.warehouse.id, on_hand: 3, reserved: 0 },
        ])
      );
    }, 'the sale in inventory');

    await waitFor(
      () => t.smtp.to(buyer.email).some((e) => e.subject.startsWith('Order confirmed')),
      'customer email',
    );
    for (const vendor of [tea.vendor, books.vendor]) {
      await waitFor(
        () => t.smtp.to(vendor.email).some((e) => e.subject.startsWith('New paid order')),
        'vendor email',
      );
    }
    expect((await paymentOf(t, order.id))!.status).toBe('PAID');

    // Both vendors ship their lines: FULFILLED, live.
    for (const vendor of [tea.vendor, books.vendor]) {
      const fulfilled = await t.query(FULFILL, { id: order.id }, { token: vendor.accessToken });
      expect(fulfilled.errors).toBeUndefined();
    }
    await waitFor(() => live.statuses.includes('FULFILLED'), 'FULFILLED over the subscription');
    live.stop();
  });

  it('refuses to let another customer follow the order', async () => {
    const order = await placeOrder(t, buyer, [{ productId: tea.product.id, quantity: 1 }]);
    const stranger = await signUp(t);
    const live = follow(order.id, stranger.accessToken);
    await live.done;
    expect(live.statuses).toEqual([]);
    expect(JSON.stringify(live.errors)).toContain('FORBIDDEN');
    const read = await t.query(
      'query($id: ID!) { order(id: $id) { id } }',
      { id: order.id },
      { token: stranger.accessToken },
    );
    expect(read.data?.order ?? null).toBeNull();
  });

  it('delivers the same change through two gateway replicas behind one NATS', async () => {
    const subgraphUrls = Object.fromEntries(
      Object.entries(t.system.urls)
        .filter(([name]) => !['gateway', 'mailer'].includes(name))
        .map(([name, url]) => [`${name.toUpperCase()}_URL`, url]),
    );
    secondGateway = await startGateway({ ...t.env, ...subgraphUrls, PORT: '0' });
    const order = await placeOrder(t, buyer, [{ productId: books.product.id, quantity: 1 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    const viaFirst = follow(order.id, buyer.accessToken);
    const viaSecond = follow(order.id, buyer.accessToken, secondGateway.url);
    await waitFor(
      () => [viaFirst, viaSecond].every((live) => live.statuses.includes('AWAITING_PAYMENT')),
      'the current state from both replicas',
    );
    const cancelled = await t.query(
      'mutation($id: ID!) { cancelOrder(id: $id) { status } }',
      { id: order.id },
      { token: buyer.accessToken },
    );
    expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
    await waitFor(
      () => [viaFirst, viaSecond].every((live) => live.statuses.includes('CANCELLED')),
      'CANCELLED from both replicas',
    );
  });
});
