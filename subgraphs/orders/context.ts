import DataLoader from 'dataloader';
import type { Connection } from '../../lib/graphql/pagination';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { OrderPageKey } from './services/order-queries.service';
import type { HistoryView, OrderItemView, OrderView } from './services/order-rows';
import type { OrdersServices } from './services/orders-services';
import type { OrderRefundView } from './services/refund-rows';
import type { ProductSalesView, SalesView } from './services/sales.service';

/** Per-request context of the orders subgraph. */
export interface OrdersContext extends RequestContext {
  services: OrdersServices;
  loaders: OrdersLoaders;
}

/** One SQL statement per loader per fetch step, however many orders a response holds. */
export interface OrdersLoaders {
  orderById: DataLoader<string, OrderView | null>;
  itemsByOrder: DataLoader<string, OrderItemView[]>;
  historyByOrder: DataLoader<string, HistoryView[]>;
  refundsByOrder: DataLoader<string, OrderRefundView[]>;
  /** `myOrders` and `User.orders` pages. */
  customerOrders: DataLoader<OrderPageKey, Connection<OrderView>, string>;
  productSales: DataLoader<string, ProductSalesView>;
  vendorSales: DataLoader<string, SalesView>;
}

export function createOrdersContext(base: RequestContext, services: OrdersServices): OrdersContext {
  return {
    ...base,
    services,
    loaders: {
      orderById: new DataLoader((ids) => services.queries.findByIds(ids)),
      itemsByOrder: new DataLoader((ids) => services.queries.itemsOf(ids)),
      historyByOrder: new DataLoader((ids) => services.queries.historyOf(ids)),
      refundsByOrder: new DataLoader((ids) => services.refunds.refundsOf(ids)),
      customerOrders: new DataLoader((keys) => services.queries.customerPages(keys), {
        cacheKeyFn: (key) => JSON.stringify([key.ownerId, key.first, key.after, key.status]),
      }),
      productSales: new DataLoader((ids) => services.sales.ofProducts(ids)),
      vendorSales: new DataLoader((ids) => services.sales.ofVendors(ids)),
    },
  };
}
