import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../../lib/errors';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import { parseInput } from '../../../lib/validation';
import type { PlaceOrderInput } from '../generated/resolvers-types';
import { placeOrderInput, type ValidPlaceOrderInput } from '../validation';
import { cartTotal, sameCart, type CartLine } from './cart';
import {
  ORDER_COLUMNS,
  orderOf,
  readOrder,
  summaryOf,
  type OrderRow,
  type OrderView,
} from './order-rows';
import type { OrdersDeps } from './orders-deps';

interface ProductRow {
  id: string;
  vendorId: string;
  name: string;
  status: string;
  priceAmount: number;
  priceCurrency: string;
}

/** Placing orders: priced from the local product read model, idempotent per customer and key. */
export class OrderPlacementService {
  constructor(private readonly deps: OrdersDeps) {}

  async place(
    customerId: string,
    rawInput: PlaceOrderInput,
    requestId?: string,
  ): Promise<OrderView> {
    const input = parseInput(placeOrderInput, rawInput, 'input');
    const existing = await this.findByKey(this.deps.dataSource.manager, customerId, input);
    if (existing) return existing;
    const products = await this.productsOf(input);
    // Lines and total are priced from this one read, so the total is always their sum.
    const lines = input.items.map((line) => ({ ...line, ...products[line.productId] }));
    const currency = lines[0].priceCurrency;
    const total = cartTotal(
      lines.map((line) => ({ unitAmount: line.priceAmount, quantity: line.quantity })),
      currency,
    );
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      // One statement writes the order, its lines and its first history entry. A concurrent
      // placement with the same key waits here for the first to commit, then inserts nothing;
      // the first order is returned below (or CONFLICT for another cart).
      const [row] = await manager.query<OrderRow[]>(
        `WITH o AS (
           INSERT INTO orders (customer_id, idempotency_key, status, total_amount, currency)
           VALUES ($1, $2, 'PENDING', $3, $4)
           ON CONFLICT (customer_id, idempotency_key) DO NOTHING
           RETURNING *
         ), items AS (
           INSERT INTO order_items
             (order_id, position, product_id, vendor_id, product_name, unit_amount, currency,
              quantity)
           SELECT o.id, l.position, l.product_id, l.vendor_id, l.name, l.unit_amount, $4,
                  l.quantity
             FROM o, unnest($5::uuid[], $6::uuid[], $7::text[], $8::int[], $9::int[])
                     WITH ORDINALITY AS l(product_id, vendor_id, name, unit_amount, quantity, position)
         ), history AS (
           INSERT INTO order_status_changes (order_id, from_status, to_status, reason)
           SELECT id, NULL, 'PENDING', 'PLACED' FROM o
         )
         SELECT ${ORDER_COLUMNS} FROM o`,
        [
          customerId,
          input.idempotencyKey,
          total,
          currency,
          lines.map((line) => line.id),
          lines.map((line) => line.vendorId),
          lines.map((line) => line.name),
          lines.map((line) => line.priceAmount),
          lines.map((line) => line.quantity),
        ],
      );
      if (!row) return (await this.findByKey(manager, customerId, input))!;
      const order = orderOf(row);
      const orderId = order.id;
      const items = lines.map((line) => ({
        productId: line.id,
        vendorId: line.vendorId,
        productName: line.name,
        quantity: line.quantity,
        unitPrice: { amount: line.priceAmount, currency },
      }));
      await enqueueEvent(
        manager,
        'order.placed',
        {
          orderId,
          customerId,
          lines: items.map(({ productId, vendorId, quantity }) => ({
            productId,
            vendorId,
            quantity,
          })),
        },
        requestId,
      );
      await enqueueEvent(
        manager,
        'order.status_changed',
        {
          ...summaryOf(order, items),
          from: null,
          to: 'PENDING',
          reason: 'PLACED',
          at: order.createdAt.toISOString(),
        },
        requestId,
      );
      return order;
    });
  }

  /**
   * The customer's order placed with this key, when the cart is the same; `CONFLICT` on
   * `input.idempotencyKey` when the key was used for other lines (a client bug that must not
   * silently answer with an order the customer did not ask for).
   */
  private async findByKey(
    manager: EntityManager,
    customerId: string,
    input: ValidPlaceOrderInput,
  ): Promise<OrderView | null> {
    const [row] = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM orders WHERE customer_id = $1 AND idempotency_key = $2',
      [customerId, input.idempotencyKey],
    );
    if (!row) return null;
    const placed = await manager.query<CartLine[]>(
      'SELECT product_id AS "productId", quantity FROM order_items WHERE order_id = $1',
      [row.id],
    );
    if (!sameCart(placed, input.items)) {
      throw new ConflictError(
        'input.idempotencyKey',
        'This idempotency key was used for an order with other lines; use a new key for a new order',
      );
    }
    return readOrder(manager, row.id);
  }

  /** The products of every line, each ACTIVE and all in one currency; BAD_USER_INPUT else. */
  private async productsOf(input: ValidPlaceOrderInput): Promise<Record<string, ProductRow>> {
    const rows = await this.deps.dataSource.query<ProductRow[]>(
      `SELECT id, vendor_id AS "vendorId", name, status, price_amount AS "priceAmount",
              price_currency AS "priceCurrency"
         FROM products WHERE id = ANY($1::uuid[])`,
      [input.items.map((line) => line.productId)],
    );
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    input.items.forEach((line, index) => {
      const product = byId[line.productId];
      if (!product || product.status !== 'ACTIVE') {
        const field = `input.items.${index}.productId`;
        throw new BadUserInputError(field, `${field}: no such product for sale`);
      }
    });
    const currency = byId[input.items[0].productId].priceCurrency;
    input.items.forEach((line, index) => {
      if (byId[line.productId].priceCurrency !== currency) {
        const field = `input.items.${index}.productId`;
        throw new BadUserInputError(
          field,
          `${field}: priced in ${byId[line.productId].priceCurrency}, not ${currency}; one currency per order`,
        );
      }
    });
    return byId;
  }
}
