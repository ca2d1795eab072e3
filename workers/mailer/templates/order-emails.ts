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

/** Status changes whose refund the customer learns of from the refund's own email. */
const TOLD_ELSEWHERE = ['LINES_REFUNDED', 'LATE_PAYMENT_REFUNDED'];

/** The customer's email for a status change, or null when that status sends none. */
export function customerOrderEmail(
  displayName: string,
  change: StatusChange,
  publicUrl: string,
): RenderedEmail | null {
  const message = CUSTOMER_MESSAGES[change.to];
  // These refunds have their own email (the lines refunded, or the late payment), sent once.
  if (!message || TOLD_ELSEWHERE.includes(change.reason ?? '')) return null;
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

type LineRefund = EventCatalogue['order.refunded'];

function refundedLines(lines: LineRefund['lines']): string[] {
  return lines.map(
    (line) => `${line.quantity} × ${line.productName}: ${formatMoney(line.amount)} refunded`,
  );
}

/** The customer's email for a line refund: which units, how much, and why. */
export function customerRefundEmail(
  displayName: string,
  refund: LineRefund,
  publicUrl: string,
): RenderedEmail {
  return layout({
    subject: `Refund of ${formatMoney(refund.amount)} (order ${shortId(refund.orderId)})`,
    greeting: greetingFor(displayName),
    paragraphs: [
      `We refunded ${formatMoney(refund.amount)} to your original payment method for:`,
      ...refundedLines(refund.lines),
      `Reason: ${refund.reason}`,
      'Depending on your bank, the money shows on your statement within 5 to 10 days.',
    ],
    action: { label: 'See your order', url: `${publicUrl}/graphql` },
    footer: `Order ${refund.orderId}, refund ${refund.refundId}`,
  });
}

/** A vendor's confirmation of a line refund: only its own lines and their money. */
export function vendorRefundEmail(
  displayName: string,
  vendorId: string,
  refund: LineRefund,
  publicUrl: string,
): RenderedEmail {
  const lines = refund.lines.filter((line) => line.vendorId === vendorId);
  const amount = {
    amount: lines.reduce((sum, line) => sum + line.amount.amount, 0),
    currency: refund.amount.currency,
  };
  return layout({
    subject: `Refund confirmed: ${formatMoney(amount)} (order ${shortId(refund.orderId)})`,
    greeting: greetingFor(displayName),
    paragraphs: [
      `The customer got ${formatMoney(amount)} back for these lines of yours:`,
      ...refundedLines(lines),
      refund.restock
        ? 'The units are back in stock in the warehouses they were shipped from.'
        : 'The units were not restocked.',
      `Reason: ${refund.reason}`,
    ],
    action: { label: 'Open your orders', url: `${publicUrl}/graphql` },
    footer: `Order ${refund.orderId}, refund ${refund.refundId}`,
  });
}
