import type { EntityManager } from 'typeorm';
import type { EventCatalogue, EventEnvelope, EventType } from '../../lib/events/catalogue';
import type { MailSender } from './mail-sender';
import { customerOfOrder, recipientOf, rememberRecipient } from './recipients';
import { SentEmail } from './sent-email.entity';
import {
  accountReadyEmail,
  passwordResetEmail,
  verificationEmail,
  welcomeEmail,
} from './templates/account-emails';
import type { RenderedEmail } from './templates/layout';
import {
  customerOrderEmail,
  latePaymentRefundEmail,
  vendorNewOrderEmail,
} from './templates/order-emails';
import { lowStockEmail } from './templates/stock-emails';

/** One email to send for an event. */
export interface Outgoing {
  to: string;
  email: RenderedEmail;
}

interface ComposeContext {
  manager: EntityManager;
  publicUrl: string;
}

type Composer<T extends EventType> = (
  data: EventCatalogue[T],
  context: ComposeContext,
) => Promise<Outgoing[]> | Outgoing[];

/** Which events become which emails. */
const composers: { [T in EventType]?: Composer<T> } = {
  'user.registered': (data, { publicUrl }) => [
    {
      to: data.email,
      email: data.verificationToken
        ? welcomeEmail(data.displayName, data.verificationToken, publicUrl)
        : accountReadyEmail(data.displayName, publicUrl),
    },
  ],
  'user.verification_requested': (data, { publicUrl }) => [
    {
      to: data.email,
      email: verificationEmail(data.displayName, data.verificationToken, publicUrl),
    },
  ],
  'user.password_reset_requested': (data, { publicUrl }) => [
    { to: data.email, email: passwordResetEmail(data.displayName, data.resetToken, publicUrl) },
  ],
  'order.status_changed': async (data, { manager, publicUrl }) => {
    const customer = await recipientOf(manager, data.customerId);
    const customerEmail = customerOrderEmail(customer.displayName, data, publicUrl);
    const outgoing: Outgoing[] = customerEmail
      ? [{ to: customer.email, email: customerEmail }]
      : [];
    if (data.to === 'PAID') {
      for (const vendorId of data.vendorIds) {
        const vendor = await recipientOf(manager, vendorId);
        outgoing.push({
          to: vendor.email,
          email: vendorNewOrderEmail(vendor.displayName, vendorId, data, publicUrl),
        });
      }
    }
    return outgoing;
  },
  'payment.refunded': async (data, { manager, publicUrl }) => {
    // Refunds of cancelled orders are told by the REFUNDED status email.
    if (data.reason !== 'LATE_PAYMENT') return [];
    const customer = await recipientOf(manager, await customerOfOrder(manager, data.orderId));
    return [
      { to: customer.email, email: latePaymentRefundEmail(customer.displayName, data, publicUrl) },
    ];
  },
  'stock.low': async (data, { manager, publicUrl }) => {
    const vendor = await recipientOf(manager, data.vendorId);
    return [{ to: vendor.email, email: lowStockEmail(vendor.displayName, data, publicUrl) }];
  },
};

/** Events the mailer listens to: those it mails, plus those that keep its recipients current. */
export const mailerEventTypes: EventType[] = [
  ...(Object.keys(composers) as EventType[]),
  'user.profile_updated',
];

/**
 * Handles one event inside the consumer's inbox transaction: updates the recipients read model,
 * sends the emails and records them in the sent-log. An SMTP failure throws, the transaction
 * rolls back and the event is retried later.
 */
export async function handleMailerEvent<T extends EventType>(
  event: EventEnvelope<T>,
  manager: EntityManager,
  sender: MailSender,
  publicUrl: string,
): Promise<void> {
  await rememberRecipient(manager, event);
  const compose = composers[event.type] as Composer<T> | undefined;
  if (!compose) return;
  for (const { to, email } of await compose(event.data, { manager, publicUrl })) {
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
