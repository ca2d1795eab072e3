import type { DataSource } from 'typeorm';
import type { EventType } from '../../../lib/events/catalogue';
import {
  startConsumer,
  type EventHandler,
  type RunningConsumer,
} from '../../../lib/events/consumer';
import type { EventBus } from '../../../lib/events/event-bus';
import type { Publisher } from '../../../lib/events/outbox';
import type { Logger } from '../../../lib/logger';
import type { PaymentService } from '../services/payment.service';

/** The durable consumer name of every payments subscription (`payments_<event>`). */
export const CONSUMER = 'payments';

export interface ConsumerDeps {
  bus: EventBus;
  dataSource: DataSource;
  logger: Logger;
  publisher: Publisher;
  payments: PaymentService;
}

/**
 * The saga events payments reacts to. Stripe calls happen inside the inbox transaction with
 * idempotency keys derived from our ids, so a redelivery after a crash reuses Stripe's object.
 */
export function startPaymentsConsumers(deps: ConsumerDeps): Promise<RunningConsumer[]> {
  const { bus, dataSource, logger, publisher, payments } = deps;
  const consume = <T extends EventType>(type: T, handle: EventHandler<T>) =>
    startConsumer({ bus, dataSource, logger, publisher, name: CONSUMER, type, handle });
  return Promise.all([
    // Opened on the order's AWAITING_PAYMENT (not on stock.reserved): the event carries the
    // order's lines, prices and customer, which payments has no other source for.
    consume('order.status_changed', async (event, manager) => {
      const { to, orderId } = event.data;
      if (to === 'AWAITING_PAYMENT') await payments.openCheckout(manager, event.data);
      if (to === 'EXPIRED' || to === 'CANCELLED') await payments.closeCheckout(manager, orderId);
    }),
    consume('stock.reservation_expired', (event, manager) =>
      payments.closeCheckout(manager, event.data.orderId),
    ),
    consume('order.cancelled', (event, manager) =>
      payments.cancelOrder(manager, event.data.orderId, event.requestId),
    ),
  ]);
}
