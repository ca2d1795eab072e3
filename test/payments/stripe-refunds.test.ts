import { createLogger } from '../../lib/logger';
import { RefundRefusedError } from '../../subgraphs/payments/providers/payment-provider';
import {
  createStripeClient,
  StripeProvider,
} from '../../subgraphs/payments/providers/stripe-provider';
import { FakeStripe, TEST_STRIPE_KEY } from '../support/fake-stripe';

/** The Stripe provider's refund calls, through the real SDK, against the fake Stripe. */
describe('StripeProvider refunds', () => {
  const stripe = new FakeStripe();
  let provider: StripeProvider;

  beforeAll(async () => {
    await stripe.start();
    provider = new StripeProvider(
      createStripeClient(TEST_STRIPE_KEY, stripe.url),
      createLogger('payments', 'silent'),
    );
  });
  afterAll(() => stripe.stop());

  it('names the refund request and the order in the refund’s metadata', async () => {
    const made = await provider.createRefund({
      paymentIntentId: 'pi_meta',
      amount: 450,
      currency: 'USD',
      orderId: 'order-1',
      paymentId: 'payment-1',
      refundRequestId: 'request-1',
      idempotencyKey: 'order-refund-request-1',
    });
    expect(stripe.refunds.get(made.id)!.metadata).toEqual({
      orderId: 'order-1',
      paymentId: 'payment-1',
      kind: 'lines',
      refundRequestId: 'request-1',
    });
    expect(await provider.listRefunds('pi_meta')).toEqual([
      {
        id: made.id,
        paymentIntentId: 'pi_meta',
        amount: 450,
        currency: 'USD',
        status: 'SUCCEEDED',
        refundRequestId: 'request-1',
        fullRefundOf: null,
      },
    ]);
  });

  it('names the payment of a full refund, and no request, in the refund’s metadata', async () => {
    const made = await provider.createRefund({
      paymentIntentId: 'pi_full',
      amount: 900,
      currency: 'USD',
      orderId: 'order-2',
      paymentId: 'payment-2',
      refundRequestId: null,
      idempotencyKey: 'refund-payment-2',
    });
    expect(stripe.refunds.get(made.id)!.metadata).toEqual({
      orderId: 'order-2',
      paymentId: 'payment-2',
      kind: 'full',
    });
    expect(await provider.listRefunds('pi_full')).toMatchObject([
      { refundRequestId: null, fullRefundOf: 'payment-2' },
    ]);
  });

  it('names no payment for a refund made by hand, whatever its metadata says of one', async () => {
    stripe.makeRefund({ payment_intent: 'pi_hand', amount: 100 });
    stripe.makeRefund({ payment_intent: 'pi_hand', amount: 100, metadata: { paymentId: 'p-3' } });
    expect(await provider.listRefunds('pi_hand')).toMatchObject([
      { refundRequestId: null, fullRefundOf: null },
      { refundRequestId: null, fullRefundOf: null },
    ]);
  });

  it('lists every refund of a payment intent across pages, newest first, and only its own', async () => {
    const made = Array.from({ length: 102 }, (_, i) =>
      stripe.makeRefund({
        payment_intent: 'pi_many',
        amount: i + 1,
        metadata: { refundRequestId: `request-${i}` },
      }),
    );
    stripe.makeRefund({ payment_intent: 'pi_other', amount: 5 });
    const before = stripe.requestsTo('GET', '/v1/refunds').length;

    const listed = await provider.listRefunds('pi_many');

    expect(listed.map((refund) => refund.id)).toEqual(made.map((refund) => refund.id).reverse());
    expect(listed.at(-1)).toMatchObject({ amount: 1, refundRequestId: 'request-0' });
    const pages = stripe.requestsTo('GET', '/v1/refunds').slice(before);
    expect(pages.map((page) => page.params)).toEqual([
      { payment_intent: 'pi_many', limit: '100' },
      { payment_intent: 'pi_many', limit: '100', starting_after: listed[99].id },
    ]);
  });

  it('answers a payment intent Stripe does not know as a refusal, not as an error to retry', async () => {
    const listing = provider.listRefunds('pi_unknown');
    await expect(listing).rejects.toBeInstanceOf(RefundRefusedError);
    await expect(listing).rejects.toThrow(/No such/);
  });

  it('maps Stripe’s refund statuses as the webhooks do', async () => {
    stripe.makeRefund({ payment_intent: 'pi_status', amount: 1 });
    const [pending, failed, canceled] = ['pending', 'failed', 'canceled'].map((status) => {
      const refund = stripe.makeRefund({ payment_intent: 'pi_status', amount: 1 });
      refund.status = status;
      return refund;
    });
    const byId = new Map(
      (await provider.listRefunds('pi_status')).map((refund) => [refund.id, refund.status]),
    );
    expect(byId.get(pending.id)).toBe('PENDING');
    expect(byId.get(failed.id)).toBe('FAILED');
    expect(byId.get(canceled.id)).toBe('FAILED');
    expect([...byId.values()].filter((status) => status === 'SUCCEEDED')).toHaveLength(1);
  });
});
