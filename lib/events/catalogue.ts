/**
 * The event catalogue: the only contract between Bazaar's processes. Each event type maps to its
 * payload; subjects are `<EVENT_PREFIX>.<type>`. Add new events here first.
 */
import type { Role } from '../auth/caller';

export interface EventCatalogue {
  /**
   * A new account; carries the email-verification token for the welcome mail, or null when an
   * operator created the account already verified.
   */
  'user.registered': {
    userId: string;
    email: string;
    displayName: string;
    role: Role;
    verificationToken: string | null;
  };
  /** The user asked for a new verification link. */
  'user.verification_requested': {
    userId: string;
    email: string;
    displayName: string;
    verificationToken: string;
  };
  'user.email_verified': { userId: string; email: string };
  /** A reset link was requested for an existing account. */
  'user.password_reset_requested': {
    userId: string;
    email: string;
    displayName: string;
    resetToken: string;
  };
  /** The password was changed or reset; every session was ended. */
  'user.password_changed': { userId: string; email: string };
  'user.profile_updated': { userId: string; displayName: string; phone: string | null };

  /** Catalog: the full current state of a product, so consumers can keep a read model. */
  'product.created': ProductSnapshot;
  'product.updated': ProductSnapshot;
  'product.archived': ProductSnapshot;

  /** Orders: a customer placed an order; inventory reserves every line or none. */
  'order.placed': {
    orderId: string;
    customerId: string;
    lines: Array<{ productId: string; vendorId: string; quantity: number }>;
  };
  /**
   * Orders: the order was cancelled or expired (it will never be PAID again). Inventory gives
   * its stock back: a held reservation is released, units sold to a PAID order that was then
   * cancelled are restocked; payments closes the checkout or refunds a captured payment.
   */
  'order.cancelled': { orderId: string; reason: string };
  /**
   * Orders: every status change, with the order's summary so consumers (payments opening a
   * checkout on AWAITING_PAYMENT, the mailer, live subscriptions) need no second source.
   */
  'order.status_changed': OrderSummary & {
    from: OrderStatus | null;
    to: OrderStatus;
    reason: string | null;
    at: string;
  };

  /**
   * Orders: a vendor or an admin asked to refund some units of some lines (`refundOrderLines`).
   * The units are held against the lines until payments answers; payments refunds `amount` at
   * Stripe with an idempotency key derived from `refundId` and answers `payment.refunded`
   * (reason LINES_REFUNDED) or `payment.refund_failed`.
   */
  'order.refund_requested': OrderRefund;
  /**
   * Orders: the money of a line refund is back with the customer and the lines record it.
   * Inventory restocks the units when `restock` is set; the mailer tells the customer and the
   * vendors whose lines were refunded.
   */
  'order.refunded': OrderRefund & { customerId: string; vendorIds: string[] };
  /**
   * Payments: money was captured for the order. Only orders reacts: it accepts the payment
   * (PAID, and inventory then sells on `order.status_changed`) or, for an order that can no
   * longer be paid, the refund follows from its `order.cancelled`. Inventory never sells on it.
   */
  'payment.succeeded': { orderId: string; paymentId: string };
  /** Payments: the payment failed for good (e.g. an async payment method was declined). */
  'payment.failed': { orderId: string; paymentId: string; reason: string };
  /** Payments: the checkout session expired unpaid. */
  'payment.expired': { orderId: string; paymentId: string };
  /**
   * Payments: money went back to the customer, because the order was cancelled after payment or
   * because a payment arrived after the order had already expired.
   */
  'payment.refunded': {
    orderId: string;
    paymentId: string;
    amount: Money;
    reason: 'ORDER_CANCELLED' | 'LATE_PAYMENT' | 'LINES_REFUNDED';
    /** LINES_REFUNDED: the `order.refund_requested` this answers, and Stripe's refund id. */
    refundId?: string;
    providerRefundId?: string;
  };
  /** Payments: Stripe refused or failed a line refund; nothing was refunded, it may be retried. */
  'payment.refund_failed': { orderId: string; paymentId: string; refundId: string; reason: string };

