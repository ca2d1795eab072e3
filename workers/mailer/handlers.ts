import type { EntityManager } from 'typeorm';
import type { EventCatalogue, EventEnvelope, EventType } from '../../lib/events/catalogue';
import type { EmailDeliveries, Outgoing } from './email-deliveries';
import { customerOfOrder, recipientOf, rememberRecipient } from './recipients';
import {
  accountReadyEmail,
  passwordResetEmail,
  verificationEmail,
  welcomeEmail,
} from './templates/account-emails';
import {
  customerOrderEmail,
  customerRefundEmail,
  latePaymentRefundEmail,
  vendorNewOrderEmail,
  vendorRefundEmail,
} from './templates/order-emails';
import { lowStockEmail } from './templates/stock-emails';

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
      kind: 'welcome',
      email: data.verificationToken
        ? welcomeEmail(data.displayName, data.verificationToken, publicUrl)
        : accountReadyEmail(data.displayName, publicUrl),
    },
  ],
  'user.verification_requested': (data, { publicUrl }) => [
    {
      to: data.email,
      kind: 'verification',
      email: verificationEmail(data.displayName, data.verificationToken, publicUrl),
    },
  ],
  'user.password_reset_requested': (data, { publicUrl }) => [
    {
      to: data.email,
      kind: 'password-reset',
      email: passwordResetEmail(data.displayName, data.resetToken, publicUrl),
    },
  ],
  'order.status_changed': async (data, { manager, publicUrl }) => {
    const customer = await recipientOf(manager, data.customerId);
    const customerEmail = customerOrderEmail(customer.displayName, data, publicUrl);
    const outgoing: Outgoing[] = customerEmail
      ? [{ to: customer.email, kind: 'order-status', email: customerEmail }]
      : [];
    if (data.to === 'PAID') {
      for (const vendorId of data.vendorIds) {
        const vendor = await recipientOf(manager, vendorId);
        outgoing.push({
          to: vendor.email,
          kind: 'vendor-new-order',
          email: vendorNewOrderEmail(vendor.displayName, vendorId, data, publicUrl),
        });
      }
    }
    return outgoing;
  },
  'payment.refunded': async (data, { manager, publicUrl }) => {
    // Refunds of cancelled orders are told by the REFUNDED status email, line refunds by
    // `order.refunded` (sent once orders recorded them).
    if (data.reason !== 'LATE_PAYMENT') return [];
    // Payments names the customer; an event from before it did falls back to the read model.
    const customer = await recipientOf(
      manager,
      data.customerId ?? (await customerOfOrder(manager, data.orderId)),
    );
    return [
      {
        to: customer.email,
        kind: 'late-payment-refund',
        email: latePaymentRefundEmail(customer.displayName, data, publicUrl),
      },
    ];
  },
  'order.refunded': async (data, { manager, publicUrl }) => {
    const customer = await recipientOf(manager, data.customerId);
    const outgoing: Outgoing[] = [
      {
        to: customer.email,
        kind: 'line-refund',
        email: customerRefundEmail(customer.displayName, data, publicUrl),
      },
    ];
    for (const vendorId of data.vendorIds) {
      const vendor = await recipientOf(manager, vendorId);
      outgoing.push({
        to: vendor.email,
        kind: 'vendor-line-refund',
        email: vendorRefundEmail(vendor.displayName, vendorId, data, publicUrl),
      });
    }
    return outgoing;
  },
  'stock.low': async (data, { manager, publicUrl }) => {
    const vendor = await recipientOf(manager, data.vendorId);
    return [
      {
        to: vendor.email,
        kind: 'low-stock',
        email: lowStockEmail(vendor.displayName, data, publicUrl),
      },
    ];
  },
};

/** Events the mailer listens to: those it mails, plus those that keep its recipients current. */
export const mailerEventTypes: EventType[] = [
  ...(Object.keys(composers) as EventType[]),
  'user.profile_updated',
];

/**
 * Order statuses the mailer has nothing to do with: they mail no one (a late-payment refund names
 * its customer, so the order's customer need not be remembered from them). Checkout publishes two
 * of them per order, so the mailer acks them without a transaction or an inbox row (the
 * consumer's `only`).
 */
const SILENT_STATUSES: ReadonlySet<string> = new Set(['PENDING', 'AWAITING_PAYMENT']);

/** Which events of `type` the mailer handles; the rest are acked untouched. */
export function mailerHandles(event: EventEnvelope): boolean {
  if (event.type !== 'order.status_changed') return true;
  return !SILENT_STATUSES.has((event.data as EventCatalogue['order.status_changed']).to);
}

/**
 * Handles one event inside the consumer's inbox transaction: updates the recipients read model
 * and sends the emails not yet sent, each recorded in its own commit (see EmailDeliveries). An
 * SMTP failure throws, the transaction rolls back and the event is retried later.
 */
export async function handleMailerEvent<T extends EventType>(
  event: EventEnvelope<T>,
  manager: EntityManager,
  deliveries: EmailDeliveries,
  publicUrl: string,
): Promise<void> {
  await rememberRecipient(manager, event);
  const compose = composers[event.type] as Composer<T> | undefined;
  if (!compose) return;
  await deliveries.deliver(event, await compose(event.data, { manager, publicUrl }));
}
