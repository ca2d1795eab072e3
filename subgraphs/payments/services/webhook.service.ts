import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '../../../lib/events/outbox';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { inResumedTrace } from '../../../lib/telemetry/event-tracing';
import { isId } from '../../../lib/validation';
import { SessionMismatchError, sessionMismatch, type SessionFacts } from './checkout-session-match';
import type { PaymentsDeps } from './payments-deps';
import { refundPayment, settleRefund } from './refunds';

/**
 * Applies verified Stripe events. Each event id is stored in the transaction of its effect, so a
 * redelivery changes nothing; every handler looks at the payment's current state, so events in
 * any order have one effect between them. A checkout session event whose session, order, amount
 * or currency is not the stored payment's throws {@link SessionMismatchError} and rolls back.
 */
export class WebhookService {
  constructor(private readonly deps: PaymentsDeps) {}

  /** Returns false for an event already handled; throws `SessionMismatchError` for a mismatch. */
  async handle(event: Stripe.Event): Promise<boolean> {
    const handled = await inResumedTrace(`stripe ${event.type}`, traceparentOf(event), () =>
      this.deps.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO stripe_events (id, type) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING id`,
          [event.id, event.type],
        );
        if (inserted.length === 0) return false;
        await this.apply(manager, event);
        return true;
      }),
    );
    if (handled) this.deps.publisher.kick();
    return handled;
  }

  private async apply(manager: EntityManager, event: Stripe.Event): Promise<void> {
    switch (event.type) {
      case 'checkout.session.completed':
        if (event.data.object.payment_status === 'paid')
          return this.paid(manager, event.data.object);
        // Unpaid (a delayed method): no effect until async_payment_succeeded or _failed, yet a
        // session that does not match its payment is refused like any other.
        await this.lockMatching(manager, event.data.object);
        return;
      case 'checkout.session.async_payment_succeeded':
        return this.paid(manager, event.data.object);
      case 'checkout.session.async_payment_failed':
        return this.failed(manager, event.data.object);
      case 'checkout.session.expired':
        return this.expired(manager, event.data.object);
      case 'charge.refunded':
        return this.chargeRefunded(manager, event.data.object);
      case 'refund.created':
      case 'refund.updated':
        return this.refundChanged(manager, event.data.object);
      default:
        this.deps.logger.debug({ type: event.type }, 'Stripe event ignored');
    }
  }

  /** Money arrived: OPEN becomes PAID; after the order gave up on it, it goes back at once. */
  private async paid(manager: EntityManager, session: Stripe.Checkout.Session): Promise<void> {
    const payment = await this.lockMatching(manager, session);
    if (!payment || payment.status === 'PAID' || payment.status === 'REFUNDED') return;
    payment.paymentIntentId = idOf(session.payment_intent);
    if (payment.status === 'OPEN') {
      await manager.update(
        Payment,
        { id: payment.id },
        { status: 'PAID', checkoutUrl: null, paymentIntentId: payment.paymentIntentId },
      );
      await enqueueEvent(manager, 'payment.succeeded', {
        orderId: payment.orderId,
        paymentId: payment.id,
      });
      return;
    }
    await manager.update(Payment, { id: payment.id }, { paymentIntentId: payment.paymentIntentId });
    this.deps.logger.warn({ orderId: payment.orderId }, 'payment after expiry; refunding');
    await refundPayment(manager, this.deps.provider, payment, 'LATE_PAYMENT', this.deps.logger);
  }

  private async failed(manager: EntityManager, session: Stripe.Checkout.Session): Promise<void> {
    const payment = await this.lockMatching(manager, session);
    if (payment?.status !== 'OPEN') return;
    await manager.update(Payment, { id: payment.id }, { status: 'FAILED', checkoutUrl: null });
    await enqueueEvent(manager, 'payment.failed', {
      orderId: payment.orderId,
      paymentId: payment.id,
      reason: 'The payment was declined',
    });
  }

  private async expired(manager: EntityManager, session: Stripe.Checkout.Session): Promise<void> {
    const payment = await this.lockMatching(manager, session);
    if (payment?.status !== 'OPEN') return;
    await manager.update(Payment, { id: payment.id }, { status: 'EXPIRED', checkoutUrl: null });
    await enqueueEvent(manager, 'payment.expired', {
      orderId: payment.orderId,
      paymentId: payment.id,
    });
  }

  /** A fully refunded charge settles every pending refund of its payment. */
  private async chargeRefunded(manager: EntityManager, charge: Stripe.Charge): Promise<void> {
    const intent = idOf(charge.payment_intent);
    if (!intent || !charge.refunded) return;
    const payment = await manager.findOne(Payment, {
      where: { paymentIntentId: intent },
      lock: { mode: 'pessimistic_write' },
    });
    if (!payment) return;
    const pending = await manager.findBy(Refund, { paymentId: payment.id, status: 'PENDING' });
    for (const refund of pending) await settleRefund(manager, payment, refund, 'SUCCEEDED');
  }

  private async refundChanged(manager: EntityManager, stripeRefund: Stripe.Refund): Promise<void> {
    const status =
      stripeRefund.status === 'succeeded'
        ? 'SUCCEEDED'
        : stripeRefund.status === 'failed' || stripeRefund.status === 'canceled'
          ? 'FAILED'
          : null;
    if (!status) return;
    const refund = await manager.findOneBy(Refund, { stripeRefundId: stripeRefund.id });
    if (!refund) return;
    const payment = await manager.findOne(Payment, {
      where: { id: refund.paymentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (payment) await settleRefund(manager, payment, refund, status);
  }

  /**
   * The payment a checkout session event is about, locked: found by session id, else by the order
   * id in its metadata (so a foreign session for a known order is refused, not ignored). Null for
   * a session and order payments never opened (ignored); a payment that the event names but does
   * not match throws.
   */
  private async lockMatching(
    manager: EntityManager,
    session: SessionFacts,
  ): Promise<Payment | null> {
    const lock = { mode: 'pessimistic_write' } as const;
    // An undefined value in `where` matches every row in TypeORM: look up only real strings.
    const orderId = session.metadata?.orderId;
    const payment =
      (typeof session.id === 'string'
        ? await manager.findOne(Payment, { where: { checkoutSessionId: session.id }, lock })
        : null) ??
      (typeof orderId === 'string' && isId(orderId)
        ? await manager.findOne(Payment, { where: { orderId }, lock })
        : null);
    if (!payment) return null;
    const reason = sessionMismatch(session, payment);
    if (reason) throw new SessionMismatchError(reason);
    return payment;
  }
}

function idOf(value: string | { id: string } | null): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** The trace context the checkout session was opened in, returned by Stripe in its metadata. */
function traceparentOf(event: Stripe.Event): string | undefined {
  if (!event.type.startsWith('checkout.session.')) return undefined;
  const traceparent = (event.data.object as Stripe.Checkout.Session).metadata?.traceparent;
  return typeof traceparent === 'string' ? traceparent : undefined;
}
