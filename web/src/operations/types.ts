import type {
  AuthPayloadFragment,
  CategorySummaryFragment,
  CreateProductInput,
  OrderQuery,
  ProductSummaryFragment,
  SalesFiguresFragment,
  StockMovementsQuery,
  VendorProductQuery,
  WarehouseFieldsFragment,
} from '../generated/graphql';

/**
 * The names the screens use for shapes the generated operation types (../generated/graphql.ts,
 * `npm run codegen` from schema/supergraph.graphql) already describe: aliases, never copies, so
 * a schema or selection change reaches every screen through the type check.
 */
export type { OrderStatus, ProductFilter, ProductSort, ProductStatus } from '../generated/graphql';

/** An amount as every selection of `Money` reads it. */
export type Money = ProductSummaryFragment['price'];
export type User = AuthPayloadFragment['user'];
export type CategorySummary = CategorySummaryFragment;
export type Sales = SalesFiguresFragment;
export type Warehouse = WarehouseFieldsFragment;
/** The order page's order: its fields and its payment. */
export type Order = NonNullable<OrderQuery['order']>;

type VendorProduct = NonNullable<VendorProductQuery['product']>;
export type ProductStock = VendorProduct['stock'];
export type StockMovement = StockMovementsQuery['stockMovements'][number];

/** What the product form submits: a whole product, which creating and updating both accept. */
export type ProductInput = CreateProductInput;
