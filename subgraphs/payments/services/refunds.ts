import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventCatalogue } from '../../../lib/events/catalogue';
import { enqueueEvent } from '../../../lib/events/outbox';
import { Payment } from '../entities/payment.entity';
import { Refund, type RefundReason } from '../entities/refund.entity';
import type { Logger } from '../../../lib/logger';
import {
  RefundRefusedError,
  type PaymentProvider,
  type ProviderRefund,
  type ProviderRefundStatus,
} from '../providers/payment-provider';
import { reconcileFullRefund, reconcileRefund } from './refund-reconciliation';

/**
 * Refunds a paid payment in full, once. The caller holds the payment's row lock; a payment with a
 * refund that did not fail gets no second one. Like {@link refundLines} it first lists the payment
 * intent's refunds at Stripe and goes by {@link reconcileFullRefund}: a refund an earlier attempt
 * made (its answer lost, then Stripe forgot the idempotency key after 24 hours, while a late
 * payment's webhook is retried for three days) or one made by hand in the dashboard is recorded
 * as it is at Stripe, and only what they leave is refunded, in a refund whose metadata names the
 * payment. One Stripe read per full refund, which is rare, instead of waiting for Stripe to refuse
 * a second one: that refusal would say only that the money is gone, not which refund holds it.
 * A mismatch, or Stripe refusing, is recorded as a FAILED refund with the reason and logged for an
 * operator, moving no money; the event that asked is done (no retry loop). A transient error
 * throws and the event is retried. `logger`: where the operator is told (the payments logger).
 */
export async function refundPayment(
  manager: EntityManager,
  provider: PaymentProvider,
  payment: Payment,
  reason: RefundReason,
  logger: Pick<Logger, 'warn'>,
  requestId?: string,
): Promise<void> {
  const existing = await manager.findBy(Refund, { paymentId: payment.id });
  if (existing.some((refund) => refund.status !== 'FAILED')) return;
  const outcome = await fullRefundAtProvider(provider, payment, existing, 'create');
  if ('failure' in outcome) {
    await manager.insert(Refund, {
      paymentId: payment.id,
      orderRefundId: null,
      currency: payment.currency,
      reason,
      id: randomUUID(),
      stripeRefundId: null,
      failureReason: outcome.failure,
      amount: payment.amount,
      status: 'FAILED',
    });
    logger.warn(
      { orderId: payment.orderId, paymentId: payment.id, reason: outcome.failure },
      'full refund not made: an operator must look at the payment in Stripe',
    );
    return;
  }
  await recordFullRefund(manager, payment, reason, outcome, requestId);
}

/**
 * A Stripe webhook about the refunds of a payment whose full refund failed (a FAILED full refund
 * row and nothing else): an operator may have sorted it out in Stripe's dashboard. Reconciles as
 * {@link refundPayment} does, but only adopts: when Stripe's live refunds of the payment intent
 * cover the payment, they are recorded and settled (REFUNDED, one `payment.refunded`); otherwise
 * nothing is written and no money moves. A webhook never creates a refund: the failure meant a
 * human is on it, and a refund made now could cross the one they are making by hand. False when
 * there is no such owed refund (the caller decides what else the event means).
 * The caller holds the payment's row lock.
 */
export async function settleOwedFullRefund(
  manager: EntityManager,
  provider: PaymentProvider,
  payment: Payment,
  logger: Pick<Logger, 'warn'>,
): Promise<boolean> {
  if (payment.status === 'REFUNDED' || !payment.paymentIntentId) return false;
  const existing = await manager.findBy(Refund, { paymentId: payment.id });
  const owed = existing.find((refund) => refund.reason !== 'LINES_REFUNDED');
  if (!owed || existing.some((refund) => refund.status !== 'FAILED')) return false;
  const outcome = await fullRefundAtProvider(provider, payment, existing, 'adopt');
  if ('failure' in outcome) {
    logger.warn(
      { orderId: payment.orderId, paymentId: payment.id, reason: outcome.failure },
      'full refund still not settled: an operator must look at the payment in Stripe',
    );
    return true;
  }
  await recordFullRefund(manager, payment, owed.reason, outcome);
  return true;
}

/** Records the provider's refunds of a full refund and settles those already final. */
async function recordFullRefund(
  manager: EntityManager,
  payment: Payment,
  reason: RefundReason,
  atProvider: ReadonlyArray<{ id: string; amount: number; status: ProviderRefundStatus }>,
  requestId?: string,
): Promise<void> {
  const rows = atProvider.map((refund) =>
    manager.create(Refund, {
      paymentId: payment.id,
      orderRefundId: null,
      currency: payment.currency,
      reason,
      id: randomUUID(),
      stripeRefundId: refund.id,
      failureReason: null,
      amount: refund.amount,
      status: 'PENDING',
    }),
  );
  await manager.insert(Refund, rows);
  for (const [i, row] of rows.entries()) {
    const status = atProvider[i].status;
    if (status !== 'PENDING') await settleRefund(manager, payment, row, status, requestId);
  }
}

