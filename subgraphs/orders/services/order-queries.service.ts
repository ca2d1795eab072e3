import { z } from 'zod';
import { cursorKeys } from '../../../lib/graphql/cursor-keys';
import {
  connectionFrom,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Connection,
} from '../../../lib/graphql/pagination';
import { isId, parseInput } from '../../../lib/validation';
import type {
  OrderStatus,
  QueryMyOrdersArgs,
  QueryVendorOrdersArgs,
  UserOrdersArgs,
} from '../generated/resolvers-types';
import { orderStatus } from '../validation';
import {
  ITEM_COLUMNS,
  itemOf,
  ORDER_COLUMNS,
  orderOf,
  type HistoryView,
  type ItemRow,
  type OrderItemView,
  type OrderRow,
  type OrderView,
} from './order-rows';
import type { OrdersDeps } from './orders-deps';

/** The arguments of `myOrders`, `vendorOrders` and `User.orders` (the same three). */
type PageArgs = QueryMyOrdersArgs | QueryVendorOrdersArgs | UserOrdersArgs;

/** One owner's page (the DataLoader key of `myOrders` and `User.orders`). */
export interface OrderPageKey {
  ownerId: string;
  first: number;
  after: string | null;
  status: OrderStatus | null;
}

/** A vendor's share of an order. */
export interface VendorOrderView {
  order: OrderView;
  vendorId: string;
}

/** Pages of orders as `myOrders`, `User.orders` and `vendorOrders` return them. */
export type OrderConnectionView = Connection<OrderView>;
export type OrderEdgeView = OrderConnectionView['edges'][number];
export type VendorOrderConnectionView = Connection<VendorOrderView>;
export type VendorOrderEdgeView = VendorOrderConnectionView['edges'][number];

const cursorSchema = z.tuple([z.literal('orders'), cursorKeys.bigint]);
const cursorOf = (row: { seq: string }) => encodeCursor(['orders', row.seq]);

/** Reading orders: by id, their lines and history, and newest-first pages. */
export class OrderQueryService {
  constructor(private readonly deps: OrdersDeps) {}

  pageKey(ownerId: string, args: PageArgs): OrderPageKey {
    const first = parseInput(pageSize, args.first, 'first');
    const after = args.after == null ? null : decodeCursor(cursorSchema, args.after, 'after')[1];
    const status = args.status == null ? null : parseInput(orderStatus, args.status, 'status');
    return { ownerId, first, after, status };
  }

  async findByIds(ids: readonly string[]): Promise<Array<OrderView | null>> {
    const valid = ids.filter(isId).map((value) => value.toLowerCase());
    const rows = valid.length
      ? await this.deps.dataSource.query<OrderRow[]>(
          `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = ANY($1::uuid[])`,
          [valid],
        )
      : [];
    const byId = new Map(rows.map((row) => [row.id, orderOf(row)]));
    return ids.map((value) => byId.get(value.toLowerCase()) ?? null);
  }

  async itemsOf(orderIds: readonly string[]): Promise<OrderItemView[][]> {
    const rows = await this.deps.dataSource.query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM order_items i WHERE i.order_id = ANY($1::uuid[])
        ORDER BY i.order_id, i.position`,
      [orderIds],
    );
    const items = rows.map(itemOf);
    return orderIds.map((orderId) => items.filter((item) => item.orderId === orderId));
  }

  async historyOf(orderIds: readonly string[]): Promise<HistoryView[][]> {
    const rows = await this.deps.dataSource.query<HistoryView[]>(
      `SELECT order_id AS "orderId", from_status AS "from", to_status AS "to", reason, at
         FROM order_status_changes WHERE order_id = ANY($1::uuid[]) ORDER BY seq`,
      [orderIds],
    );
    return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId));
  }

  /** Newest-first pages of several customers' orders in one statement. */
  async customerPages(keys: readonly OrderPageKey[]): Promise<OrderConnectionView[]> {
    const rows = await this.deps.dataSource.query<Array<OrderRow & { ord: number }>>(
      `SELECT k.ord::int AS ord, page.*
         FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::text[])
              WITH ORDINALITY AS k(customer_id, lim, after_seq, status, ord)
        CROSS JOIN LATERAL (
               SELECT ${ORDER_COLUMNS} FROM orders o
                WHERE o.customer_id = k.customer_id
                  AND (k.after_seq IS NULL OR o.seq < k.after_seq)
                  AND (k.status IS NULL OR o.status = k.status)
                ORDER BY o.seq DESC
                LIMIT k.lim
              ) page
        ORDER BY k.ord, page.seq::bigint DESC`,
      [
        keys.map((key) => key.ownerId),
        keys.map((key) => key.first + 1),
        keys.map((key) => key.after),
        keys.map((key) => key.status),
      ],
    );
    return keys.map((key, index) => {
      const page = rows.filter((row) => row.ord === index + 1).map(({ ord: _ord, ...row }) => row);
      return connectionFrom(page, key.first, 0, cursorOf, orderOf);
    });
  }

  /** Newest-first page of the orders a vendor has lines in. */
  async vendorPage(key: OrderPageKey): Promise<VendorOrderConnectionView> {
    const rows = await this.deps.dataSource.query<OrderRow[]>(
      `SELECT ${ORDER_COLUMNS} FROM orders o
        WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.vendor_id = $1)
          AND ($2::bigint IS NULL OR o.seq < $2::bigint)
          AND ($3::text IS NULL OR o.status = $3::text)
        ORDER BY o.seq DESC
        LIMIT $4`,
      [key.ownerId, key.after, key.status, key.first + 1],
    );
    return connectionFrom(rows, key.first, 0, cursorOf, (row) => ({
      order: orderOf(row),
      vendorId: key.ownerId,
    }));
  }
}
