import { DateTime } from '../../../lib/graphql/date-time';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Product } from './product';
import { ProductStock } from './product-stock';
import { Query } from './query';
import { StockMovement } from './stock-movement';
import { Warehouse } from './warehouse';

/** Checked against the generated `Resolvers`; the server takes them as they are. */
export const inventoryResolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Product,
  ProductStock,
  StockMovement,
  Warehouse,
};
