import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '../../lib/events/catalogue';
import type { Subjects } from '../../lib/events/subjects';

export type OrderStatusChanged = EventEnvelope<'order.status_changed'>;

/** The status changes of one order, from the moment {@link followOrderStatus} returned. */
export interface OrderStatusFeed {
  events: AsyncGenerator<OrderStatusChanged>;
  /** Stops listening; `events` then ends. */
  close(): void;
}

/**
 * Starts listening to the status changes of one order, and resolves once the NATS server has
 * registered the subscription: anything published after that is in `events`, so a caller that
 * reads the order's current state only afterwards misses no change in between. A plain
 * (non-durable) subscription: every gateway replica receives every change, so any replica can
 * serve any subscriber.
 */
export async function followOrderStatus(
  nc: NatsConnection,
  subjects: Subjects,
  orderId: string,
): Promise<OrderStatusFeed> {
  const subscription = nc.subscribe(subjects.event('order.status_changed'));
  await nc.flush();
  async function* events(): AsyncGenerator<OrderStatusChanged> {
    try {
      for await (const message of subscription) {
        const event = message.json<OrderStatusChanged>();
        if (event.data.orderId === orderId) yield event;
      }
    } finally {
      subscription.unsubscribe();
    }
  }
  return { events: events(), close: () => subscription.unsubscribe() };
}
