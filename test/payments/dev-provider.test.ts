import { createHash } from 'node:crypto';
import { DEV_WEBHOOK_SECRET } from '../../subgraphs/payments/config';
import { signUp, type SignedIn } from '../support/accounts';
import { signPayload, stripeEvent } from '../support/fake-stripe';
import {
  atGateway,
  customerCheckoutUrl,
  openCheckout,
  paymentEvents,
  paymentOf,
  pressDevCheckoutButton,
  waitForPaymentStatus,
  type PaymentRow,
} from '../support/payments';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Without STRIPE_SECRET_KEY: the dev checkout page, reached through the gateway. */
describe('the dev payment provider', () => {
  let t: TestSystem;
  let origin: string;
  beforeAll(async () => {
    t = await startTestSystem();
    origin = new URL(t.system.gatewayUrl).origin;
  });
  afterAll(() => t.stop());

  /** A customer with an open dev checkout and the URL only they can read. */
  const openDevCheckout = async (overrides = {}) => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id, overrides);
    return { customer, row, url: await customerCheckoutUrl(t, customer, row.id) };
  };
  const press = (url: string, button: 'pay' | 'fail') => pressDevCheckoutButton(t, url, button);

  it('opens a random session whose page, at the customer’s URL, shows the amount with Pay and Fail', async () => {
    const { row, url } = await openDevCheckout();
    expect(row.checkout_session_id).toMatch(/^cs_dev_[0-9a-f]{48}$/);
    expect(row.checkout_url).toBe(`http://localhost:4000/dev/checkout/${row.checkout_session_id}`);
    const token = new URL(url).searchParams.get('token')!;
    expect(url).toBe(`${row.checkout_url}?token=${token}`);
    // The row keeps the token's hash, never the token.
    expect(row.checkout_token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    const page = await fetch(atGateway(t, url));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toMatch(/<button>Pay \$30\.00<\/button>/);
    expect(html).toMatch(/<button>Fail<\/button>/);
  });

  it('gives every payment its own session, and shows yen without decimals', async () => {
    const first = await openDevCheckout();
    const yen = await openDevCheckout({ total: { amount: 1250, currency: 'JPY' } });
    expect(yen.row.checkout_session_id).not.toBe(first.row.checkout_session_id);
    expect(new URL(yen.url).searchParams.get('token')).not.toBe(
      new URL(first.url).searchParams.get('token'),
    );
    const html = await (await fetch(atGateway(t, yen.url))).text();
    expect(html).toContain('<button>Pay ¥1,250</button>');
  });

  it('pays through the Pay button: a signed webhook makes the payment PAID once', async () => {
    const { row, url } = await openDevCheckout();
    const answer = await press(url, 'pay');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(new URL(url).pathname + new URL(url).search);
    expect((await paymentOf(t, row.order_id))!.status).toBe('PAID');
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toHaveLength(1);
    const stored = await t.sql(
      'payments',
      "SELECT type FROM stripe_events WHERE id LIKE 'evt_dev_%'",
    );
    expect(stored.map((r) => r.type)).toContain('checkout.session.completed');
    const page = await (await fetch(atGateway(t, url))).text();
    expect(page).toContain('<strong>PAID</strong>');
    expect(page).not.toContain('<button>');
    // Back to the shop the way Stripe returns a customer: the success URL of this order.
    expect(page).toContain(
      `<a href="${t.env.PUBLIC_URL ?? 'http://localhost:4000'}/checkout/success?order=${row.order_id}">Back to your order</a>`,
    );
  });

  it('fails through the Fail button: FAILED and payment.failed', async () => {
    const { row, url } = await openDevCheckout();
    expect((await press(url, 'fail')).status).toBe(303);
    expect((await paymentOf(t, row.order_id))!.status).toBe('FAILED');
    expect(await paymentEvents(t, 'payment.failed', row.order_id)).toHaveLength(1);
  });

  it('refunds a cancelled paid order at once', async () => {
    const { row, url } = await openDevCheckout();
    await press(url, 'pay');
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await waitForPaymentStatus(t, row.order_id, 'REFUNDED');
    const refunds = await t.sql('payments', 'SELECT * FROM refunds WHERE payment_id = $1', [
      row.id,
    ]);
    expect(refunds).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', reason: 'ORDER_CANCELLED', amount: 3000 }),
    ]);
    expect(refunds[0].stripe_refund_id).toMatch(/^re_dev_/);
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([
      expect.objectContaining({ reason: 'ORDER_CANCELLED' }),
    ]);
  });

  describe('refuses anyone without the customer’s token, and changes nothing', () => {
    let alice: { customer: SignedIn; row: PaymentRow; url: string };
    let bob: { customer: SignedIn; row: PaymentRow; url: string };
    let vendor: SignedIn;
    beforeAll(async () => {
      alice = await openDevCheckout();
      bob = await openDevCheckout();
      vendor = await signUp(t, { role: 'VENDOR' });
    });

    /** Alice's payment, her order's payment events and all stored webhook events, unchanged. */
    const expectNothingChanged = async () => {
      const row = await paymentOf(t, alice.row.order_id);
      expect(row).toEqual(alice.row);
      for (const type of ['payment.succeeded', 'payment.failed']) {
        expect(await paymentEvents(t, type, alice.row.order_id)).toEqual([]);
      }
      const events = await t.sql(
        'payments',
        "SELECT id FROM stripe_events WHERE id LIKE 'evt_dev_%'",
      );
      return events.length;
    };
    const sessionPath = () => `${origin}/dev/checkout/${alice.row.checkout_session_id}`;
    const post = (path: string, body: string) =>
      fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });

    it('cannot read the customer’s checkout URL, as another customer or a vendor', async () => {
      for (const outsider of [bob.customer, vendor]) {
        const answer = await t.query(
          '{ payments { edges { node { id checkoutUrl } } } }',
          {},
          { token: outsider.accessToken },
        );
        expect(answer.errors).toBeUndefined();
        expect(JSON.stringify(answer)).not.toContain(alice.row.checkout_session_id);
      }
    });

    it('answers 404 to the page without the token, with a wrong one or with another payment’s', async () => {
      const bobsToken = new URL(bob.url).searchParams.get('token')!;
      const aliceToken = new URL(alice.url).searchParams.get('token')!;
      const derivedFromOrder = createHash('sha256')
        .update(`checkout-session-${alice.row.order_id}`)
        .digest('hex')
        .slice(0, 24);
      const attempts = [
        sessionPath(),
        `${sessionPath()}?token=`,
        `${sessionPath()}?token=${bobsToken}`,
        `${sessionPath()}?token=${aliceToken.slice(0, -1)}`,
        `${sessionPath()}?token=${aliceToken}&token=${aliceToken}`,
        // The session id the dev provider used to derive from the order id.
        `${origin}/dev/checkout/cs_dev_${derivedFromOrder}?token=${aliceToken}`,
        // Alice's token opens Alice's session only.
        `${origin}/dev/checkout/${bob.row.checkout_session_id}?token=${aliceToken}`,
      ];
      for (const attempt of attempts) {
        const answer = await fetch(attempt);
        expect([attempt, answer.status]).toEqual([attempt, 404]);
        expect(await answer.text()).not.toContain(alice.row.order_id);
      }
      await expectNothingChanged();
    });

    it('answers 404 to Pay and Fail without the token or with another payment’s, and changes nothing', async () => {
      const before = await expectNothingChanged();
      const bobsToken = new URL(bob.url).searchParams.get('token')!;
      const aliceToken = new URL(alice.url).searchParams.get('token')!;
      for (const button of ['pay', 'fail']) {
        const attempts = [
          post(`${sessionPath()}/${button}`, ''),
          post(`${sessionPath()}/${button}`, `token=${bobsToken}`),
          post(`${sessionPath()}/${button}`, 'token=not-the-token'),
          post(`${sessionPath()}/${button}`, 'token[]=x'),
          // The token belongs in the form, the session in the path: Alice's token on Bob's page.
          post(
            `${origin}/dev/checkout/${bob.row.checkout_session_id}/${button}`,
            `token=${aliceToken}`,
          ),
        ];
        for (const answer of await Promise.all(attempts)) expect(answer.status).toBe(404);
      }
      expect(await expectNothingChanged()).toBe(before);
      expect(await paymentOf(t, bob.row.order_id)).toEqual(bob.row);
    });
  });

  it('checks signatures with the dev webhook secret', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const payload = JSON.stringify(
      stripeEvent('checkout.session.completed', {
        id: row.checkout_session_id,
        object: 'checkout.session',
        payment_status: 'paid',
        payment_intent: 'pi_forged',
      }),
    );
    const answer = await fetch(`${origin}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload) },
      body: payload,
    });
    expect(answer.status).toBe(400);
    expect((await paymentOf(t, row.order_id))!.status).toBe('OPEN');
  });

  it('refuses a dev-signed event whose amount is not the payment’s, and changes nothing', async () => {
    const { row } = await openDevCheckout();
    const session = {
      id: row.checkout_session_id,
      object: 'checkout.session',
      payment_status: 'paid',
      payment_intent: 'pi_dev_short',
      amount_total: row.amount - 1,
      currency: 'usd',
      metadata: { orderId: row.order_id },
    };
    const event = stripeEvent('checkout.session.completed', session);
    const payload = JSON.stringify(event);
    const answer = await fetch(`${origin}/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signPayload(payload, DEV_WEBHOOK_SECRET),
      },
      body: payload,
    });
    expect(answer.status).toBe(400);
    expect(await paymentOf(t, row.order_id)).toEqual(row);
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toEqual([]);
    expect(
      await t.sql('payments', 'SELECT id FROM stripe_events WHERE id = $1', [event.id]),
    ).toEqual([]);
  });
});
