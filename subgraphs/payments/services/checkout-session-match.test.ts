import { sessionMismatch, type SessionFacts } from './checkout-session-match';

describe('sessionMismatch', () => {
  const payment = {
    checkoutSessionId: 'cs_test_1',
    orderId: '6f1c1a52-5f7e-4c4b-9d2c-1b1e8f3f0a11',
    amount: 1780,
    currency: 'EUR',
  };
  const session = (overrides: Partial<SessionFacts> = {}): SessionFacts => ({
    id: 'cs_test_1',
    amount_total: 1780,
    currency: 'eur',
    metadata: { orderId: payment.orderId },
    ...overrides,
  });

  it('accepts the payment’s own session (Stripe writes currencies in lower case)', () => {
    expect(sessionMismatch(session(), payment)).toBeNull();
  });

  it('names the first fact that differs', () => {
    expect(sessionMismatch(session({ id: 'cs_test_2' }), payment)).toMatch(/session id/);
    expect(sessionMismatch(session({ metadata: {} }), payment)).toMatch(/order id/);
    expect(sessionMismatch(session({ metadata: null }), payment)).toMatch(/order id/);
    expect(
      sessionMismatch(session({ metadata: { orderId: payment.orderId.toUpperCase() } }), payment),
    ).toMatch(/order id/);
    expect(sessionMismatch(session({ amount_total: 1779 }), payment)).toMatch(/amount/);
    expect(sessionMismatch(session({ amount_total: null }), payment)).toMatch(/amount/);
    expect(sessionMismatch(session({ currency: 'usd' }), payment)).toMatch(/currency/);
    expect(sessionMismatch(session({ currency: null }), payment)).toMatch(/currency/);
  });

  it('never quotes the event’s values in the reason', () => {
    const reason = sessionMismatch(session({ id: 'cs_<script>' }), payment)!;
    expect(reason).not.toContain('cs_<script>');
  });
});
