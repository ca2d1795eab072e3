/**
 * The event catalogue: the only contract between Bazaar's processes. Each event type maps to the
 * zod schema of its payload, and the TypeScript types are inferred from those schemas, so an
 * event cannot exist without a schema and its shape is spelled once. Subjects are
 * `<EVENT_PREFIX>.<type>`. Add new events here first.
 *
 * Versions: every envelope carries `version` ({@link EVENT_VERSION}, 1 today). An additive change
 * (a new optional field) keeps the version. A breaking change to one event type becomes version 2:
 * its v2 schema is added here beside v1 with an upgrade v1 → v2, consumers are deployed first and
 * accept both (upgrading v1 before their handler runs), and only then do producers write v2; v1
 * goes once no stream holds it any more (EVENT_STREAM_MAX_AGE_HOURS). A consumer that meets a
 * version it does not know dead-letters the event with the reason instead of guessing.
 */
import { z } from 'zod';
import { ROLES } from '../auth/caller';

/** The envelope version producers write. Envelopes without one predate versioning: they are v1. */
export const EVENT_VERSION = 1;

/** Every id in an event is a row id of some service (PostgreSQL `uuid`). */
const id = z.guid();
/** An ISO-8601 instant, as `Date.toISOString()` writes it. */
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');
const count = z.number().int().nonnegative();

const money = z.object({ amount: z.number().int(), currency: z.string().length(3) });

