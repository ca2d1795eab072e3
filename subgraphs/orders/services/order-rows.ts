import type { EntityManager } from 'typeorm';
import type { Money, OrderStatus, OrderSummary } from '../../../lib/events/catalogue';
import type { ShortLineRecord } from '../entities/order.entity';
import type { OrderStatusChange } from '../entities/order-status-change.entity';

/** An order as resolvers see it. */
export interface OrderView {
  id: string;
  seq: string;
  customerId: string;
  status: OrderStatus;
  total: Money;
  shortLines: ShortLineRecord[];
  expiresAt: Date | null;
  createdAt: Date;
}

/** An order line as resolvers see it. */
export interface OrderItemView {
  id: string;
  orderId: string;
  productId: string;
  vendorId: string;
  productName: string;
  unitPrice: Money;
  quantity: number;
  subtotal: Money;
  fulfilledAt: Date | null;
  /** Units and money of settled line refunds. */
  refundedQuantity: number;
  refundedAmount: Money;
  /** Of the refunded units, those put back into the warehouses. */
  restockedQuantity: number;
}

/** An entry of an order's history as resolvers see it. */
export type HistoryView = Pick<OrderStatusChange, 'orderId' | 'from' | 'to' | 'reason' | 'at'>;

/** `orders o` columns for {@link orderOf}. */
export const ORDER_COLUMNS = `o.id, o.seq::text AS seq, o.customer_id AS "customerId", o.status,
  o.total_amount::int AS "totalAmount", o.currency, o.short_lines AS "shortLines",
  o.expires_at AS "expiresAt", o.created_at AS "createdAt"`;

/** `order_items i` columns for {@link itemOf}. */
export const ITEM_COLUMNS = `i.id, i.order_id AS "orderId", i.product_id AS "productId",
  i.vendor_id AS "vendorId", i.product_name AS "productName", i.unit_amount AS "unitAmount",
  i.currency, i.quantity, i.fulfilled_at AS "fulfilledAt",
  i.refunded_quantity AS "refundedQuantity", i.refunded_amount::int AS "refundedAmount",
  i.restocked_quantity AS "restockedQuantity"`;

export type OrderRow = Omit<OrderView, 'total'> & { totalAmount: number; currency: string };
export type ItemRow = Omit<OrderItemView, 'unitPrice' | 'subtotal' | 'refundedAmount'> & {
  unitAmount: number;
  currency: string;
  refundedAmount: number;
};

export function orderOf({ totalAmount, currency, ...row }: OrderRow): OrderView {
  return { ...row, total: { amount: totalAmount, currency } };
}

export function itemOf({ unitAmount, currency, refundedAmount, ...row }: ItemRow): OrderItemView {
  return {
    ...row,
    unitPrice: { amount: unitAmount, currency },
    subtotal: { amount: unitAmount * row.quantity, currency },
    refundedAmount: { amount: refundedAmount, currency },
  };
}

/** Reads one order, locked for update when `lock` is set; null when there is none. */
export async function readOrder(
  manager: EntityManager,
  orderId: string,
  lock = false,
): Promise<OrderView | null> {
  const rows = await manager.query<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [orderId],
  );
  return rows.length ? orderOf(rows[0]) : null;
}

export async function readItems(manager: EntityManager, orderId: string): Promise<OrderItemView[]> {
  const rows = await manager.query<ItemRow[]>(
    `SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id = $1 ORDER BY i.position`,
    [orderId],
  );
  return rows.map(itemOf);
}

/** The order as `order.status_changed` carries it. */
export function summaryOf(
  order: OrderView,
  items: ReadonlyArray<
    Pick<OrderItemView, 'productId' | 'productName' | 'vendorId' | 'quantity' | 'unitPrice'>
  >,
): OrderSummary {
  return {
    orderId: order.id,
    customerId: order.customerId,
    vendorIds: [...new Set(items.map((item) => item.vendorId))],
    total: order.total,
    lines: items.map((item) => ({
      productId: item.productId,
      productName: item.productName,
      vendorId: item.vendorId,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
    })),
    expiresAt: order.expiresAt ? order.expiresAt.toISOString() : null,
  };
}

/** Sums money of one currency. */
export function sumMoney(amounts: Money[], currency: string): Money {
  return { amount: amounts.reduce((sum, money) => sum + money.amount, 0), currency };
}
