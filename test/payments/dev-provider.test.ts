import { signUp } from '../support/accounts';
import { signPayload, stripeEvent } from '../support/fake-stripe';
import { openCheckout, paymentEvents, paymentOf, waitForPaymentStatus } from '../support/payments';
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

  const pathOf = (url: string) => new URL(url).pathname;
  /** Submits the form a dev page button posts, as the browser would. */
  const press = async (checkoutUrl: string, button: 'pay' | 'fail') => {
    const page = await (await fetch(`${origin}${pathOf(checkoutUrl)}`)).text();
    const action = page.match(new RegExp(`action="([^"]*/${button})"`))![1];
    return fetch(new URL(action, `${origin}${pathOf(checkoutUrl)}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
  };

  it('opens a local session whose page shows the amount with Pay and Fail buttons', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    expect(row.checkout_session_id).toMatch(/^cs_dev_/);
    expect(row.checkout_url).toBe(`http://localhost:4000/dev/checkout/${row.checkout_session_id}`);
    const page = await fetch(`${origin}${pathOf(row.checkout_url!)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('30.00 USD');
    expect(html).toMatch(/<button>Pay 30.00 USD<\/button>/);
    expect(html).toMatch(/<button>Fail<\/button>/);
    expect((await fetch(`${origin}/dev/checkout/cs_dev_nosuch`)).status).toBe(404);
  });

  it('pays through the Pay button: a signed webhook makes the payment PAID once', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const answer = await press(row.checkout_url!, 'pay');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/dev/checkout/${row.checkout_session_id}`);
    expect((await paymentOf(t, row.order_id))!.status).toBe('PAID');
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toHaveLength(1);
    const stored = await t.sql(
      'payments',
      "SELECT type FROM stripe_events WHERE id LIKE 'evt_dev_%'",
    );
    expect(stored.map((r) => r.type)).toContain('checkout.session.completed');
    const page = await (await fetch(`${origin}${pathOf(row.checkout_url!)}`)).text();
    expect(page).toContain('<strong>PAID</strong>');
    expect(page).not.toContain('<button>');
  });

  it('fails through the Fail button: FAILED and payment.failed', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    expect((await press(row.checkout_url!, 'fail')).status).toBe(303);
    expect((await paymentOf(t, row.order_id))!.status).toBe('FAILED');
    expect(await paymentEvents(t, 'payment.failed', row.order_id)).toHaveLength(1);
  });

  it('refunds a cancelled paid order at once', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    await press(row.checkout_url!, 'pay');
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
});
