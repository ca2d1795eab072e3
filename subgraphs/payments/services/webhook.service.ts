import { escapeLiteral } from 'pg';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { runEventTransaction } from '../../../lib/events/event-transaction';
import { enqueueEvent } from '../../../lib/events/outbox';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { inResumedTrace } from '../../../lib/telemetry/event-tracing';
import { isId } from '../../../lib/validation';
import { SessionMismatchError, sessionMismatch, type SessionFacts } from './checkout-session-match';
import type { PaymentsDeps } from './payments-deps';
import { refundPayment, settleOwedFullRefund, settleRefund } from './refunds';

/**
 * A signed event whose id is not of Stripe's form (`evt_` and letters, digits, underscores). It
 * changes nothing: the id would be stored as a literal sent with BEGIN, so it is refused before
 * any SQL is written; the webhook answers 400.
 */
export class MalformedEventError extends Error {
  constructor() {
    super('Stripe event refused: its id is not a Stripe event id');
    this.name = 'MalformedEventError';
  }
}

/** Stripe's event ids, and the dev checkout's (`evt_dev_…`): nothing that needs escaping. */
const STRIPE_EVENT_ID = /^evt_[A-Za-z0-9_]{1,250}$/;

/**
 * Applies verified Stripe events. Each event id is stored in the transaction of its effect, so a
 * redelivery changes nothing; every handler looks at the payment's current state, so events in
 * any order have one effect between them. A checkout session event whose session, order, amount
 * or currency is not the stored payment's throws {@link SessionMismatchError} and rolls back.
 */
export class WebhookService {
  constructor(private readonly deps: PaymentsDeps) {}

