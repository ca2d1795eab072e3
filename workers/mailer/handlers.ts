import type { EntityManager } from 'typeorm';
import type { EventCatalogue, EventEnvelope, EventType } from '../../lib/events/catalogue';
import type { MailSender } from './mail-sender';
import { SentEmail } from './sent-email.entity';
import { passwordResetEmail, verificationEmail, welcomeEmail } from './templates/account-emails';
import type { RenderedEmail } from './templates/layout';

/** One email to send for an event. */
export interface Outgoing {
  to: string;
  email: RenderedEmail;
}

type Composer<T extends EventType> = (data: EventCatalogue[T], publicUrl: string) => Outgoing[];

/** Which events become which emails. Every event type listed here gets a durable consumer. */
export const composers: { [T in EventType]?: Composer<T> } = {
  'user.registered': (data, publicUrl) => [
    { to: data.email, email: welcomeEmail(data.displayName, data.verificationToken, publicUrl) },
  ],
  'user.verification_requested': (data, publicUrl) => [
    {
      to: data.email,
      email: verificationEmail(data.displayName, data.verificationToken, publicUrl),
    },
  ],
  'user.password_reset_requested': (data, publicUrl) => [
    { to: data.email, email: passwordResetEmail(data.displayName, data.resetToken, publicUrl) },
  ],
};

export const mailedEventTypes = Object.keys(composers) as EventType[];

/**
 * Sends the emails for one event and records them in the sent-log, inside the consumer's inbox
 * transaction. An SMTP failure throws, the transaction rolls back and the event is retried later.
 */
export async function sendEmailsFor<T extends EventType>(
  event: EventEnvelope<T>,
  manager: EntityManager,
  sender: MailSender,
  publicUrl: string,
): Promise<void> {
  const compose = composers[event.type] as Composer<T> | undefined;
  if (!compose) return;
  for (const { to, email } of compose(event.data, publicUrl)) {
    const messageId = await sender.send(to, email);
    await manager.insert(SentEmail, {
      eventId: event.id,
      eventType: event.type,
      recipient: to,
      subject: email.subject,
      messageId,
    });
  }
}
