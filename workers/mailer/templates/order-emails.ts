import type { EventCatalogue, OrderStatus, OrderSummary } from '../../../lib/events/catalogue';
import { formatMoney } from '../../../lib/money';
import { greetingFor, layout, type RenderedEmail } from './layout';

type StatusChange = EventCatalogue['order.status_changed'];

function lineList(lines: OrderSummary['lines']): string[] {
  return lines.map(
    (line) => `${line.quantity} × ${line.productName} at ${formatMoney(line.unitPrice)}`,
  );
}

const shortId = (orderId: string) => orderId.slice(0, 8);

const CUSTOMER_MESSAGES: Partial<Record<OrderStatus, { subject: string; text: string }>> = {
  PAID: {
    subject: 'Order confirmed',
    text: 'Thank you: your payment arrived and your order is confirmed.',
  },
  CANCELLED: {
    subject: 'Order cancelled',
    text: 'Your order was cancelled. Any reserved items were released.',
  },
  EXPIRED: {
    subject: 'Order expired',
    text: 'Your order expired before it was paid, so the items went back on sale.',
  },
  REJECTED: {
    subject: 'Order could not be placed',
    text: 'Some items in your order are no longer in stock in the quantity you asked for, so nothing was reserved.',
  },
  REFUNDED: { subject: 'Order refunded', text: 'Your order was refunded in full.' },
};

/** The customer's email for a status change, or null when that status sends none. */
export function customerOrderEmail(
  displayName: string,
  change: StatusChange,
  publicUrl: string,
): RenderedEmail | null {
  const message = CUSTOMER_MESSAGES[change.to];
  if (!message) return null;
  return layout({
    subject: `${message.subject} (order ${shortId(change.orderId)})`,
    greeting: greetingFor(displayName),
    paragraphs: [
      message.text,
      ...lineList(change.lines),
      `Total: ${formatMoney(change.total)}`,
      ...(change.reason ? [`Reason: ${change.reason}`] : []),
    ],
    action: { label: 'See your order', url: `${publicUrl}/graphql` },
    footer: `Order ${change.orderId}`,
  });
}

/** A vendor's email for a newly paid order: only its own lines. */
export function vendorNewOrderEmail(
  displayName: string,
  vendorId: string,
  change: StatusChange,
  publicUrl: string,
): RenderedEmail {
  const lines = change.lines.filter((line) => line.vendorId === vendorId);
  return layout({
    subject: `New paid order ${shortId(change.orderId)}`,
    greeting: greetingFor(displayName),
    paragraphs: [
      'A customer has paid for an order with items from you. Please ship these lines:',
      ...lineList(lines),
    ],
    action: { label: 'Open your orders', url: `${publicUrl}/graphql` },
    footer: `Order ${change.orderId}`,
  });
}

/** The customer's email when a payment arrived after the order had expired and was refunded. */
export function latePaymentRefundEmail(
  displayName: string,
  data: EventCatalogue['payment.refunded'],
  publicUrl: string,
): RenderedEmail {
  return layout({
    subject: `Payment refunded (order ${shortId(data.orderId)})`,
    greeting: greetingFor(displayName),
    paragraphs: [
      `Your payment of ${formatMoney(data.amount)} arrived after the order had expired, so we refunded it in full.`,
      'You are welcome to place the order again.',
    ],
    action: { label: 'Back to the shop', url: `${publicUrl}/graphql` },
    footer: `Order ${data.orderId}`,
  });
}