/**
 * The provider's refunds that return a payment in full, found or made (see
 * {@link reconcileFullRefund}); or why there are none. `adopt`: only found, never made (what the
 * found ones leave is then the failure).
 */
async function fullRefundAtProvider(
  provider: PaymentProvider,
  payment: Payment,
  failed: readonly Refund[],
  mode: 'create' | 'adopt',
): Promise<
  Array<{ id: string; amount: number; status: ProviderRefundStatus }> | { failure: string }
> {
  try {
    let adopt: ProviderRefund[] = [];
    let rest = payment.amount;
    if (payment.paymentIntentId) {
      const decision = reconcileFullRefund(
        {
          paymentId: payment.id,
          paymentIntentId: payment.paymentIntentId,
          amount: payment.amount,
          currency: payment.currency,
        },
        await provider.listRefunds(payment.paymentIntentId),
        new Set(failed.flatMap((r) => (r.stripeRefundId ? [r.stripeRefundId] : []))),
      );
      if (decision.kind === 'refuse') return { failure: decision.reason };
      ({ adopt, rest } = decision);
    }
    if (rest === 0) return adopt;
    if (mode === 'adopt') {
      return { failure: `Stripe's live refunds leave ${rest} of the payment (minor units)` };
    }
    const made = await provider.createRefund({
      paymentIntentId: payment.paymentIntentId,
      amount: rest,
      currency: payment.currency,
      orderId: payment.orderId,
      paymentId: payment.id,
      refundRequestId: null,
      idempotencyKey: fullRefundKey(payment, failed.length, payment.amount - rest),
    });
    return [...adopt, { ...made, amount: rest }];
  } catch (error) {
    if (!(error instanceof RefundRefusedError)) throw error;
    return { failure: `Stripe refused the refund: ${error.message}` };
  }
}

/**
 * `refund-<payment id>`, as before refunds were listed first; a retry after failed refunds needs
 * a new key (`-<failed count>`), and so does the rest after refunds made elsewhere
 * (`-rest-after-<amount they returned>`): Stripe refuses a key sent again with another amount.
 */
function fullRefundKey(payment: Payment, failedBefore: number, returnedElsewhere: number): string {
  return [
    `refund-${payment.id}`,
    ...(failedBefore ? [String(failedBefore)] : []),
    ...(returnedElsewhere ? [`rest-after-${returnedElsewhere}`] : []),
  ].join('-');
}

/**
 * `order.refund_requested`: refunds the request's amount as one partial Stripe refund that names
 * the request in its metadata. Before creating it, payments lists the payment intent's refunds at
 * Stripe and adopts the one an earlier attempt made (a delivery whose answer was lost, a crash
 * between Stripe's answer and our commit, an admin's retry days later: see
 * {@link reconcileRefund}); only when there is none does it create one, still with the request
 * id as idempotency key. The refund row, unique per request, makes a redelivery after the commit
 * a no-op. A refusal (payment not captured, more than is left, Stripe says no, Stripe holds a
 * refund for the request that does not match it) is recorded as a FAILED refund and answered
 * with `payment.refund_failed`; a transient error throws and the event is retried.
 * The caller holds the payment's row lock (null when the order has no payment).
 */
export async function refundLines(
  manager: EntityManager,
  provider: PaymentProvider,
  payment: Payment | null,
  request: EventCatalogue['order.refund_requested'],
  requestId?: string,
): Promise<void> {
  if (await manager.existsBy(Refund, { orderRefundId: request.refundId })) return;
  if (!payment) throw new Error(`No payment for order ${request.orderId} to refund lines of`);
  const refunds = await manager.findBy(Refund, { paymentId: payment.id });
  const left =
    payment.amount -
    refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount, 0);
  const refusal =
    payment.status !== 'PAID'
      ? `The payment is ${payment.status}, not PAID`
      : request.amount.currency !== payment.currency
        ? `The refund is in ${request.amount.currency}, the payment in ${payment.currency}`
        : request.amount.amount > left
          ? `Only ${left} of the payment is left to refund`
          : null;
  let result: { id: string; status: ProviderRefundStatus } | null = null;
  let failure = refusal;
  if (!refusal) {
    const accounted = new Set(refunds.flatMap((r) => (r.stripeRefundId ? [r.stripeRefundId] : [])));
    const outcome = await refundAtProvider(provider, payment, request, accounted);
    if ('reason' in outcome) failure = outcome.reason;
    else result = outcome;
  }
  const refund = manager.create(Refund, {
    id: randomUUID(),
    paymentId: payment.id,
    stripeRefundId: result?.id ?? null,
    orderRefundId: request.refundId,
    failureReason: failure,
    amount: request.amount.amount,
    currency: request.amount.currency,
    status: result ? 'PENDING' : 'FAILED',
    reason: 'LINES_REFUNDED',
  });
  await manager.insert(Refund, refund);
  if (!result) {
    await announceFailure(manager, payment, refund, requestId);
    return;
  }
  if (result.status !== 'PENDING')
    await settleRefund(manager, payment, refund, result.status, requestId);
}

