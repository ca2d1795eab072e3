import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventCatalogue } from '../../../lib/events/catalogue';
import { Payment } from '../entities/payment.entity';
import type { PaymentsDeps } from './payments-deps';
import { refundLines, refundPayment } from './refunds';

/** Stripe refuses sessions that end sooner than 30 minutes after creation; a minute of margin. */
const MIN_SESSION_MS = 31 * 60_000;

/**
 * Opens, closes and refunds payments as the order's saga moves, inside the transaction of the
 * event that asked for it (reads: payment-queries.service.ts).
 */
export class PaymentService {
  constructor(private readonly deps: PaymentsDeps) {}

  /**
   * Opens the checkout session of an order that reached AWAITING_PAYMENT. The session's
   * idempotency key is the order id, so a retry after a crash reuses the same session.
   */
  async openCheckout(
    manager: EntityManager,
    order: EventCatalogue['order.status_changed'],
  ): Promise<void> {
    // Plain SQL here and below: one of these per order, and TypeORM's query building cost more
    // than the statements.
    const existing: unknown[] = await manager.query('SELECT 1 FROM payments WHERE order_id = $1', [
      order.orderId,
    ]);
    if (existing.length) return;
    const reservationEnds = order.expiresAt ? new Date(order.expiresAt).getTime() : 0;
    const session = await this.deps.provider.createCheckoutSession({
      orderId: order.orderId,
      currency: order.total.currency,
      lines: order.lines.map((line) => ({
        name: line.productName,
        unitAmount: line.unitPrice.amount,
        quantity: line.quantity,
      })),
      expiresAt: new Date(Math.max(reservationEnds, Date.now() + MIN_SESSION_MS)),
      successUrl: `${this.deps.config.publicUrl}/checkout/success?order=${order.orderId}`,
      cancelUrl: `${this.deps.config.publicUrl}/checkout/cancel?order=${order.orderId}`,
      idempotencyKey: `checkout-session-${order.orderId}`,
    });
    await manager.query(
      `INSERT INTO payments (id, order_id, customer_id, status, amount, currency,
                             checkout_session_id, checkout_url, checkout_token_hash)
       VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8)`,
      [
        randomUUID(),
        order.orderId,
        order.customerId,
        order.total.amount,
        order.total.currency,
        session.id,
        session.url,
        session.tokenHash ?? null,
      ],
    );
  }

  /**
   * The order can no longer be paid (reservation expired, order expired or cancelled): an OPEN
   * session is expired through the provider. A payment that still arrives is refunded as late.
   */
  async closeCheckout(manager: EntityManager, orderId: string): Promise<void> {
    const payment = await this.lockByOrder(manager, orderId);
    if (payment?.status !== 'OPEN') return;
    await this.deps.provider.expireCheckoutSession(payment.checkoutSessionId);
    await manager.update(Payment, { id: payment.id }, { status: 'EXPIRED', checkoutUrl: null });
  }

  /** `order.cancelled`: a paid order is refunded, an open checkout closed. */
  async cancelOrder(manager: EntityManager, orderId: string, requestId?: string): Promise<void> {
    const payment = await this.lockByOrder(manager, orderId);
    if (payment?.status === 'OPEN') return this.closeCheckout(manager, orderId);
    if (payment?.status === 'PAID') {
      await refundPayment(
        manager,
        this.deps.provider,
        payment,
        'ORDER_CANCELLED',
        this.deps.logger,
        requestId,
      );
    }
  }

  /** `order.refund_requested`: one partial refund at Stripe (see {@link refundLines}). */
  async refundOrderLines(
    manager: EntityManager,
    request: EventCatalogue['order.refund_requested'],
    requestId?: string,
  ): Promise<void> {
    const payment = await this.lockByOrder(manager, request.orderId);
    await refundLines(manager, this.deps.provider, payment, request, requestId);
  }

  private lockByOrder(manager: EntityManager, orderId: string): Promise<Payment | null> {
    return manager.findOne(Payment, { where: { orderId }, lock: { mode: 'pessimistic_write' } });
  }
}
