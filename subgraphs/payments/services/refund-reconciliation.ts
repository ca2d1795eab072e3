import type { ProviderRefund } from '../providers/payment-provider';

/** What a line refund request asks of the provider. */
export interface RefundRequestFacts {
  refundRequestId: string;
  paymentIntentId: string;
  amount: number;
  /** Upper case, as the payment stores it. */
  currency: string;
}

/**
 * What to do about a request, given the provider's refunds of its payment intent: take over the
 * refund an earlier attempt made (its answer was lost), refuse without moving money, or create
 * the refund.
 */
export type Reconciliation =
  | { kind: 'adopt'; refund: ProviderRefund }
  | { kind: 'refuse'; reason: string }
  | { kind: 'create' };

const CHECK = "nothing more was refunded; check the payment in Stripe's dashboard";

/**
 * Decides from Stripe's own list, not from its idempotency keys (kept 24 hours), whether a
 * request was already carried out, so a retry at any age refunds at most once.
 *
 * A refund whose metadata names the request is adopted when it is of the request's payment
 * intent, currency and amount, and no other refund of ours accounts for it; otherwise the request
 * is refused with the reason (money moved that the request does not describe: a human looks).
 * With none named, a live refund of the same amount that names no request and that payments
 * never recorded (`accounted`: the provider ids of the payment's refund rows) may be this
 * request's, made before refunds named their request or by hand: refused rather than doubled.
 */
export function reconcileRefund(
  request: RefundRequestFacts,
  atProvider: readonly ProviderRefund[],
  accounted: ReadonlySet<string>,
): Reconciliation {
  const named = atProvider.filter((refund) => refund.refundRequestId === request.refundRequestId);
  if (named.length > 1) {
    const ids = named.map((refund) => refund.id).join(', ');
    return {
      kind: 'refuse',
      reason: `Stripe holds ${named.length} refunds for this request (${ids}): ${CHECK}`,
    };
  }
  if (named.length === 1) {
    const mismatch = mismatchOf(named[0], request, accounted);
    return mismatch ? { kind: 'refuse', reason: mismatch } : { kind: 'adopt', refund: named[0] };
  }
  const unattributed = atProvider.find(
    (refund) =>
      refund.refundRequestId === null &&
      !accounted.has(refund.id) &&
      refund.status !== 'FAILED' &&
      refund.amount === request.amount &&
      refund.currency === request.currency,
  );
  if (unattributed) {
    return {
      kind: 'refuse',
      reason: `Stripe holds refund ${unattributed.id} of this amount that names no request and that payments never recorded (made before refunds named their request, or by hand): ${CHECK}`,
    };
  }
  return { kind: 'create' };
}

function mismatchOf(
  refund: ProviderRefund,
  request: RefundRequestFacts,
  accounted: ReadonlySet<string>,
): string | null {
  const found = `Stripe's refund ${refund.id} for this request`;
  if (refund.paymentIntentId !== request.paymentIntentId) {
    return `${found} is of another payment intent: ${CHECK}`;
  }
  if (refund.currency !== request.currency) {
    return `${found} is in ${refund.currency}, the request in ${request.currency}: ${CHECK}`;
  }
  if (refund.amount !== request.amount) {
    return `${found} is of ${refund.amount}, the request of ${request.amount} (minor units): ${CHECK}`;
  }
  if (accounted.has(refund.id)) return `${found} is already recorded for another refund: ${CHECK}`;
  return null;
}
