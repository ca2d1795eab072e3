import type { RunningConsumer, StartConsumer } from '../../../lib/events/consumer';
import { consumeProductSnapshots } from '../../../lib/events/product-read-model';
import type { InventoryServices } from '../services/inventory-services';
import { applyProductSnapshot } from '../services/product-read-model';
import { restockRefund } from '../services/refund-restock';

/** The durable consumer name of every inventory subscription (`inventory_<event>`). */
export const CONSUMER = 'inventory';

/**
 * One durable consumer per event inventory reacts to. Each handler runs in the transaction that
 * records the event in the inbox, so a redelivered event has no second effect; the reservation
 * handlers also check the reservation's state, so a second event about the same order has none.
 * Orders owns the reservation's fate once it is made: sold on PAID, given back on `order.cancelled`.
 */
export function startInventoryConsumers(
  consume: StartConsumer,
  services: InventoryServices,
): Promise<RunningConsumer[]> {
  return Promise.all([
    ...consumeProductSnapshots(consume, applyProductSnapshot),
    consume('order.placed', (event, manager) =>
      services.reservations.reserve(manager, event.data, event.requestId),
    ),
    consume('order.cancelled', (event, manager) =>
      services.reservations.release(manager, event.data.orderId, event.requestId),
    ),
    // A line refund settled; only its units come back, and only when the refunder said so.
    consume('order.refunded', async (event, manager) => {
      if (event.data.restock) await restockRefund(manager, event.data, event.requestId);
    }),
    // Sold only when orders accepted the payment, never on `payment.succeeded`: a payment can
    // reach inventory before a cancellation that orders applied first (they travel on different
    // streams), and orders alone knows which came first. Other changes are acked untouched.
    consume(
      'order.status_changed',
      (event, manager) => services.reservations.sell(manager, event.data.orderId, event.requestId),
      (event) => event.data.to === 'PAID',
    ),
  ]);
}
