import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../../lib/events/catalogue';
import { OrderCustomer, Recipient } from './recipient.entity';

/** Keeps the read model current: recipients from `user.*`, each order's customer from `order.*`. */
export async function rememberRecipient(
  manager: EntityManager,
  event: EventEnvelope,
): Promise<void> {
  if (event.type === 'user.registered') {
    const { userId, email, displayName } = event.data as EventEnvelope<'user.registered'>['data'];
    await manager.upsert(Recipient, { userId, email, displayName }, ['userId']);
  } else if (event.type === 'order.status_changed') {
    const { orderId, customerId } = event.data as EventEnvelope<'order.status_changed'>['data'];
    await manager.upsert(OrderCustomer, { orderId, customerId }, ['orderId']);
  } else if (event.type === 'user.profile_updated') {
    const { userId, displayName } = event.data as EventEnvelope<'user.profile_updated'>['data'];
    await manager.update(Recipient, { userId }, { displayName });
  }
}

/**
 * The recipient for a user id. Missing means the mailer has not yet seen that user's
 * registration; throwing makes the event retry until it has.
 */
export async function recipientOf(manager: EntityManager, userId: string): Promise<Recipient> {
  const recipient = await manager.findOneBy(Recipient, { userId });
  if (!recipient) throw new Error(`no recipient known for user ${userId} yet`);
  return recipient;
}

/** The customer of an order; missing means the mailer has not seen the order yet (retry). */
export async function customerOfOrder(manager: EntityManager, orderId: string): Promise<string> {
  const order = await manager.findOneBy(OrderCustomer, { orderId });
  if (!order) throw new Error(`no customer known for order ${orderId} yet`);
  return order.customerId;
}
