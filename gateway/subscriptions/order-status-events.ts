import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '../../lib/events/catalogue';
import type { Subjects } from '../../lib/events/subjects';
import type { Logger } from '../../lib/logger';

export type OrderStatusChanged = EventEnvelope<'order.status_changed'>;

type Listener = (event: OrderStatusChanged) => void;

/**
 * The gateway's one NATS subscription to `order.status_changed`, fanned out in process by order
 * id: each event is parsed once and reaches only the listeners of its order, however many
 * subscribers there are. A plain (non-durable) subscription: every gateway replica receives
 * every change, so any replica can serve any subscriber.
 */
export class OrderStatusEvents {
  private readonly listeners = new Map<string, Set<Listener>>();

  private constructor(
    private readonly subscription: Subscription,
    logger: Logger,
  ) {
    void this.dispatch(logger);
  }

  /**
   * Subscribes, and resolves once the NATS server has registered the subscription: a listener
   * added afterwards receives every change published after it was added, so a caller that reads
   * an order's current state only after {@link listen} misses no change in between.
   */
  static async start(
    nc: NatsConnection,
    subjects: Subjects,
    logger: Logger,
  ): Promise<OrderStatusEvents> {
    const events = new OrderStatusEvents(
      nc.subscribe(subjects.event('order.status_changed')),
      logger,
    );
    await nc.flush();
    return events;
  }

  /** Calls `listener` with each change of `orderId` from now on; the returned function stops it. */
  listen(orderId: string, listener: Listener): () => void {
    let listeners = this.listeners.get(orderId);
    if (!listeners) this.listeners.set(orderId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(orderId) === listeners) {
        this.listeners.delete(orderId);
      }
    };
  }

  /** Orders with at least one listener. */
  get followedOrders(): number {
    return this.listeners.size;
  }

  stop(): void {
    this.subscription.unsubscribe();
  }

  private async dispatch(logger: Logger): Promise<void> {
    for await (const message of this.subscription) {
      try {
        const event = message.json<OrderStatusChanged>();
        for (const listener of this.listeners.get(event.data.orderId) ?? []) listener(event);
      } catch (error) {
        logger.error({ err: error, subject: message.subject }, 'unreadable order status event');
      }
    }
  }
}
