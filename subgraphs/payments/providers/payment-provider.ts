/** What payments needs from a payment service provider: Stripe, or the dev provider. */
export interface PaymentProvider {
  /** Opens a hosted checkout; the same `idempotencyKey` always gives the same session. */
  createCheckoutSession(input: CheckoutSessionInput): Promise<{ id: string; url: string }>;
  /** Closes a session so it can no longer be paid; a session already closed is not an error. */
  expireCheckoutSession(sessionId: string): Promise<void>;
  /** Refunds a paid payment in full; the same `idempotencyKey` always gives the same refund. */
  createRefund(
    input: RefundInput,
  ): Promise<{ id: string; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' }>;
}

export interface CheckoutSessionInput {
  orderId: string;
  currency: string;
  lines: Array<{ name: string; unitAmount: number; quantity: number }>;
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
}

export interface RefundInput {
  paymentIntentId: string | null;
  amount: number;
  orderId: string;
  idempotencyKey: string;
}
