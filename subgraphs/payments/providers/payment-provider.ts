/** What payments needs from a payment service provider: Stripe, or the dev provider. */
export interface PaymentProvider {
  /**
   * Opens a hosted checkout. With Stripe the same `idempotencyKey` always gives the same session;
   * the dev provider's sessions exist only in the payment row that stores them, so each call
   * gives a new one.
   */
  createCheckoutSession(input: CheckoutSessionInput): Promise<CheckoutSession>;
  /**
   * The URL the payment's customer (and only them) is given for an open session: Stripe's own
   * URL, or the dev page's URL with the token that opens it.
   */
  customerCheckoutUrl(session: { id: string; url: string }): string;
  /** Closes a session so it can no longer be paid; a session already closed is not an error. */
  expireCheckoutSession(sessionId: string): Promise<void>;
  /**
   * Refunds `amount` of a paid payment (all of it or part); the same `idempotencyKey` always
   * gives the same refund. Throws {@link RefundRefusedError} when the provider refuses for good
   * (retrying the same request cannot help); any other error may be retried.
   */
  createRefund(
    input: RefundInput,
  ): Promise<{ id: string; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' }>;
}

export interface CheckoutSession {
  id: string;
  /** Stored with the payment; for the dev provider without its token. */
  url: string;
  /** The hash of the token that opens a dev checkout page; null for Stripe. */
  tokenHash: string | null;
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

/** The provider refused a refund for good (e.g. more than is left of the charge). */
export class RefundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefundRefusedError';
  }
}
