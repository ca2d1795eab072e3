import { randomUUID } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import { orderReaches, placeOrder, statusOf, stockedProduct } from '../support/orders';
import {
  paymentEvents,
  paymentOf,
  waitForPaymentStatus,
  type PaymentRow,
} from '../support/payments';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

/**
 * A correctly signed Stripe event is accepted only for the checkout it describes: its session id,
 * order id (metadata), amount and currency must be the stored payment's.
 */
describe('a signed webhook that does not match its payment', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let buyer: SignedIn;
  let order: { id: string };
  let payment: PaymentRow;
  let other: PaymentRow;
  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t);
    const vendor = await signUp(t, { role: 'VENDOR' });
    const tea = await stockedProduct(t, vendor, 5, { price: { amount: 890, currency: 'EUR' } });
    order = await placeOrder(t, buyer, [{ productId: tea.product.id, quantity: 2 }]);
    const second = await placeOrder(t, buyer, [{ productId: tea.product.id, quantity: 1 }]);
    payment = await waitForPaymentStatus(t, order.id, 'OPEN');
    other = await waitForPaymentStatus(t, second.id, 'OPEN');
  });
  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  /** The session as Stripe reports it once paid, with one fact changed by `tamper`. */
  const tampered = (tamper: (session: Record<string, unknown>) => void) => {
    const session = { ...stripe.pay(payment.checkout_session_id) };
    tamper(session);
    return stripeEvent('checkout.session.completed', session);
  };
  const storedEvent = (id: string) =>
    t.sql('payments', 'SELECT id FROM stripe_events WHERE id = $1', [id]);

  it.each([
    [
      'an amount one cent short',
      (s: Record<string, unknown>) => (s.amount_total = Number(s.amount_total) - 1),
    ],
    ['another currency', (s: Record<string, unknown>) => (s.currency = 'usd')],
    ['an unknown session id', (s: Record<string, unknown>) => (s.id = `cs_test_${randomUUID()}`)],
    [
      'another payment’s session id',
      (s: Record<string, unknown>) => (s.id = other.checkout_session_id),
    ],
    ['another order id', (s: Record<string, unknown>) => (s.metadata = { orderId: randomUUID() })],
    [
      'another payment’s order id',
      (s: Record<string, unknown>) => (s.metadata = { orderId: other.order_id }),
    ],
  ])('refuses %s with 400 and changes nothing', async (_what, tamper) => {
    expect(payment.amount).toBe(1780);
    const event = tampered(tamper);
    const answer = await deliverWebhook(t.system.gatewayUrl, event);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'the event does not match the payment' });
    expect(await paymentOf(t, order.id)).toEqual(payment);
    expect(await paymentOf(t, other.order_id)).toEqual(other);
    expect(await storedEvent(event.id)).toEqual([]);
    for (const orderId of [order.id, other.order_id]) {
      expect(await paymentEvents(t, 'payment.succeeded', orderId)).toEqual([]);
    }
    expect(await statusOf(t, order.id)).toBe('AWAITING_PAYMENT');
  });

  it('refuses an unpaid completed session with another amount, though it would change nothing', async () => {
    const session = stripe.sessions.get(payment.checkout_session_id)!;
    const event = stripeEvent('checkout.session.completed', {
      ...session,
      payment_status: 'unpaid',
      amount_total: Number(session.amount_total) - 1,
    });
    expect((await deliverWebhook(t.system.gatewayUrl, event)).status).toBe(400);
    expect(await paymentOf(t, order.id)).toEqual(payment);
    expect(await storedEvent(event.id)).toEqual([]);
  });

  it('accepts the untampered event: PAID, payment.succeeded and one confirmation email', async () => {
    const event = tampered(() => {});
    expect((await deliverWebhook(t.system.gatewayUrl, event)).status).toBe(200);
    expect((await paymentOf(t, order.id))!.status).toBe('PAID');
    expect(await paymentEvents(t, 'payment.succeeded', order.id)).toEqual([
      { orderId: order.id, paymentId: payment.id },
    ]);
    await orderReaches(t, order.id, 'PAID');
    // Emails follow events in outbox order: the refused deliveries above published nothing, so
    // once this payment's confirmation arrives, it is the only one.
    const confirmations = () =>
      t.smtp.to(buyer.email).filter((email) => email.subject.startsWith('Order confirmed'));
    await waitFor(() => confirmations().length > 0, 'the order confirmation');
    expect(confirmations()).toHaveLength(1);
    expect((await paymentOf(t, other.order_id))!.status).toBe('OPEN');
  });
});
