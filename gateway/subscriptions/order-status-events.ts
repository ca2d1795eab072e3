import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '../../lib/events/catalogue';
import type { Subjects } from '../../lib/events/subjects';

export type OrderStatusChanged = EventEnvelope<'order.status_changed'>;

/**
 * The status changes of one order, as they are published. A plain (non-durable) NATS
 * subscription: every gateway replica receives every change, so any replica can serve any
 * subscriber. Ends, and unsubscribes, when the consumer stops iterating.
 */
export async function* orderStatusEvents(
  nc: NatsConnection,
  subjects: Subjects,
  orderId: string,
): AsyncGenerator<OrderStatusChanged> {
  const subscription = nc.subscribe(subjects.event('order.status_changed'));
  try {
    for await (const message of subscription) {
      const event = message.json<OrderStatusChanged>();
      if (event.data.orderId === orderId) yield event;
    }
  } finally {
    subscription.unsubscribe();
  }
}
