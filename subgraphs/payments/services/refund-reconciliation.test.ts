import fc from 'fast-check';
import type { ProviderRefund } from '../providers/payment-provider';
import {
  reconcileFullRefund,
  reconcileRefund,
  type FullRefundFacts,
  type RefundRequestFacts,
} from './refund-reconciliation';

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
    fullRefundOf: null,
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

describe('reconcileFullRefund', () => {
  const payment: FullRefundFacts = {
    paymentId: '5a0c9e3e-8d0b-4a57-9f4e-2c1d0b9a8e76',
    paymentIntentId: 'pi_1',
    amount: 3000,
    currency: 'USD',
  };
  const refund = (overrides: Partial<ProviderRefund> = {}): ProviderRefund => ({
    id: 're_1',
    paymentIntentId: 'pi_1',
    amount: 3000,
    currency: 'USD',
    status: 'SUCCEEDED',
    refundRequestId: null,
    fullRefundOf: payment.paymentId,
    ...overrides,
  });
  const none = new Set<string>();

  it('refunds the whole payment when Stripe holds no live refund of it', () => {
    const failed = [refund({ status: 'FAILED' })];
    expect(reconcileFullRefund(payment, [], none)).toEqual({
      kind: 'refund',
      adopt: [],
      rest: 3000,
    });
    expect(reconcileFullRefund(payment, failed, new Set(['re_1']))).toEqual({
      kind: 'refund',
      adopt: [],
      rest: 3000,
    });
  });

  it('adopts our full refund whose answer was lost, pending or succeeded, and refunds nothing more', () => {
    for (const status of ['PENDING', 'SUCCEEDED'] as const) {
      const lost = refund({ status });
      expect(reconcileFullRefund(payment, [lost], none)).toEqual({
        kind: 'refund',
        adopt: [lost],
        rest: 0,
      });
    }
  });

  it('adopts refunds made by hand that cover the payment', () => {
    const byHand = [
      refund({ id: 're_2', amount: 1000, fullRefundOf: null }),
      refund({ id: 're_3', amount: 2000, fullRefundOf: null, status: 'PENDING' }),
    ];
    expect(reconcileFullRefund(payment, byHand, none)).toEqual({
      kind: 'refund',
      adopt: byHand,
      rest: 0,
    });
  });

  it('adopts a partial refund made by hand and refunds the rest', () => {
    const byHand = refund({ id: 're_2', amount: 1200, fullRefundOf: null });
    expect(reconcileFullRefund(payment, [byHand, refund({ status: 'FAILED' })], none)).toEqual({
      kind: 'refund',
      adopt: [byHand],
      rest: 1800,
    });
  });

  it('refuses, naming the refund, what it cannot account for', () => {
    const refusal = (overrides: Partial<ProviderRefund>, accounted = none) =>
      reconcileFullRefund(payment, [refund(overrides)], accounted);
    expect(refusal({ currency: 'EUR' })).toEqual({
      kind: 'refuse',
      reason: expect.stringMatching(
        /re_1 is in EUR, the payment in USD: nothing more was refunded/,
      ),
    });
    expect(refusal({ paymentIntentId: 'pi_2' })).toMatchObject({
      reason: expect.stringMatching(/re_1 is of another payment intent/),
    });
    expect(refusal({}, new Set(['re_1']))).toMatchObject({
      reason: expect.stringMatching(/re_1 is live, yet payments recorded it as failed/),
    });
    expect(refusal({ refundRequestId: 'request-7', fullRefundOf: null })).toMatchObject({
      reason: expect.stringMatching(/re_1 is for line refund request request-7, which payments/),
    });
    expect(refusal({ fullRefundOf: 'another-payment' })).toMatchObject({
      reason: expect.stringMatching(/re_1 names payment another-payment/),
    });
    expect(
      reconcileFullRefund(payment, [refund(), refund({ id: 're_2', amount: 1 })], none),
    ).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/re_1, re_2 return 3001, more than the payment of 3000/),
    });
  });

  it('never plans more than the payment: adopted and rest add up to it exactly', () => {
    const status = fc.constantFrom('PENDING' as const, 'SUCCEEDED' as const, 'FAILED' as const);
    const atStripe = fc.array(
      fc.record({
        amount: fc.integer({ min: 1, max: 3000 }),
        status,
        byHand: fc.boolean(),
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(atStripe, (refunds) => {
        const listed = refunds.map((r, i) =>
          refund({
            id: `re_${i}`,
            amount: r.amount,
            status: r.status,
            fullRefundOf: r.byHand ? null : payment.paymentId,
          }),
        );
        const live = listed.filter((r) => r.status !== 'FAILED');
        const returned = live.reduce((sum, r) => sum + r.amount, 0);
        const decision = reconcileFullRefund(payment, listed, none);
        if (returned > payment.amount) return decision.kind === 'refuse';
        if (decision.kind !== 'refund') return false;
        const adopted = decision.adopt.reduce((sum, r) => sum + r.amount, 0);
        return (
          decision.rest >= 0 &&
          adopted + decision.rest === payment.amount &&
          decision.adopt.every((r) => r.status !== 'FAILED')
        );
      }),
    );
  });
});
