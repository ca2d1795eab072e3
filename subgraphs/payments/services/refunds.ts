import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '../../../lib/events/outbox';
import { Payment } from '../entities/payment.entity';
import { Refund, type RefundReason } from '../entities/refund.entity';
import type { PaymentProvider } from '../providers/payment-provider';

/**
 * Refunds a paid payment in full, once: the Stripe idempotency key is derived from the payment
 * id, and a payment with a refund that did not fail gets no second one. The caller holds the
 * payment's row lock.
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
    orderId: payment.orderId,
    // A retry after a failed refund needs a new key; the first refund's is the payment id's.
    idempotencyKey: `refund-${payment.id}${existing.length ? `-${existing.length}` : ''}`,
  });
  const refund = manager.create(Refund, {
    id: randomUUID(),
    paymentId: payment.id,
    stripeRefundId: result.id,
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
 * Records a refund's final status; a success makes the payment REFUNDED and publishes
 * `payment.refunded` (the mailer tells the customer). A refund already settled is left alone.
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
  if (status === 'FAILED') return;
  await manager.update(Payment, { id: payment.id }, { status: 'REFUNDED', checkoutUrl: null });
  payment.status = 'REFUNDED';
  await enqueueEvent(
    manager,
    'payment.refunded',
    {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: { amount: refund.amount, currency: refund.currency },
      reason: refund.reason,
    },
    requestId,
  );
}