  /** Inventory: every line is reserved until `expiresAt`. */
  'stock.reserved': {
    orderId: string;
    expiresAt: string;
    allocations: Array<{ productId: string; warehouseId: string; quantity: number }>;
  };
  /** Inventory: nothing was reserved because these lines are short. */
  'stock.rejected': {
    orderId: string;
    shortLines: Array<{ productId: string; requested: number; available: number }>;
  };
  /** Inventory: a reservation was given back (order cancelled). */
  'stock.released': { orderId: string };
  /**
   * Inventory: a reservation passed its expiry. Its units stay held until orders decides: the
   * order expires (`order.cancelled` releases them) or was paid in time (they are sold).
   */
  'stock.reservation_expired': { orderId: string };
  /** Inventory: a PAID order's reservation left the warehouses. */
  'stock.sold': { orderId: string };
  /** Inventory: sold units came back to the warehouses they were sold from (ledger RESTOCK). */
  'stock.restocked': {
    orderId: string;
    lines: Array<{ productId: string; warehouseId: string; quantity: number }>;
  };
  /** Inventory: available stock fell to or below the threshold (once per crossing). */
  'stock.low': {
    productId: string;
    vendorId: string;
    productName: string;
    available: number;
    threshold: number;
  };
}

export interface Money {
  amount: number;
  currency: string;
}

export type OrderStatus =
  | 'PENDING'
  | 'AWAITING_PAYMENT'
  | 'PAID'
  | 'FULFILLED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'REJECTED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED';

/** A request to refund units of an order's lines, as `order.refund_requested` carries it. */
export interface OrderRefund {
  refundId: string;
  orderId: string;
  /** Σ of the lines' amounts, in the order's currency. */
  amount: Money;
  lines: Array<{
    itemId: string;
    productId: string;
    productName: string;
    vendorId: string;
    quantity: number;
    /** Unit price × quantity: whole minor units, no rounding. */
    amount: Money;
  }>;
  restock: boolean;
  reason: string;
  requestedBy: string;
}

/** An order as orders publishes it in `order.status_changed`. */
export interface OrderSummary {
  orderId: string;
  customerId: string;
  vendorIds: string[];
  total: Money;
  lines: Array<{
    productId: string;
    productName: string;
    vendorId: string;
    quantity: number;
    unitPrice: Money;
  }>;
  /** When an AWAITING_PAYMENT order's reservation runs out. */
  expiresAt: string | null;
}

/** A product as catalog publishes it in `product.*` events. */
export interface ProductSnapshot {
  productId: string;
  vendorId: string;
  name: string;
  status: 'DRAFT' | 'ACTIVE' | 'ARCHIVED';
  price: { amount: number; currency: string };
  categoryId: string | null;
}

export type EventType = keyof EventCatalogue;

/** What travels on NATS. `id` doubles as the JetStream `Nats-Msg-Id`, so a re-publish is dropped. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  /** The gateway request that caused the event, for following one action across logs. */
  requestId?: string;
  data: EventCatalogue[T];
}

/** JetStream streams by domain: stream suffix -> the first segment of the event types it holds. */
export const STREAMS = {
  USERS: 'user',
  CATALOG: 'product',
  INVENTORY: 'stock',
  ORDERS: 'order',
  PAYMENTS: 'payment',
} as const;

export type StreamName = keyof typeof STREAMS;

/** The stream that holds events of `type`. */
export function streamOf(type: EventType): StreamName {
  const domain = type.split('.')[0];
  const entry = Object.entries(STREAMS).find(([, prefix]) => prefix === domain);
  if (!entry) throw new Error(`No stream holds events of type ${type}`);
  return entry[0] as StreamName;
}
