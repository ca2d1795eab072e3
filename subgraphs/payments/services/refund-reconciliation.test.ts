import type { ProviderRefund } from '../providers/payment-provider';
import { reconcileRefund, type RefundRequestFacts } from './refund-reconciliation';

describe('reconcileRefund', () => {
  const request: RefundRequestFacts = {
    refundRequestId: '0b7c2c1e-4a0e-4f8e-9a57-3f4d1c2b9e10',
    paymentIntentId: 'pi_1',
    amount: 450,
    currency: 'EUR',
  };
  const refund = (overrides: Partial<ProviderRefund> = {}): ProviderRefund => ({
    id: 're_1',
    paymentIntentId: 'pi_1',
    amount: 450,
    currency: 'EUR',
    status: 'SUCCEEDED',
    refundRequestId: request.refundRequestId,
    ...overrides,
  });
  const none = new Set<string>();

  it('creates a refund when Stripe holds none for the payment intent', () => {
    expect(reconcileRefund(request, [], none)).toEqual({ kind: 'create' });
  });

  it('creates a refund when the others name other requests or are accounted for', () => {
    const others = [
      refund({ id: 're_2', refundRequestId: 'another-request' }),
      refund({ id: 're_3', refundRequestId: null }),
    ];
    expect(reconcileRefund(request, others, new Set(['re_3']))).toEqual({ kind: 'create' });
  });

  it('adopts the refund that names the request, in whatever status Stripe has it', () => {
    for (const status of ['PENDING', 'SUCCEEDED', 'FAILED'] as const) {
      const named = refund({ status });
      expect(
        reconcileRefund(request, [refund({ id: 're_0', refundRequestId: 'x' }), named], none),
      ).toEqual({ kind: 'adopt', refund: named });
    }
  });

  it('refuses a refund for the request of another amount, currency or payment intent', () => {
    const refusal = (overrides: Partial<ProviderRefund>) =>
      reconcileRefund(request, [refund(overrides)], none);
    expect(refusal({ amount: 300 })).toEqual({
      kind: 'refuse',
      reason: expect.stringMatching(
        /re_1 .* of 300, the request of 450 .*nothing more was refunded/,
      ),
    });
    expect(refusal({ currency: 'USD' })).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/in USD, the request in EUR/),
    });
    expect(refusal({ paymentIntentId: 'pi_2' })).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/another payment intent/),
    });
  });

  it('refuses a refund for the request that another refund of ours already accounts for', () => {
    expect(reconcileRefund(request, [refund()], new Set(['re_1']))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/already recorded/),
    });
  });

  it('refuses when Stripe holds two refunds for the request', () => {
    expect(reconcileRefund(request, [refund({ id: 're_2' }), refund()], none)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/2 refunds for this request \(re_2, re_1\)/),
    });
  });

  it('refuses when an unrecorded live refund of the same amount names no request', () => {
    const unnamed = refund({ id: 're_9', refundRequestId: null, status: 'PENDING' });
    expect(reconcileRefund(request, [unnamed], none)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/re_9 .*names no request/),
    });
  });

  it('creates a refund beside unnamed ones of other amounts, other currencies or that failed', () => {
    const unnamed = [
      refund({ id: 're_7', refundRequestId: null, amount: 451 }),
      refund({ id: 're_8', refundRequestId: null, currency: 'USD' }),
      refund({ id: 're_9', refundRequestId: null, status: 'FAILED' }),
    ];
    expect(reconcileRefund(request, unnamed, none)).toEqual({ kind: 'create' });
  });
});
