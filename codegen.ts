import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver, argument and enum types of every subgraph, generated from its SDL
 * (`schema/<name>.graphql`) into `subgraphs/<name>/generated/resolvers-types.ts` by
 * `npm run codegen`. The output is committed so a build needs no codegen; a root jest test
 * (test/config/codegen.test.ts) fails when it is stale.
 */

/** What the generated `Resolvers` of one subgraph are typed against. */
interface SubgraphTypes {
  /** The per-request context interface in `subgraphs/<name>/context.ts`. */
  context: string;
  /**
   * What a resolver receives as its parent, per GraphQL type, when that is not the generated
   * object type (an entity, a view a service returns, a bare reference). Paths are relative to
   * the generated file. Default: no mappers, every parent is the generated type.
   */
  mappers?: Record<string, string>;
}

const SUBGRAPHS: Record<string, SubgraphTypes> = {
  users: {
    context: 'UsersContext',
    mappers: {
      User: '../entities/user.entity#User',
      AuthPayload: '../services/session.service#AuthPayload',
    },
  },
  catalog: { context: 'CatalogContext' },
  inventory: {
    context: 'InventoryContext',
    mappers: {
      Warehouse: '../entities/warehouse.entity#Warehouse',
      StockMovement: '../entities/stock-movement.entity#StockMovement',
      StockLevel: '../services/stock-queries#StockLevelView',
      ProductStock: '../services/stock-queries#ProductStockView',
      // Catalog owns products: inventory's parent is the reference it was asked about.
      Product: '{ id: string }',
    },
  },
  orders: { context: 'OrdersContext' },
  payments: { context: 'PaymentsContext' },
};

const config: CodegenConfig = {
  generates: Object.fromEntries(
    Object.entries(SUBGRAPHS).map(([name, types]) => [
      `subgraphs/${name}/generated/resolvers-types.ts`,
      {
        schema: `schema/${name}.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: `../context#${types.context}`,
          mappers: types.mappers ?? {},
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