  /**
   * Returns false for an event already handled; throws `SessionMismatchError` for a mismatch and
   * `MalformedEventError` for an id not of Stripe's form. The event's claim goes with BEGIN and
   * its events with COMMIT (a {@link runEventTransaction}).
   */
  async handle(event: Stripe.Event): Promise<boolean> {
    const claim = claimSql(event);
    const handled = await inResumedTrace(`stripe ${event.type}`, traceparentOf(event), () =>
      runEventTransaction(
        this.deps.dataSource,
        async (manager, claimed) => {
          if (claimed.length === 0) return false;
          await this.apply(manager, event);
          return true;
        },
        { withBegin: claim },
      ),
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

  /**
   * Money arrived: OPEN becomes PAID; after the order gave up on it, it goes back at once. Every
   * checkout passes here, so the common case is plain SQL: the payment locked and read in one
   * statement (by session id), its status set in one.
   */
  private async paid(manager: EntityManager, session: Stripe.Checkout.Session): Promise<void> {
    const payment = await this.lockMatching(manager, session);
    if (!payment || payment.status === 'PAID' || payment.status === 'REFUNDED') return;
    payment.paymentIntentId = idOf(session.payment_intent);
    if (payment.status === 'OPEN') {
      await manager.query(
        `UPDATE payments SET status = 'PAID', checkout_url = NULL, payment_intent_id = $2,
                updated_at = now() WHERE id = $1`,
        [payment.id, payment.paymentIntentId],
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

  /**
   * A fully refunded charge settles every pending refund of its payment. Any refund of the charge
   * may also settle a full refund that failed (see {@link settleOwedFullRefund}); a PAID payment
   * refunded in full by hand, with no refund asked, is left to an operator (see
   * {@link warnOfRefundByHand}).
   */
  private async chargeRefunded(manager: EntityManager, charge: Stripe.Charge): Promise<void> {
    const payment = await this.lockByIntent(manager, idOf(charge.payment_intent));
    if (!payment) return;
    if (charge.refunded) {
      const pending = await manager.findBy(Refund, { paymentId: payment.id, status: 'PENDING' });
      for (const refund of pending) await settleRefund(manager, payment, refund, 'SUCCEEDED');
    }
    const { provider, logger } = this.deps;
    if (await settleOwedFullRefund(manager, provider, payment, logger)) return;
    if (charge.refunded && payment.status === 'PAID') {
      await this.warnOfRefundByHand(manager, payment, charge);
    }
  }

  /**
   * A refund payments recorded settles when Stripe says it succeeded or failed; one it did not
   * record may settle a full refund that failed (see {@link settleOwedFullRefund}).
   */
  private async refundChanged(manager: EntityManager, stripeRefund: Stripe.Refund): Promise<void> {
    const refund = await manager.findOneBy(Refund, { stripeRefundId: stripeRefund.id });
    if (!refund) {
      const payment = await this.lockByIntent(manager, idOf(stripeRefund.payment_intent));
      if (payment) {
        await settleOwedFullRefund(manager, this.deps.provider, payment, this.deps.logger);
      }
      return;
    }
    const status =
      stripeRefund.status === 'succeeded'
        ? 'SUCCEEDED'
        : stripeRefund.status === 'failed' || stripeRefund.status === 'canceled'
          ? 'FAILED'
          : null;
    if (!status) return;
    const payment = await manager.findOne(Payment, {
      where: { id: refund.paymentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (payment) await settleRefund(manager, payment, refund, status);
  }

  /**
   * Stripe refunded the whole charge of a PAID payment and no refund was asked: someone refunded
   * it in the dashboard. Orders has no flow for an order refunded behind its back (no
   * `payment.refunded` reason says so), so an operator is told. Nothing is recorded: the money
   * stays Stripe's fact until the order is cancelled, when the full refund adopts these refunds
   * and settles the payment (recording them now would make that refund a no-op that never
   * publishes `payment.refunded`).
   */
  private async warnOfRefundByHand(
    manager: EntityManager,
    payment: Payment,
    charge: Stripe.Charge,
  ): Promise<void> {
    const refunds = await manager.countBy(Refund, { paymentId: payment.id });
    if (refunds > 0) return;
    this.deps.logger.warn(
      { orderId: payment.orderId, paymentId: payment.id, chargeId: charge.id },
      'charge refunded in full outside payments: an operator must cancel the order',
    );
  }

  private lockByIntent(manager: EntityManager, intent: string | null): Promise<Payment | null> {
    if (!intent) return Promise.resolve(null);
    return manager.findOne(Payment, {
      where: { paymentIntentId: intent },
      lock: { mode: 'pessimistic_write' },
    });
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
    // Only real strings are looked up: the metadata is whatever the session was given.
    const orderId = session.metadata?.orderId;
    const payment =
      (typeof session.id === 'string'
        ? await lockPaymentWhere(manager, 'checkout_session_id', session.id)
        : null) ??
      (typeof orderId === 'string' && isId(orderId)
        ? await lockPaymentWhere(manager, 'order_id', orderId)
        : null);
    if (!payment) return null;
    const reason = sessionMismatch(session, payment);
    if (reason) throw new SessionMismatchError(reason);
    return payment;
  }
}

/**
 * The payment whose `column` is `value`, locked (`FOR NO KEY UPDATE`: refunds may still reference
 * it meanwhile) and read in one statement, as an entity; null when there is none.
 */
async function lockPaymentWhere(
  manager: EntityManager,
  column: 'checkout_session_id' | 'order_id',
  value: string,
): Promise<Payment | null> {
  const rows: Payment[] = await manager.query(
    `SELECT id, order_id AS "orderId", customer_id AS "customerId", status, amount, currency,
            checkout_session_id AS "checkoutSessionId", checkout_url AS "checkoutUrl",
            checkout_token_hash AS "checkoutTokenHash", payment_intent_id AS "paymentIntentId",
            created_at AS "createdAt", updated_at AS "updatedAt"
       FROM payments WHERE ${column} = $1 FOR NO KEY UPDATE`,
    [value],
  );
  return rows.length ? Object.assign(new Payment(), rows[0]) : null;
}

/**
 * The event's claim, sent with BEGIN, so as literals: the id must be of Stripe's form (checked
 * here, and escaped all the same), the type is escaped.
 */
function claimSql(event: Stripe.Event): string {
  if (typeof event.id !== 'string' || !STRIPE_EVENT_ID.test(event.id)) {
    throw new MalformedEventError();
  }
  return `INSERT INTO stripe_events (id, type) VALUES (${escapeLiteral(event.id)}, ${escapeLiteral(String(event.type))})
            ON CONFLICT DO NOTHING RETURNING id`;
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
