import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../../lib/events/catalogue';
import { Recipient } from './recipient.entity';

/** Keeps the recipients read model current from `user.*` events. */
export async function rememberRecipient(
  manager: EntityManager,
  event: EventEnvelope,
): Promise<void> {
  if (event.type === 'user.registered') {
    const { userId, email, displayName } = event.data as EventEnvelope<'user.registered'>['data'];
    await manager.upsert(Recipient, { userId, email, displayName }, ['userId']);
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
