import { CALLER_HEADER, encodeCaller, SECRET_HEADER } from '../../lib/auth/caller';
import { signUp } from '../support/accounts';
import { FakeStripe } from '../support/fake-stripe';
import { graphql } from '../support/graphql-client';
import {
  awaitingPayment,
  expiredOrder,
  openCheckout,
  paymentOf,
  waitForPaymentStatus,
} from '../support/payments';
import { waitUntilCaughtUp } from '../support/caught-up';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const DEV_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';
const ORDER_PAYMENT = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Order { id payment { status checkoutUrl amount { amount currency } } } }
}`;

describe('payments opens a Stripe checkout when an order awaits payment', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem({ ...stripe.env(), PUBLIC_URL: 'https://shop.example' });
  });
  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  it('creates one session per order with its lines, URLs, metadata and a 30-minute floor', async () => {
    const customer = await signUp(t);
    const before = Date.now();
    const order = awaitingPayment(customer.id);
    await t.publish('order.status_changed', order);
    // The same event again under a new id (orders retrying): still one session, one row.
    await t.publish('order.status_changed', { ...order });
    await waitFor(async () => (await paymentOf(t, order.orderId)) !== undefined, 'payment row');
    await waitUntilCaughtUp(t, ['payments']);

    const creates = stripe
      .requestsTo('POST', '/v1/checkout/sessions')
      .filter((r) => (r.params.metadata as Record<string, string>).orderId === order.orderId);
    expect(creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(creates.map((r) => r.idempotencyKey))).toEqual(
      new Set([`checkout-session-${order.orderId}`]),
    );
    const params = creates[0].params;
    expect(params.mode).toBe('payment');
    expect(params.line_items).toEqual([
      {
        quantity: '2',
        price_data: { currency: 'usd', unit_amount: '1250', product_data: { name: 'Blue mug' } },
      },
      {
        quantity: '1',
        price_data: { currency: 'usd', unit_amount: '500', product_data: { name: 'Tea towel' } },
      },
    ]);
    expect(params.success_url).toBe(`https://shop.example/checkout/success?order=${order.orderId}`);
    expect(params.cancel_url).toBe(`https://shop.example/checkout/cancel?order=${order.orderId}`);
    // The reservation ends in 15 minutes, sooner than Stripe allows: the session gets 30+.
    expect(Number(params.expires_at) * 1000).toBeGreaterThanOrEqual(before + 30 * 60_000);

    const rows = await t.sql('payments', 'SELECT * FROM payments WHERE order_id = $1', [
      order.orderId,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'OPEN',
      amount: 3000,
      currency: 'USD',
      customer_id: customer.id,
      checkout_session_id: stripe.sessionOf(order.orderId)!.id,
      checkout_url: stripe.sessionOf(order.orderId)!.url,
    });
  });

  it('keeps a reservation that ends later than 30 minutes as the session expiry', async () => {
    const customer = await signUp(t);
    const expiresAt = new Date(Date.now() + 90 * 60_000);
    const row = await openCheckout(t, customer.id, { expiresAt: expiresAt.toISOString() });
    const session = stripe.sessionOf(row.order_id)!;
    expect(session.expires_at).toBe(Math.floor(expiresAt.getTime() / 1000));
  });

  it('lists the caller’s own payments and shows Order.payment to the order’s customer only', async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    const row = await openCheckout(t, alice.id);

    const own = await t.query(
      '{ payments { edges { node { id status checkoutUrl amount { amount currency } order { id } refunds { id } } } } }',
      {},
      { token: alice.accessToken },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.payments.edges).toEqual([
      {
        node: {
          id: row.id,
          status: 'OPEN',
          checkoutUrl: row.checkout_url,
          amount: { amount: 3000, currency: 'USD' },
          order: { id: row.order_id },
          refunds: [],
        },
      },
    ]);
    const others = await t.query(
      '{ payments { edges { node { id } } } }',
      {},
      { token: bob.accessToken },
    );
    expect(others.data!.payments.edges).toEqual([]);
    const paid = await t.query(
      '{ payments(status: PAID) { edges { node { id } } } }',
      {},
      { token: alice.accessToken },
    );
    expect(paid.data!.payments.edges).toEqual([]);

    const asCaller = (userId: string) => ({
      headers: {
        [SECRET_HEADER]: DEV_SECRET,
        [CALLER_HEADER]: encodeCaller({ userId, role: 'CUSTOMER', emailVerified: true, ip: null }),
      },
    });
    const r = [{ __typename: 'Order', id: row.order_id }];
    const mine = await graphql(t.system.urls.payments, ORDER_PAYMENT, { r }, asCaller(alice.id));
    expect(mine.data!._entities).toEqual([
      {
        id: row.order_id,
        payment: {
          status: 'OPEN',
          checkoutUrl: row.checkout_url,
          amount: { amount: 3000, currency: 'USD' },
        },
      },
    ]);
    const theirs = await graphql(t.system.urls.payments, ORDER_PAYMENT, { r }, asCaller(bob.id));
    expect(theirs.data!._entities).toEqual([{ id: row.order_id, payment: null }]);

    // The checkout URL is the customer's: another customer's entity fetch is refused whole.
    const PAYMENT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id status checkoutUrl } } }`;
    const p = [{ __typename: 'Payment', id: row.id }];
    const ownPayment = await graphql(t.system.urls.payments, PAYMENT, { r: p }, asCaller(alice.id));
    expect(ownPayment.data!._entities).toEqual([
      { id: row.id, status: 'OPEN', checkoutUrl: row.checkout_url },
    ]);
    const foreign = await graphql(t.system.urls.payments, PAYMENT, { r: p }, asCaller(bob.id));
    expect(foreign.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(foreign)).not.toContain(row.checkout_session_id);
  });

  it('expires the open session when orders expires the order', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    await t.publish('order.status_changed', expiredOrder(customer.id, row.order_id));
    const expired = await waitForPaymentStatus(t, row.order_id, 'EXPIRED');
    expect(expired.checkout_url).toBeNull();
    expect(
      stripe.requestsTo('POST', `/v1/checkout/sessions/${row.checkout_session_id}/expire`),
    ).toHaveLength(1);
    expect(stripe.sessions.get(row.checkout_session_id)!.status).toBe('expired');
  });

  it('expires the open session when the order is cancelled before payment', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'changed my mind' });
    await waitForPaymentStatus(t, row.order_id, 'EXPIRED');
    expect(stripe.sessions.get(row.checkout_session_id)!.status).toBe('expired');
    expect(stripe.requestsTo('POST', '/v1/refunds')).toEqual([]);
  });
});
