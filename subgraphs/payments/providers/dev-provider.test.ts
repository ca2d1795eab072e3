import { DevCheckoutTokens } from './dev-checkout-tokens';
import { DevProvider } from './dev-provider';
import type { RefundInput } from './payment-provider';

describe('DevProvider refunds', () => {
  const provider = () =>
    new DevProvider('http://localhost:4000', new DevCheckoutTokens(Buffer.alloc(32, 1)));
  const input = (overrides: Partial<RefundInput> = {}): RefundInput => ({
    paymentIntentId: 'pi_dev_1',
    amount: 450,
    currency: 'EUR',
    orderId: '6f1c1a52-5f7e-4c4b-9d2c-1b1e8f3f0a11',
    paymentId: '9d3e1f0a-2b4c-4d6e-8f10-a1b2c3d4e5f6',
    refundRequestId: '0b7c2c1e-4a0e-4f8e-9a57-3f4d1c2b9e10',
    idempotencyKey: 'order-refund-0b7c2c1e-4a0e-4f8e-9a57-3f4d1c2b9e10',
    ...overrides,
  });

  it('lists the refunds of a payment intent, newest first, with the request or full refund each names', async () => {
    const dev = provider();
    const first = await dev.createRefund(input());
    const second = await dev.createRefund(
      input({ amount: 100, refundRequestId: null, idempotencyKey: 'refund-p1' }),
    );
    await dev.createRefund(input({ paymentIntentId: 'pi_dev_2', idempotencyKey: 'other' }));
    expect(await dev.listRefunds('pi_dev_1')).toEqual([
      {
        id: second.id,
        paymentIntentId: 'pi_dev_1',
        amount: 100,
        currency: 'EUR',
        status: 'SUCCEEDED',
        refundRequestId: null,
        fullRefundOf: input().paymentId,
      },
      {
        id: first.id,
        paymentIntentId: 'pi_dev_1',
        amount: 450,
        currency: 'EUR',
        status: 'SUCCEEDED',
        refundRequestId: input().refundRequestId,
        fullRefundOf: null,
      },
    ]);
  });

  it('gives the same refund, listed once, for the same idempotency key', async () => {
    const dev = provider();
    const first = await dev.createRefund(input());
    expect(await dev.createRefund(input())).toEqual(first);
    expect(await dev.listRefunds('pi_dev_1')).toHaveLength(1);
  });
});
