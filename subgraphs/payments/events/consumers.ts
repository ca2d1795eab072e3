import type { RunningConsumer, StartConsumer } from '../../../lib/events/consumer';
import type { PaymentService } from '../services/payment.service';

/** The durable consumer name of every payments subscription (`payments_<event>`). */
export const CONSUMER = 'payments';

/** The order statuses that open or close a Checkout session. */
const CHECKOUT_CHANGES: ReadonlySet<string> = new Set(['AWAITING_PAYMENT', 'EXPIRED', 'CANCELLED']);

/**
 * The saga events payments reacts to. Stripe calls happen inside the inbox transaction with
 * idempotency keys derived from our ids, so a redelivery after a crash reuses Stripe's object.
 */
export function startPaymentsConsumers(
  consume: StartConsumer,
  payments: PaymentService,
): Promise<RunningConsumer[]> {
  return Promise.all([
    // Opened on the order's AWAITING_PAYMENT (not on stock.reserved): the event carries the
    // order's lines, prices and customer, which payments has no other source for.
    // Other changes (PENDING, PAID, ...) are acked without a transaction.
    consume(
      'order.status_changed',
      async (event, manager) => {
        const { to, orderId } = event.data;
        if (to === 'AWAITING_PAYMENT') await payments.openCheckout(manager, event.data);
        // Closed when orders gives up on the order, not when inventory's reservation lapses: a
        // payment captured before orders hears of the lapse is still accepted (see conservation.ts).
        if (to === 'EXPIRED' || to === 'CANCELLED') await payments.closeCheckout(manager, orderId);
      },
      (event) => CHECKOUT_CHANGES.has(event.data.to),
    ),
    consume('order.cancelled', (event, manager) =>
      payments.cancelOrder(manager, event.data.orderId, event.requestId),
    ),
    consume('order.refund_requested', (event, manager) =>
      payments.refundOrderLines(manager, event.data, event.requestId),
    ),
  ]);
}
