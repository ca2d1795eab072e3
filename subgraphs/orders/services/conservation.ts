import type { OrderStatus } from '../../../lib/events/catalogue';

/**
 * The conservation rules of the checkout saga, as one place states them. Who owns "sold":
 * orders. Inventory sells an order's held units only when orders moves the order to PAID (it
 * consumes `order.status_changed`, never `payment.succeeded`), and gives them back only when
 * orders says the order can never be paid (`order.cancelled`): released while held, restocked
 * into the warehouses they came from once sold. A payment that reaches an order that can no
 * longer be paid is refunded by payments and never touches stock. So at every quiescent point:
 *
 * 1. per level: on_hand = received + adjusted + transferred in − transferred out − sold + restocked
 *    (the signed sums of the ledger's RECEIPT, ADJUSTMENT, TRANSFER_*, SALE, RESTOCK rows);
 * 2. per level: reserved = the units of the reservations that are live (RESERVED or LAPSED),
 *    and a reservation is live only while its order may still be paid (PENDING, AWAITING_PAYMENT);
 * 3. per product: units sold and not restocked in inventory = units of PAID, FULFILLED and
 *    PARTIALLY_REFUNDED orders less the units their line refunds restocked, plus the units of
 *    REFUNDED orders that line refunds returned without restock (a cancellation restocks all);
 * 4. per order: captured − refunded = what its status says the customer paid: the total less the
 *    settled line refunds while PAID, FULFILLED or PARTIALLY_REFUNDED, nothing otherwise.
 *
 * Line refunds count once settled (the money went back, orders recorded it, inventory restocked
 * on `order.refunded`); a quiescent point has no refund waiting for Stripe's answer.
 *
 * The functions below are pure, so the system tests check the real services' rows with them.
 */

/** Statuses in which the customer keeps the goods and the money stays captured, less refunds. */
export const PAID_STATUSES: readonly OrderStatus[] = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'];

/** Reservation states that still hold units for their order. */
export const LIVE_RESERVATIONS = ['RESERVED', 'LAPSED'] as const;

/** Order statuses in which the order's units may still be held for it. */
export const PAYABLE_STATUSES: readonly OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT'];

/**
 * What an order's status says the customer has paid, net, in minor units: `refundedByLines` is
 * the money of its settled line refunds.
 */
export function netPaidByStatus(status: OrderStatus, total: number, refundedByLines = 0): number {
  return PAID_STATUSES.includes(status) ? total - refundedByLines : 0;
}

/** An order line as the sold-units invariant sees it. */
export interface LineUnits {
  quantity: number;
  /** Units returned by settled line refunds, and of those the units restocked. */
  refunded?: number;
  restocked?: number;
}

/**
 * Units of a line that inventory must count as sold and not restocked: all but the restocked
 * ones while the customer keeps the goods; for a REFUNDED order the units line refunds returned
 * without restock (none after a cancellation, whose refund restocks everything).
 */
export function unitsSoldByStatus(status: OrderStatus, line: LineUnits): number {
  const restocked = line.restocked ?? 0;
  if (PAID_STATUSES.includes(status)) return line.quantity - restocked;
  if (status === 'REFUNDED') return (line.refunded ?? 0) - restocked;
  return 0;
}

/** One stock level with the signed sum of its ledger rows per kind. */
export interface LevelFacts {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  /** Signed sum of quantities per ledger kind (SALE and TRANSFER_OUT negative). */
  ledger: Partial<Record<string, number>>;
}

export interface ReservationFacts {
  orderId: string;
  status: string;
  lines: Array<{ productId: string; warehouseId: string; quantity: number; restocked: number }>;
}

export interface OrderFacts {
  orderId: string;
  status: OrderStatus;
  total: number;
  lines: Array<LineUnits & { productId: string }>;
  /** Money of settled line refunds (Σ of the lines' refunded amounts). */
  refundedByLines?: number;
  /** Line refunds still waiting for payments' answer: none at a quiescent point. */
  pendingRefunds?: number;
  /** Money the provider holds for the order: captured minus refunded (succeeded refunds only). */
  captured: number;
  refunded: number;
}

/** Everything the invariants look at, read from the three services at a quiescent point. */
export interface SagaFacts {
  levels: LevelFacts[];
  reservations: ReservationFacts[];
  orders: OrderFacts[];
}

const ON_HAND_KINDS = ['RECEIPT', 'ADJUSTMENT', 'TRANSFER_IN', 'TRANSFER_OUT', 'SALE', 'RESTOCK'];

/** Every broken invariant, each as a sentence naming what broke; empty when all hold. */
export function conservationViolations(facts: SagaFacts): string[] {
  const violations: string[] = [];
  const liveUnits = new Map<string, number>();
  const soldInInventory = new Map<string, number>();
  for (const reservation of facts.reservations) {
    const live = (LIVE_RESERVATIONS as readonly string[]).includes(reservation.status);
    const sold = reservation.status === 'SOLD' || reservation.status === 'RESTOCKED';
    for (const line of reservation.lines) {
      const level = `${line.productId}/${line.warehouseId}`;
      if (live) liveUnits.set(level, (liveUnits.get(level) ?? 0) + line.quantity);
      if (sold) add(soldInInventory, line.productId, line.quantity - line.restocked);
    }
  }
  for (const level of facts.levels) {
    const key = `${level.productId}/${level.warehouseId}`;
    const fromLedger = ON_HAND_KINDS.reduce((sum, kind) => sum + (level.ledger[kind] ?? 0), 0);
    if (level.onHand !== fromLedger) {
      violations.push(`level ${key}: on_hand ${level.onHand} but the ledger says ${fromLedger}`);
    }
    const live = liveUnits.get(key) ?? 0;
    if (level.reserved !== live) {
      violations.push(
        `level ${key}: reserved ${level.reserved} but live reservations hold ${live}`,
      );
    }
  }
  const soldByOrders = new Map<string, number>();
  const statusOf = new Map(facts.orders.map((order) => [order.orderId, order.status]));
  for (const reservation of facts.reservations) {
    const status = statusOf.get(reservation.orderId);
    const live = (LIVE_RESERVATIONS as readonly string[]).includes(reservation.status);
    if (live && status && !PAYABLE_STATUSES.includes(status)) {
      violations.push(`order ${reservation.orderId}: ${status} but its units are still held`);
    }
  }
  for (const order of facts.orders) {
    for (const line of order.lines) {
      add(soldByOrders, line.productId, unitsSoldByStatus(order.status, line));
    }
    const held = order.captured - order.refunded;
    const paid = netPaidByStatus(order.status, order.total, order.refundedByLines);
    if (held !== paid) {
      violations.push(
        `order ${order.orderId}: ${order.status} says ${paid} paid, the provider holds ${held}`,
      );
    }
  }
  for (const productId of new Set([...soldInInventory.keys(), ...soldByOrders.keys()])) {
    const inventory = soldInInventory.get(productId) ?? 0;
    const orders = soldByOrders.get(productId) ?? 0;
    if (inventory !== orders) {
      violations.push(`product ${productId}: inventory sold ${inventory}, orders paid ${orders}`);
    }
  }
  return violations;
}

function add(totals: Map<string, number>, key: string, amount: number): void {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}
