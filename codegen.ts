import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver, argument and enum types of every subgraph, generated from its SDL
 * (`schema/<name>.graphql`) into `subgraphs/<name>/generated/resolvers-types.ts` by
 * `npm run codegen`. The output is committed so a build needs no codegen; a root jest test
 * (test/config/codegen.test.ts) fails when it is stale.
 */

/** Every subgraph's SDL in `schema/` (all but the composed supergraph): a new one needs no entry. */
const SUBGRAPHS = readdirSync(join(__dirname, 'schema'))
  .filter((file) => file.endsWith('.graphql') && file !== 'supergraph.graphql')
  .map((file) => file.slice(0, -'.graphql'.length));

/**
 * What a resolver receives as its parent, per subgraph and GraphQL type, when that is not the
 * generated object type (an entity, a view a service returns, a bare reference). Paths are
 * relative to the generated file. Default: none, every parent is the generated type.
 */
const MAPPERS: Record<string, Record<string, string>> = {
  users: {
    User: '../entities/user.entity#User',
    AuthPayload: '../services/session.service#AuthPayload',
  },
  inventory: {
    Warehouse: '../entities/warehouse.entity#Warehouse',
    StockMovement: '../entities/stock-movement.entity#StockMovement',
    StockLevel: '../services/stock-queries#StockLevelView',
    ProductStock: '../services/stock-queries#ProductStockView',
    // Catalog owns products: inventory's parent is the reference it was asked about.
    Product: '{ id: string }',
  },
  catalog: {
    // Read with its vendor's display name (services/user-names.ts).
    Product: '../services/product-keyset#ProductView',
    Category: '../entities/category.entity#Category',
    ProductConnection: '../services/product-listing.service#ProductConnectionView',
    ProductEdge: '../services/product-listing.service#ProductEdgeView',
    // Users owns accounts: catalog's parent is the reference it was asked about.
    User: '{ id: string }',
  },
  orders: {
    Order: '../services/order-rows#OrderView',
    OrderItem: '../services/order-rows#OrderItemView',
    OrderStatusChange: '../services/order-rows#HistoryView',
    OrderConnection: '../services/order-queries.service#OrderConnectionView',
    OrderEdge: '../services/order-queries.service#OrderEdgeView',
    VendorOrder: '../services/order-queries.service#VendorOrderView',
    VendorOrderConnection: '../services/order-queries.service#VendorOrderConnectionView',
    VendorOrderEdge: '../services/order-queries.service#VendorOrderEdgeView',
    OrderRefund: '../services/refund-rows#OrderRefundView',
    OrderRefundLine: '../services/refund-rows#RefundLineView',
    Sales: '../services/sales.service#SalesView',
    SalesByStatus: '../services/sales.service#SalesByStatusView',
    // Catalog owns products and users accounts: orders' parent is the reference it was asked about.
    Product: '{ id: string }',
    User: '{ id: string }',
  },
  payments: {
    Payment: '../entities/payment.entity#Payment',
    Refund: '../entities/refund.entity#Refund',
    // Orders owns orders: payments' parent is the reference it was asked about.
    Order: '{ id: string }',
  },
};

/** `orders` -> `OrdersContext`, the interface in `subgraphs/<name>/context.ts`. */
const contextOf = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}Context`;

const config: CodegenConfig = {
  generates: Object.fromEntries(
    SUBGRAPHS.map((name) => [
      `subgraphs/${name}/generated/resolvers-types.ts`,
      {
        schema: `schema/${name}.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: `../context#${contextOf(name)}`,
          mappers: MAPPERS[name] ?? {},
          mapperTypeSuffix: 'Model',
          // As lib/graphql/date-time.ts and long.ts parse and serialize them.
          scalars: {
            DateTime: 'Date',
            Long: { input: 'bigint', output: 'bigint | string | number' },
          },
          // A union type plus a const object of its values: entities keep plain strings and zod
          // derives its enums from the values (`z.enum(Role)`), so a new SDL value is one edit.
          enumsAsConst: true,
          useTypeImports: true,
        },
      },
    ]),
  ),
  silent: true,
};

export default config;
