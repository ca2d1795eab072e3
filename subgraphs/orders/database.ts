import type { DatabaseOptions } from '../../lib/db/database';
import { OrderItem } from './entities/order-item.entity';
import { OrderRefundLine } from './entities/order-refund-line.entity';
import { OrderRefund } from './entities/order-refund.entity';
import { OrderStatusChange } from './entities/order-status-change.entity';
import { Order } from './entities/order.entity';
import { Product } from './entities/product.entity';
import { CreateOrders1763700000001 } from './migrations/1763700000001-create-orders';
import { LineRefunds1764600000000 } from './migrations/1764600000000-line-refunds';

/**
 * The tables of the orders subgraph: its entities and, in order, the migrations that create
 * them; the service runtime adds the outbox and inbox (`withEventTables`). What main.ts opens,
 * `npm run migrate` migrates and the drift test compares.
 */
export const ordersDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [Product, Order, OrderItem, OrderStatusChange, OrderRefund, OrderRefundLine],
  migrations: [CreateOrders1763700000001, LineRefunds1764600000000],
};
