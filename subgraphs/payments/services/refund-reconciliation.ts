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

/** What a full refund of a payment (cancelled order, late payment) asks of the provider. */
export interface FullRefundFacts {
  paymentId: string;
  paymentIntentId: string;
  amount: number;
  /** Upper case, as the payment stores it. */
  currency: string;
}

/**
 * What to do about a full refund, given the provider's refunds of the payment's intent: record
 * `adopt` (live refunds payments never recorded, which return part or all of the payment) and
 * refund `rest` more (0: they cover it; the whole amount: Stripe holds none), or refuse without
 * moving money.
 */
export type FullRefundReconciliation =
  { kind: 'refund'; adopt: ProviderRefund[]; rest: number } | { kind: 'refuse'; reason: string };

/**
 * Decides a full refund from Stripe's own list, so a retry after Stripe forgot the idempotency
 * key (24 hours; a late payment's webhook is retried for three days), or after someone refunded
 * in the dashboard, returns the payment once and settles it.
 *
 * Every live refund (pending or succeeded) of the payment intent is money already on its way back,
 * whoever made it: our full refund whose answer was lost (its metadata names the payment), one made
 * by hand (names nothing). They are adopted, and only what they leave is refunded: the customer is
 * owed the whole payment either way, and Stripe caps refunds at the charge. Refused, for a human:
 * a live refund payments recorded as failed, one that names a line refund request payments never
 * recorded (that request's own reconciliation owns it), one of another payment intent or currency,
 * or live refunds beyond the payment. `accounted`: the provider ids of the payment's refund rows,
 * all failed (a payment with any other refund row gets no full refund).
 */
export function reconcileFullRefund(
  payment: FullRefundFacts,
  atProvider: readonly ProviderRefund[],
  accounted: ReadonlySet<string>,
): FullRefundReconciliation {
  const live = atProvider.filter((refund) => refund.status !== 'FAILED');
  const refusal = live
    .map((refund) => fullRefundMismatch(refund, payment, accounted))
    .find(Boolean);
  if (refusal) return { kind: 'refuse', reason: refusal };
  const covered = live.reduce((sum, refund) => sum + refund.amount, 0);
  if (covered > payment.amount) {
    const ids = live.map((refund) => refund.id).join(', ');
    return {
      kind: 'refuse',
      reason: `Stripe's refunds ${ids} return ${covered}, more than the payment of ${payment.amount} (minor units): ${CHECK}`,
    };
  }
  return { kind: 'refund', adopt: live, rest: payment.amount - covered };
}

function fullRefundMismatch(
  refund: ProviderRefund,
  payment: FullRefundFacts,
  accounted: ReadonlySet<string>,
): string | null {
  const found = `Stripe's refund ${refund.id}`;
  if (refund.paymentIntentId !== payment.paymentIntentId) {
    return `${found} is of another payment intent: ${CHECK}`;
  }
  if (refund.currency !== payment.currency) {
    return `${found} is in ${refund.currency}, the payment in ${payment.currency}: ${CHECK}`;
  }
  if (accounted.has(refund.id)) {
    return `${found} is live, yet payments recorded it as failed: ${CHECK}`;
  }
  if (refund.refundRequestId !== null) {
    return `${found} is for line refund request ${refund.refundRequestId}, which payments never recorded: ${CHECK}`;
  }
  if (refund.fullRefundOf !== null && refund.fullRefundOf !== payment.paymentId) {
    return `${found} names payment ${refund.fullRefundOf}: ${CHECK}`;
  }
  return null;
}
