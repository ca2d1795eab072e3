import { build } from '../../scripts/build';
import { signUp, type SignedIn } from '../support/accounts';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import { graphql } from '../support/graphql-client';
import { stockedProduct } from '../support/orders';
import { waitForPaymentStatus } from '../support/payments';
import {
  replicaKey,
  startProductionProcesses,
  type ProcessSystem,
} from '../support/service-processes';
import { followOrder, subscriptionClient } from '../support/subscriptions';
import { waitFor } from '../support/wait-for';

const REPLICATED = ['gateway', 'inventory', 'orders', 'payments'];
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;
/** Every order either was reserved and then paid, or was refused for want of stock. */
const PAID_PATH = ['PENDING', 'AWAITING_PAYMENT', 'PAID'];
const REJECTED_PATH = ['PENDING', 'REJECTED'];

describe('two replicas of the gateway, inventory, orders and payments, each its own process', () => {
  const stripe = new FakeStripe();
  let t: ProcessSystem;
  let gateways: string[];
  let vendor: SignedIn;
  let customers: SignedIn[];

  beforeAll(async () => {
    // The processes run what `npm run build` writes, as the image does.
    await build();
    await stripe.start();
    t = await startProductionProcesses(stripe.env(), {
      compiled: true,
      replicas: Object.fromEntries(REPLICATED.map((name) => [name, 2])),
    });
    gateways = [1, 2].map((lane) => t.processes.get(replicaKey('gateway', lane))!.url);
    [vendor, ...customers] = await Promise.all([
      signUp(t, { role: 'VENDOR' }),
      ...[1, 2, 3, 4].map(() => signUp(t)),
    ]);
  }, 300_000);

  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });

  /** Stripe's page paid, then its signed webhook through whichever gateway answers. */
  const pay = async (sessionId: string) => {
    const event = stripeEvent('checkout.session.completed', stripe.pay(sessionId));
    await throughEither(async (gateway) => (await deliverWebhook(gateway, event)).status === 200);
  };

  /**
   * What a load balancer in front of the two gateways does: a request that finds no gateway, or
   * a gateway whose subgraph replica just died, is sent again to the other one.
   */
  const throughEither = async (attempt: (gateway: string) => Promise<boolean>, first = 0) => {
    for (let tries = 0; tries < 40; tries += 1) {
      const gateway = gateways[(first + tries) % gateways.length];
      if (await attempt(gateway).catch(() => false)) return;
      await new Promise((retryLater) => setTimeout(retryLater, 100));
    }
    throw new Error('no gateway answered in 40 tries');
  };

  it('runs every process from its compiled entry point in dist/, each replica on its own port', async () => {
    const keys = [...t.processes.keys()].sort();
    expect(keys).toEqual(
      [
        ...['users', 'catalog', 'mailer'],
        ...REPLICATED.flatMap((name) => [name, replicaKey(name, 2)]),
      ].sort(),
    );
    for (const [key, service] of t.processes) {
      expect([key, service.child.spawnargs.slice(1)]).toEqual([
        key,
        [expect.stringMatching(/^dist\/.+\/main\.js$/)],
      ]);
      expect((await fetch(new URL('/healthz', service.url))).status).toBe(200);
    }
    const ports = [...t.processes.values()].map((service) => new URL(service.url).port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('shows every change of an order to its subscribers on either gateway', async () => {
    const [buyer] = customers;
    const item = await stockedProduct(t, vendor, 3);
    const placed = await graphql(
      gateways[1],
      PLACE,
      { input: { items: [{ productId: item.product.id, quantity: 1 }], idempotencyKey: 'sub' } },
      { token: buyer.accessToken },
    );
    const orderId = placed.data!.placeOrder.id as string;
    const payment = await waitForPaymentStatus(t, orderId, 'OPEN');
    const clients = gateways.map((gateway) =>
      subscriptionClient(t, buyer.accessToken, { url: gateway.replace(/^http/, 'ws') }),
    );
    const followers = clients.map((client) => followOrder(client, orderId));
    await waitFor(() => followers.every((f) => f.statuses.length === 1), 'both subscriptions');
    await pay(payment.checkout_session_id);
    await waitFor(() => followers.every((f) => f.statuses.length === 2), 'PAID on both gateways');
    for (const followed of followers) {
      expect(followed.statuses).toEqual(['AWAITING_PAYMENT', 'PAID']);
      expect(followed.error).toBeNull();
    }
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('completes a checkout burst exactly once while one replica of each kind is killed (-9)', async () => {
    const STOCK = 30;
    const PER_CUSTOMER = 10;
    const item = await stockedProduct(t, vendor, STOCK);
    const quantityOf = (n: number) => 1 + (n % 2);
    const accepted = new Map<string, { orderId: string; quantity: number; buyer: SignedIn }>();
    let killed: Promise<unknown> | null = null;
    const killOneOfEach = () =>
      Promise.all(REPLICATED.map((name) => t.processes.get(name)!.stop('SIGKILL')));

    const placeAll = async (buyer: SignedIn, index: number) => {
      for (let n = 0; n < PER_CUSTOMER; n += 1) {
        const key = `burst-${index}-${n}`;
        const input = {
          items: [{ productId: item.product.id, quantity: quantityOf(n) }],
          idempotencyKey: key,
        };
        await throughEither(async (gateway) => {
          const answer = await graphql(gateway, PLACE, { input }, { token: buyer.accessToken });
          const order = answer.data?.placeOrder as { id: string } | undefined;
          if (order) accepted.set(key, { orderId: order.id, quantity: quantityOf(n), buyer });
          return Boolean(order);
        }, n);
        // Mid-burst: the first replica of each kind dies with whatever it holds in flight.
        if (accepted.size >= 14) killed ??= killOneOfEach();
      }
    };
    await Promise.all(customers.map(placeAll));
    expect(await killed).toHaveLength(REPLICATED.length);
    expect(accepted.size).toBe(customers.length * PER_CUSTOMER);
    const orderIds = [...accepted.values()].map((order) => order.orderId);

    // Pays each checkout once it opens, until every order has settled. Events the killed
    // replicas held come back to their twins after JetStream's ack wait (30 s).
    const paying = new Set<string>();
    const statuses = () =>
      t.sql<{ id: string; status: string }>(
        'orders',
        'SELECT id, status FROM orders WHERE id = ANY($1)',
        [orderIds],
      );
    await waitFor(
      async () => {
        const open = await t.sql<{ order_id: string; checkout_session_id: string }>(
          'payments',
          `SELECT order_id, checkout_session_id FROM payments
           WHERE status = 'OPEN' AND order_id = ANY($1)`,
          [orderIds],
        );
        for (const payment of open.filter((p) => !paying.has(p.order_id))) {
          paying.add(payment.order_id);
          await pay(payment.checkout_session_id);
        }
        return (await statuses()).every((o) => o.status === 'PAID' || o.status === 'REJECTED');
      },
      'every order of the burst to be paid or rejected',
      75_000,
    );

    // Nothing doubled in orders: one order per key, each through one path of the state machine.
    const rows = await t.sql<{ key: string; customer: string; history: string[] }>(
      'orders',
      `SELECT o.idempotency_key AS key, o.customer_id AS customer,
              array_agg(h.to_status ORDER BY h.seq) AS history
       FROM orders o JOIN order_items i ON i.order_id = o.id
       LEFT JOIN order_status_changes h ON h.order_id = o.id
       WHERE i.product_id = $1 GROUP BY o.id`,
      [item.product.id],
    );
    expect(rows.map((row) => row.key).sort()).toEqual([...accepted.keys()].sort());
    for (const row of rows)
      expect([row.key, row.history]).toEqual([
        row.key,
        row.history.includes('PAID') ? PAID_PATH : REJECTED_PATH,
      ]);

    // Consistent with stock: sold units left the shelf, nothing stays reserved, and an order
    // was refused only when the units left could not cover it.
    const settled = new Map((await statuses()).map((o) => [o.id, o.status]));
    const orders = [...accepted.values()];
    const paid = orders.filter((o) => settled.get(o.orderId) === 'PAID');
    const rejected = orders.filter((o) => settled.get(o.orderId) === 'REJECTED');
    const soldUnits = paid.reduce((sum, o) => sum + o.quantity, 0);
    const stockLevel = async () =>
      (
        await t.sql<{ on_hand: number; reserved: number }>(
          'inventory',
          'SELECT on_hand, reserved FROM stock_levels WHERE product_id = $1',
          [item.product.id],
        )
      )[0];
    // Inventory sells on order.paid, after orders has moved: the last sale may still be on its
    // way (or with a killed replica until the ack wait ends).
    await waitFor(
      async () => (await stockLevel()).reserved === 0,
      'inventory to sell or release every reservation of the burst',
      75_000,
    );
    const level = await stockLevel();
    expect(level).toEqual({ on_hand: STOCK - soldUnits, reserved: 0 });
    expect(rejected.length).toBeGreaterThan(0);
    for (const order of rejected) expect(order.quantity).toBeGreaterThan(level.on_hand);
    const [sold] = await t.sql<{ orders: number; units: number }>(
      'inventory',
      `SELECT count(DISTINCT r.order_id)::int AS orders, coalesce(sum(l.quantity), 0)::int AS units
       FROM reservations r JOIN reservation_lines l ON l.order_id = r.order_id
       WHERE r.status = 'SOLD' AND r.order_id = ANY($1)`,
      [orderIds],
    );
    expect(sold).toEqual({ orders: paid.length, units: soldUnits });

    // One checkout session and one payment.succeeded per paid order, none for the rejected.
    const sessions = [...stripe.sessions.values()].map(
      (session) => (session.metadata as Record<string, string>).orderId,
    );
    expect(sessions.filter((id) => orderIds.includes(id)).sort()).toEqual(
      paid.map((o) => o.orderId).sort(),
    );
    const succeeded = await t.sql<{ order_id: string }>(
      'payments',
      `SELECT envelope->'data'->>'orderId' AS order_id FROM outbox
       WHERE type = 'payment.succeeded' AND envelope->'data'->>'orderId' = ANY($1)`,
      [orderIds],
    );
    expect(succeeded.map((row) => row.order_id).sort()).toEqual(paid.map((o) => o.orderId).sort());

    // One email per customer per outcome, and one per paid order to the vendor.
    const emailsAbout = (orderId: string, to: string) =>
      t.smtp
        .to(to)
        .filter((email) => `${email.subject} ${email.text}`.includes(orderId.slice(0, 8)));
    await waitFor(
      () => orders.every((o) => emailsAbout(o.orderId, o.buyer.email).length > 0),
      'the customers’ emails',
      20_000,
    );
    await waitFor(
      () => paid.every((o) => emailsAbout(o.orderId, vendor.email).length > 0),
      'the vendor’s emails',
      20_000,
    );
    for (const order of orders) {
      const outcome = settled.get(order.orderId) === 'PAID' ? 'Order confirmed' : 'could not';
      expect(emailsAbout(order.orderId, order.buyer.email).map((e) => e.subject)).toEqual([
        expect.stringContaining(outcome),
      ]);
    }
    for (const order of paid) expect(emailsAbout(order.orderId, vendor.email)).toHaveLength(1);
  }, 150_000);
});
