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
import type { InventoryServices } from '../services/inventory-services';
import { applyProductSnapshot } from '../services/product-read-model';

/** The durable consumer name of every inventory subscription (`inventory_<event>`). */
const CONSUMER = 'inventory';

export interface ConsumerDeps {
  bus: EventBus;
  dataSource: DataSource;
  logger: Logger;
  publisher: Publisher;
  services: InventoryServices;
}

/**
 * One durable consumer per event inventory reacts to. Each handler runs in the transaction that
 * records the event in the inbox, so a redelivered event has no second effect; the reservation
 * handlers also check the reservation's state, so a second event about the same order has none.
 */
export function startInventoryConsumers(deps: ConsumerDeps): Promise<RunningConsumer[]> {
  const { bus, dataSource, logger, publisher, services } = deps;
  const consume = <T extends EventType>(type: T, handle: EventHandler<T>) =>
    startConsumer({ bus, dataSource, logger, publisher, name: CONSUMER, type, handle });
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
    consume('order.placed', (event, manager) =>
      services.reservations.reserve(manager, event.data, event.requestId),
    ),
    consume('order.cancelled', (event, manager) =>
      services.reservations.release(manager, event.data.orderId, event.requestId),
    ),
    consume('payment.succeeded', (event, manager) =>
      services.reservations.sell(manager, event.data.orderId, event.requestId),
    ),
  ]);
}
