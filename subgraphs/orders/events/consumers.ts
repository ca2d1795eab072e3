import type { RunningConsumer, StartConsumer } from '../../../lib/events/consumer';
import { consumeProductSnapshots } from '../../../lib/events/product-read-model';
import type { Logger } from '../../../lib/logger';
import type { OrdersServices } from '../services/orders-services';
import { applyProductSnapshot } from '../services/product-read-model';

/** The durable consumer name of every orders subscription (`orders_<event>`). */
export const CONSUMER = 'orders';

/**
 * One durable consumer per event orders reacts to. Each handler runs in the transaction that
 * records the event in the inbox; the state machine ignores events an order has moved past.
 */
export function startOrdersConsumers(
  consume: StartConsumer,
  services: OrdersServices,
  logger: Logger,
): Promise<RunningConsumer[]> {
  const on = services.commands.eventHandlers(logger);
  const refunds = services.refunds.eventHandlers(logger);
  return Promise.all([
    ...consumeProductSnapshots(consume, applyProductSnapshot),
    consume('stock.reserved', (event, manager) =>
      on.stockReserved(manager, event.data, event.requestId),
    ),
    consume('stock.rejected', (event, manager) =>
      on.stockRejected(manager, event.data, event.requestId),
    ),
    consume('stock.reservation_expired', (event, manager) =>
      on.reservationExpired(manager, event.data.orderId, event.requestId),
    ),
    consume('payment.succeeded', (event, manager) =>
      on.paymentSucceeded(manager, event.data.orderId, event.requestId),
    ),
    consume('payment.failed', (event, manager) =>
      on.paymentFailed(manager, event.data, event.requestId),
    ),
    consume('payment.expired', (event, manager) =>
      on.paymentExpired(manager, event.data.orderId, event.requestId),
    ),
    consume('payment.refunded', (event, manager) =>
      event.data.reason === 'LINES_REFUNDED'
        ? refunds.refunded(manager, event.data, event.requestId)
        : on.paymentRefunded(manager, event.data, event.requestId),
    ),
    consume('payment.refund_failed', (event, manager) => refunds.failed(manager, event.data)),
  ]);
}