export const ORDER_STATUSES = [
  'PENDING',
  'AWAITING_PAYMENT',
  'PAID',
  'FULFILLED',
  'CANCELLED',
  'EXPIRED',
  'REJECTED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;
const orderStatus = z.enum(ORDER_STATUSES);

/** An order as orders publishes it in `order.status_changed`. */
const orderSummary = z.object({
  orderId: id,
  customerId: id,
  vendorIds: z.array(id),
  total: money,
  lines: z.array(
    z.object({
      productId: id,
      productName: z.string(),
      vendorId: id,
      quantity: count,
      unitPrice: money,
    }),
  ),
  /** When an AWAITING_PAYMENT order's reservation runs out. */
  expiresAt: instant.nullable(),
});

/** A product as catalog publishes it in `product.*` events. */
const productSnapshot = z.object({
  productId: id,
  vendorId: id,
  name: z.string(),
  status: z.enum(['DRAFT', 'ACTIVE', 'ARCHIVED']),
  price: money,
  categoryId: id.nullable(),
});

/** A request to refund units of an order's lines, as `order.refund_requested` carries it. */
const orderRefund = z.object({
  refundId: z.string().min(1),
  orderId: id,
  /** Σ of the lines' amounts, in the order's currency. */
  amount: money,
  lines: z.array(
    z.object({
      itemId: z.string().min(1),
      productId: id,
      productName: z.string(),
      vendorId: id,
      quantity: count,
      /** Unit price × quantity: whole minor units, no rounding. */
      amount: money,
    }),
  ),
  restock: z.boolean(),
  reason: z.string(),
  requestedBy: z.string().min(1),
});

const stockLines = z.array(z.object({ productId: id, warehouseId: id, quantity: count }));

export const eventSchemas = {
  /**
   * A new account; carries the email-verification token for the welcome mail, or null when an
   * operator created the account already verified.
   */
  'user.registered': z.object({
    userId: id,
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    verificationToken: z.string().nullable(),
  }),
  /** The user asked for a new verification link. */
  'user.verification_requested': z.object({
    userId: id,
    email: z.string(),
    displayName: z.string(),
    verificationToken: z.string(),
  }),
  'user.email_verified': z.object({ userId: id, email: z.string() }),
  /** A reset link was requested for an existing account. */
  'user.password_reset_requested': z.object({
    userId: id,
    email: z.string(),
    displayName: z.string(),
    resetToken: z.string(),
  }),
  /** The password was changed or reset; every session was ended. */
  'user.password_changed': z.object({ userId: id, email: z.string() }),
  'user.profile_updated': z.object({
    userId: id,
    displayName: z.string(),
    phone: z.string().nullable(),
  }),

  /** Catalog: the full current state of a product, so consumers can keep a read model. */
  'product.created': productSnapshot,
  'product.updated': productSnapshot,
  'product.archived': productSnapshot,

  /** Orders: a customer placed an order; inventory reserves every line or none. */
  'order.placed': z.object({
    orderId: id,
    customerId: id,
    lines: z.array(z.object({ productId: id, vendorId: id, quantity: count })),
  }),
  /**
   * Orders: the order was cancelled or expired (it will never be PAID again). Inventory gives
   * its stock back: a held reservation is released, units sold to a PAID order that was then
   * cancelled are restocked; payments closes the checkout or refunds a captured payment.
   */
  'order.cancelled': z.object({ orderId: id, reason: z.string() }),
  /**
   * Orders: every status change, with the order's summary so consumers (payments opening a
   * checkout on AWAITING_PAYMENT, the mailer, live subscriptions) need no second source.
   */
  'order.status_changed': orderSummary.extend({
    from: orderStatus.nullable(),
    to: orderStatus,
    reason: z.string().nullable(),
    at: instant,
  }),
  /**
   * Orders: a vendor or an admin asked to refund some units of some lines (`refundOrderLines`).
   * The units are held against the lines until payments answers; payments refunds `amount` at
   * Stripe with an idempotency key derived from `refundId` and answers `payment.refunded`
   * (reason LINES_REFUNDED) or `payment.refund_failed`.
   */
  'order.refund_requested': orderRefund,
  /**
   * Orders: the money of a line refund is back with the customer and the lines record it.
   * Inventory restocks the units when `restock` is set; the mailer tells the customer and the
   * vendors whose lines were refunded.
   */
  'order.refunded': orderRefund.extend({ customerId: id, vendorIds: z.array(id) }),

  /**
   * Payments: money was captured for the order. Only orders reacts: it accepts the payment
   * (PAID, and inventory then sells on `order.status_changed`) or, for an order that can no
   * longer be paid, the refund follows from its `order.cancelled`. Inventory never sells on it.
   */
  'payment.succeeded': z.object({ orderId: id, paymentId: id }),
  /** Payments: the payment failed for good (e.g. an async payment method was declined). */
  'payment.failed': z.object({ orderId: id, paymentId: id, reason: z.string() }),
  /** Payments: the checkout session expired unpaid. */
  'payment.expired': z.object({ orderId: id, paymentId: id }),
  /**
   * Payments: money went back to the customer, because the order was cancelled after payment,
   * because a payment arrived after the order had already expired, or for refunded lines.
   */
  'payment.refunded': z.object({
    orderId: id,
    paymentId: id,
    /** The order's customer, so the mailer can tell them without having seen the order. */
    customerId: id.optional(),
    amount: money,
    reason: z.enum(['ORDER_CANCELLED', 'LATE_PAYMENT', 'LINES_REFUNDED']),
    /** LINES_REFUNDED: the `order.refund_requested` this answers, and Stripe's refund id. */
    refundId: z.string().min(1).optional(),
    providerRefundId: z.string().min(1).optional(),
  }),
  /** Payments: Stripe refused or failed a line refund; nothing was refunded, it may be retried. */
  'payment.refund_failed': z.object({
    orderId: id,
    paymentId: id,
    refundId: z.string().min(1),
    reason: z.string(),
  }),

  /** Inventory: every line is reserved until `expiresAt`. */
  'stock.reserved': z.object({ orderId: id, expiresAt: instant, allocations: stockLines }),
  /** Inventory: nothing was reserved because these lines are short. */
  'stock.rejected': z.object({
    orderId: id,
    shortLines: z.array(z.object({ productId: id, requested: count, available: z.number() })),
  }),
  /** Inventory: a reservation was given back (order cancelled). */
  'stock.released': z.object({ orderId: id }),
  /**
   * Inventory: a reservation passed its expiry. Its units stay held until orders decides: the
   * order expires (`order.cancelled` releases them) or was paid in time (they are sold).
   */
  'stock.reservation_expired': z.object({ orderId: id }),
  /** Inventory: a PAID order's reservation left the warehouses. */
  'stock.sold': z.object({ orderId: id }),
  /** Inventory: sold units came back to the warehouses they were sold from (ledger RESTOCK). */
  'stock.restocked': z.object({ orderId: id, lines: stockLines }),
  /** Inventory: available stock fell to or below the threshold (once per crossing). */
  'stock.low': z.object({
    productId: id,
    vendorId: id,
    productName: z.string(),
    available: z.number().int(),
    threshold: count,
  }),
} satisfies Record<string, z.ZodObject>;

export type EventType = keyof typeof eventSchemas;

/** Each event type's payload, inferred from its schema. */
export type EventCatalogue = { [T in EventType]: z.infer<(typeof eventSchemas)[T]> };

export type Money = z.infer<typeof money>;
export type OrderStatus = z.infer<typeof orderStatus>;
export type OrderSummary = z.infer<typeof orderSummary>;
export type ProductSnapshot = z.infer<typeof productSnapshot>;
export type OrderRefund = z.infer<typeof orderRefund>;

/** What travels on NATS. `id` doubles as the JetStream `Nats-Msg-Id`, so a re-publish is dropped. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  /** The payload's schema version ({@link EVENT_VERSION}); see the top of this file. */
  version: number;
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