/** The provider's refund for a line refund request, found or made; or why there is none. */
async function refundAtProvider(
  provider: PaymentProvider,
  payment: Payment,
  request: EventCatalogue['order.refund_requested'],
  accounted: ReadonlySet<string>,
): Promise<{ id: string; status: ProviderRefundStatus } | { reason: string }> {
  try {
    if (payment.paymentIntentId) {
      const decision = reconcileRefund(
        {
          refundRequestId: request.refundId,
          paymentIntentId: payment.paymentIntentId,
          amount: request.amount.amount,
          currency: request.amount.currency,
        },
        await provider.listRefunds(payment.paymentIntentId),
        accounted,
      );
      if (decision.kind === 'refuse') return { reason: decision.reason };
      if (decision.kind === 'adopt') return decision.refund;
    }
    return await provider.createRefund({
      paymentIntentId: payment.paymentIntentId,
      amount: request.amount.amount,
      currency: request.amount.currency,
      orderId: payment.orderId,
      paymentId: payment.id,
      refundRequestId: request.refundId,
      idempotencyKey: `order-refund-${request.refundId}`,
    });
  } catch (error) {
    if (!(error instanceof RefundRefusedError)) throw error;
    return { reason: `Stripe refused the refund: ${error.message}` };
  }
}

/**
 * Records a refund's final status. A success makes the payment REFUNDED once refunds returned all
 * of it and publishes `payment.refunded` (the mailer tells the customer): per line refund, and
 * once for a full refund, when it makes the payment REFUNDED; a failed line refund
 * publishes `payment.refund_failed`, so orders frees its units. A refund already settled is left
 * alone.
 */
export async function settleRefund(
  manager: EntityManager,
  payment: Payment,
  refund: Refund,
  status: 'SUCCEEDED' | 'FAILED',
  requestId?: string,
): Promise<void> {
  if (refund.status !== 'PENDING') return;
  await manager.update(Refund, { id: refund.id }, { status });
  refund.status = status;
  if (status === 'FAILED') {
    if (refund.reason === 'LINES_REFUNDED') {
      refund.failureReason = 'Stripe could not return the money';
      await manager.update(Refund, { id: refund.id }, { failureReason: refund.failureReason });
      await announceFailure(manager, payment, refund, requestId);
    }
    return;
  }
  const [{ refunded }] = await manager.query<Array<{ refunded: number }>>(
    `SELECT coalesce(sum(amount), 0)::int AS refunded FROM refunds
      WHERE payment_id = $1 AND status = 'SUCCEEDED'`,
    [payment.id],
  );
  const wasRefunded = payment.status === 'REFUNDED';
  if (refunded >= payment.amount && !wasRefunded) {
    await manager.update(Payment, { id: payment.id }, { status: 'REFUNDED', checkoutUrl: null });
    payment.status = 'REFUNDED';
  }
  const full = refund.reason !== 'LINES_REFUNDED';
  // A full refund may be several Stripe refunds (one made by hand, ours for the rest): orders and
  // the customer hear once, of the whole payment, when the last of them makes it REFUNDED.
  if (full && (wasRefunded || payment.status !== 'REFUNDED')) return;
  await enqueueEvent(
    manager,
    'payment.refunded',
    {
      orderId: payment.orderId,
      paymentId: payment.id,
      customerId: payment.customerId,
      amount: full
        ? { amount: payment.amount, currency: payment.currency }
        : { amount: refund.amount, currency: refund.currency },
      reason: refund.reason,
      ...(refund.orderRefundId
        ? { refundId: refund.orderRefundId, providerRefundId: refund.stripeRefundId ?? undefined }
        : {}),
    },
    requestId,
  );
}

async function announceFailure(
  manager: EntityManager,
  payment: Payment,
  refund: Refund,
  requestId?: string,
): Promise<void> {
  await enqueueEvent(
    manager,
    'payment.refund_failed',
    {
      orderId: payment.orderId,
      paymentId: payment.id,
      refundId: refund.orderRefundId!,
      reason: refund.failureReason ?? 'refused',
    },
    requestId,
  );
}
