import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventCatalogue } from '../../../lib/events/catalogue';
import { enqueueEvent } from '../../../lib/events/outbox';
import { Payment } from '../entities/payment.entity';
import { Refund, type RefundReason } from '../entities/refund.entity';
import {
  RefundRefusedError,
  type PaymentProvider,
  type ProviderRefundStatus,
} from '../providers/payment-provider';
import { reconcileRefund } from './refund-reconciliation';

/**
 * Refunds a paid payment in full, once: the Stripe idempotency key is derived from the payment
 * id, and a payment with a refund that did not fail gets no second one. The caller holds the
 * payment's row lock. Unlike {@link refundLines} it does not ask Stripe for the payment's refunds
 * first: a full refund cannot be made twice, since a second is more than is left of the charge
 * and Stripe refuses it. A cancellation is retried only by the consumer's redeliveries, seconds
 * apart, well inside the key's 24 hours; a late payment's webhook, which Stripe retries for up to
 * three days, at worst fails on that refusal, moving no money.
 */
export async function refundPayment(
  manager: EntityManager,
  provider: PaymentProvider,
  payment: Payment,
  reason: RefundReason,
  requestId?: string,
): Promise<void> {
  const existing = await manager.findBy(Refund, { paymentId: payment.id });
  if (existing.some((refund) => refund.status !== 'FAILED')) return;
  const result = await provider.createRefund({
    paymentIntentId: payment.paymentIntentId,
    amount: payment.amount,
    currency: payment.currency,
    orderId: payment.orderId,
    refundRequestId: null,
    // A retry after a failed refund needs a new key; the first refund's is the payment id's.
    idempotencyKey: `refund-${payment.id}${existing.length ? `-${existing.length}` : ''}`,
  });
  const refund = manager.create(Refund, {
    id: randomUUID(),
    paymentId: payment.id,
    stripeRefundId: result.id,
    orderRefundId: null,
    failureReason: null,
    amount: payment.amount,
    currency: payment.currency,
    status: 'PENDING',
    reason,
  });
  await manager.insert(Refund, refund);
  if (result.status !== 'PENDING')
    await settleRefund(manager, payment, refund, result.status, requestId);
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
      refundRequestId: request.refundId,
      idempotencyKey: `order-refund-${request.refundId}`,
    });
  } catch (error) {
    if (!(error instanceof RefundRefusedError)) throw error;
    return { reason: `Stripe refused the refund: ${error.message}` };
  }
}

/**
 * Records a refund's final status. A success publishes `payment.refunded` (the mailer tells the
 * customer) and makes the payment REFUNDED once refunds returned all of it; a failed line refund
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
  if (refunded >= payment.amount) {
    await manager.update(Payment, { id: payment.id }, { status: 'REFUNDED', checkoutUrl: null });
    payment.status = 'REFUNDED';
  }
  await enqueueEvent(
    manager,
    'payment.refunded',
    {
      orderId: payment.orderId,
      paymentId: payment.id,
      customerId: payment.customerId,
      amount: { amount: refund.amount, currency: refund.currency },
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
