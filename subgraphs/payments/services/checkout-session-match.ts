import type Stripe from 'stripe';
import type { Payment } from '../entities/payment.entity';

/** What of a checkout session event is compared with the stored payment. */
export type SessionFacts = Pick<
  Stripe.Checkout.Session,
  'id' | 'amount_total' | 'currency' | 'metadata'
>;

/**
 * A signed checkout session event that does not describe the payment it names. It changes
 * nothing: the webhook answers 400 and logs `reason`, which never quotes the event.
 */
export class SessionMismatchError extends Error {
  constructor(readonly reason: string) {
    super(`checkout session event refused: ${reason}`);
    this.name = 'SessionMismatchError';
  }
}

/**
 * Why `session` is not the checkout of `payment`, or null when its id, order (metadata), amount
 * and currency are all the payment's. A signature proves who sent an event, not that it is about
 * the money this order expects.
 */
export function sessionMismatch(
  session: SessionFacts,
  payment: Pick<Payment, 'checkoutSessionId' | 'orderId' | 'amount' | 'currency'>,
): string | null {
  if (session.id !== payment.checkoutSessionId) return "session id is not the payment's session";
  if (session.metadata?.orderId !== payment.orderId) return "order id is not the payment's order";
  if (session.amount_total !== payment.amount) return "amount is not the payment's amount";
  if (session.currency?.toUpperCase() !== payment.currency) {
    return "currency is not the payment's currency";
  }
  return null;
}
