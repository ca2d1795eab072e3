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
   * Refunds `amount` of a paid payment (all of it or part); the same `idempotencyKey` gives the
   * same refund while the provider remembers the key (Stripe: 24 hours). The refund names the
   * payment and its request (or that it is a full refund) in its metadata, so
   * {@link listRefunds} finds it at any age. Throws
   * {@link RefundRefusedError} when the provider refuses for good (retrying the same request
   * cannot help); any other error may be retried.
   */
  createRefund(input: RefundInput): Promise<{ id: string; status: ProviderRefundStatus }>;
  /**
   * Every refund the provider holds for a payment intent, newest first, whatever made it (this
   * service, an earlier delivery whose answer was lost, someone in Stripe's dashboard). Throws
   * {@link RefundRefusedError} when the provider refuses the question for good (no such payment
   * intent); any other error may be retried.
   */
  listRefunds(paymentIntentId: string): Promise<ProviderRefund[]>;
}

export type ProviderRefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** A refund as the provider holds it, in this service's spelling (currency in upper case). */
export interface ProviderRefund {
  id: string;
  paymentIntentId: string | null;
  amount: number;
  currency: string;
  status: ProviderRefundStatus;
  /** `metadata.refundRequestId`: the orders refund request it answers; null when none is named. */
  refundRequestId: string | null;
  /**
   * `metadata.paymentId` of a refund whose `metadata.kind` is `full`: the payment it returns in
   * full (or the rest of); null for a line refund or one made by hand.
   */
  fullRefundOf: string | null;
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
  /** The payment's currency: Stripe takes it from the charge, the dev provider records it. */
  currency: string;
  orderId: string;
  /** The payment refunded (`metadata.paymentId`). */
  paymentId: string;
  /**
   * The orders refund request a line refund answers (`metadata.refundRequestId`, `metadata.kind`
   * `lines`); null for a full refund (`metadata.kind` `full`).
   */
  refundRequestId: string | null;
  idempotencyKey: string;
}

/** The provider refused a refund for good (e.g. more than is left of the charge). */
export class RefundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefundRefusedError';
  }
}
