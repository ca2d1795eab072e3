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
import type { OrdersServices } from '../services/orders-services';
import { applyProductSnapshot } from '../services/product-read-model';

/** The durable consumer name of every orders subscription (`orders_<event>`). */
export const CONSUMER = 'orders';

export interface ConsumerDeps {
  bus: EventBus;
  dataSource: DataSource;
  logger: Logger;
  publisher: Publisher;
  services: OrdersServices;
}

/**
 * One durable consumer per event orders reacts to. Each handler runs in the transaction that
 * records the event in the inbox; the state machine ignores events an order has moved past.
 */
export function startOrdersConsumers(deps: ConsumerDeps): Promise<RunningConsumer[]> {
  const { bus, dataSource, logger, publisher, services } = deps;
  const consume = <T extends EventType>(type: T, handle: EventHandler<T>) =>
    startConsumer({ bus, dataSource, logger, publisher, name: CONSUMER, type, handle });
  const on = services.commands.eventHandlers(logger);
  return Promise.all([
    consume('product.created', (event, manager) =>
      applyProductSnapshot(manager, event.data, event.occurredAt),
    ),
    consume('product.updated', (event, manager) =>
      applyProductSnapshot(manager, event.data, event.occurredAt),
    ),
    consume('product.archived', (event, manager) =>
      applyProductSnapshot(manager, event.data, event.occurredAt),
    ),
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
      on.paymentRefunded(manager, event.data, event.requestId),
    ),
  ]);
}
